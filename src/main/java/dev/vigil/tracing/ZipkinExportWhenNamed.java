package dev.vigil.tracing;

import java.util.Map;

import dev.vigil.support.PackagedSettings;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Naming a collector turns export on. The packaged defaults keep Zipkin export off, so that no
 * span is sent to Spring Boot's default address while nobody named one; once
 * {@code management.tracing.export.zipkin.endpoint} is set, export follows
 * {@code management.tracing.export.enabled} (true unless set), as Spring Boot's documentation
 * describes. An operator's own {@code management.tracing.export.zipkin.enabled} always wins.
 */
class ZipkinExportWhenNamed implements EnvironmentPostProcessor, Ordered {

	static final String ENDPOINT = "management.tracing.export.zipkin.endpoint";

	static final String ZIPKIN_ENABLED = "management.tracing.export.zipkin.enabled";

	static final String EXPORT_ENABLED = "management.tracing.export.enabled";

	/** The source this adds, first of all, when a collector is named. */
	static final String SOURCE = "vigilZipkinExportNamed";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!StringUtils.hasText(environment.getProperty(ENDPOINT))
				|| !PackagedSettings.isPackaged(environment, ZIPKIN_ENABLED)) {
			return;
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource(SOURCE,
					Map.of(ZIPKIN_ENABLED, environment.getProperty(EXPORT_ENABLED, "true"))));
	}

	/** After the configuration files are read. */
	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}
