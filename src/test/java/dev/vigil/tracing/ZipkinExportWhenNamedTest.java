package dev.vigil.tracing;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.vigil.support.PackagedSettings;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.OriginTrackedResource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export follows the naming of a collector: off while none is named (the packaged default), on
 * once one is, off again with {@code management.tracing.export.enabled=false}, and an operator's
 * own {@code management.tracing.export.zipkin.enabled} always wins.
 */
class ZipkinExportWhenNamedTest {

	private static final String COLLECTOR = "http://127.0.0.1:9411/api/v2/spans";

	@Test
	void nothingNamedNothingSent() throws IOException {
		assertThat(zipkinExport(Map.of())).isEqualTo("false");
	}

	@Test
	void namingACollectorTurnsExportOn() throws IOException {
		assertThat(zipkinExport(Map.of(ZipkinExportWhenNamed.ENDPOINT, COLLECTOR))).isEqualTo("true");
	}

	@Test
	void exportEnabledFalseStillTurnsItOff() throws IOException {
		assertThat(zipkinExport(Map.of(ZipkinExportWhenNamed.ENDPOINT, COLLECTOR, ZipkinExportWhenNamed.EXPORT_ENABLED, "false")))
			.isEqualTo("false");
	}

	@Test
	void theOperatorsOwnSwitchWins() throws IOException {
		assertThat(zipkinExport(Map.of(ZipkinExportWhenNamed.ENDPOINT, COLLECTOR, ZipkinExportWhenNamed.ZIPKIN_ENABLED, "false")))
			.isEqualTo("false");
	}

	@Test
	void aCollectorNamedOnceTheEnvironmentIsPreparedCountsToo() throws IOException {
		StandardEnvironment environment = prepared(Map.of());
		environment.getPropertySources()
			.addFirst(new MapPropertySource("dynamicProperties", Map.of(ZipkinExportWhenNamed.ENDPOINT, COLLECTOR)));
		assertThat(environment.getProperty(ZipkinExportWhenNamed.ZIPKIN_ENABLED)).isEqualTo("true");
	}

	/** What Zipkin export is once the post-processor ran, with these settings of an operator's before the packaged file. */
	private static String zipkinExport(Map<String, Object> operator) throws IOException {
		return prepared(operator).getProperty(ZipkinExportWhenNamed.ZIPKIN_ENABLED);
	}

	/** An environment with these settings of an operator's before the packaged file, the post-processor run. */
	private static StandardEnvironment prepared(Map<String, Object> operator) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", operator));
		new YamlPropertySourceLoader()
			.load("Config resource 'class path resource [application.yaml]'",
					OriginTrackedResource.of(new ClassPathResource(PackagedSettings.FILE), null))
			.forEach(environment.getPropertySources()::addLast);
		// As Spring Boot prepares it: its relaxed view of every source first of all.
		ConfigurationPropertySources.attach(environment);
		new ZipkinExportWhenNamed().postProcessEnvironment(environment, null);
		return environment;
	}

}
