package dev.vigil.lifecycle;

import java.util.List;

import org.apache.commons.logging.Log;

import org.springframework.aot.AotDetector;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Keeps a start in Spring AOT mode ({@code -Dspring.aot.enabled=true}, as the image starts) only
 * when the build's bean definitions fit it ({@link AotSettings}); otherwise the start takes the
 * regular path, which evaluates every condition on this start's configuration, and says why in
 * one line. Runs once the configuration files are loaded, before the context is made, which is
 * where Spring Boot reads the mode.
 */
class AotStartGuard implements EnvironmentPostProcessor, Ordered {

	private static final String AOT_ENABLED = "spring.aot.enabled";

	private final Log logger;

	AotStartGuard(DeferredLogFactory logs) {
		this.logger = logs.getLog(AotStartGuard.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!AotDetector.useGeneratedArtifacts()) {
			return;
		}
		List<String> differing = AotSettings.differing(environment);
		if (differing.isEmpty()) {
			this.logger.info("aot.mode on");
			return;
		}
		// Spring's own switch, read again when the context is made: its local value wins over -D.
		SpringProperties.setProperty(AOT_ENABLED, "false");
		this.logger.info("aot.mode off reason=settings-differ-from-build settings=" + String.join(",", differing));
	}

	@Override
	public int getOrder() {
		// After the configuration files are loaded.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
