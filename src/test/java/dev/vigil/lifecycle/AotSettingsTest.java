package dev.vigil.lifecycle;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.vigil.support.PackagedSettings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.micrometer.tracing.autoconfigure.ConditionalOnEnabledTracingExport;
import org.springframework.boot.origin.OriginTrackedResource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which starts the build's Spring AOT bean definitions fit: judged on a real environment made the
 * way Spring Boot makes it (command-line arguments, a configuration file, the process's
 * environment variables, the packaged application.yaml last).
 */
class AotSettingsTest {

	@Test
	void theChartsUsualSettingsKeepTheBuildsDefinitions() throws IOException {
		assertThat(differing(Map.of("PATH", "/usr/bin", "HOME", "/app", "VIGIL_HOSTS_FILE_PATH", "/data/hosts",
				"SPRING_DATASOURCE_URL", "jdbc:postgresql://db/vigil", "SPRING_DATASOURCE_PASSWORD", "secret",
				"VIGIL_IPC_ENABLED", "true", "VIGIL_TLS_ENABLED", "true", "VIGIL_SECURITY_TOKENS_0_NAME", "operator",
				"SPRING_CONFIG_ADDITIONAL_LOCATION", "/config/"), Map.of("server.port", "8081"),
				Map.of("server.shutdown", "graceful", "spring.grpc.server.shutdown.grace-period", "25s",
						"spring.lifecycle.timeout-per-shutdown-phase", "25s", "vigil.lifecycle.drain-timeout", "20s")))
			.isEmpty();
	}

	@Test
	void aSettingThatABootConditionReadsTakesTheRegularStart() throws IOException {
		assertThat(differing(Map.of("MANAGEMENT_SERVER_PORT", "8081"), Map.of(), Map.of()))
			.containsExactly("management.server.port");
		assertThat(differing(Map.of(), Map.of("spring.boot.admin.client.enabled", "true"), Map.of()))
			.containsExactly("spring.boot.admin.client.enabled");
		assertThat(differing(Map.of("SPRING_PROFILES_ACTIVE", "dev"), Map.of(), Map.of()))
			.containsExactly("spring.profiles.active");
		assertThat(differing(Map.of(), Map.of(),
				Map.of("management.endpoints.web.exposure.include", "health", "vigil.hooks.timeout", "5s")))
			.containsExactly("management.endpoints.web.exposure.include");
	}

	@Test
	void aSettingThatAVigilConditionReadsCountsOnlyWhenItChangesItsValue() throws IOException {
		assertThat(differing(Map.of(), Map.of("vigil.security.enabled", "false"), Map.of()))
			.containsExactly("vigil.security.enabled");
		assertThat(differing(Map.of("VIGIL_SECURITY_ENABLED", "true"), Map.of(), Map.of())).isEmpty();
		assertThat(differing(Map.of(), Map.of("management.health.disk-space.enabled", "false"), Map.of()))
			.containsExactly("management.health.diskspace.enabled");
	}

	@Test
	void withoutThePackagedFileEverySettingAConditionReadsCounts() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.addLast(new MapPropertySource("Config resource 'file [/config/application.yaml]'",
					Map.of("spring.boot.admin.client.enabled", "false", "vigil.hooks.timeout", "5s")));
		assertThat(AotSettings.differing(environment)).containsExactly("spring.boot.admin.client.enabled");
	}

	@Test
	void valuesAreNeverReported() throws IOException {
		assertThat(differing(Map.of("SPRING_BOOT_ADMIN_CLIENT_PASSWORD", "hunter2"), Map.of(), Map.of()))
			.containsExactly("spring.boot.admin.client.password")
			.noneMatch((name) -> name.contains("hunter2"));
	}

	/**
	 * Every property a condition on Vigil's own classes reads is one {@link AotSettings} counts, and
	 * no other kind of condition is there: a new one must be a BeanRegistrar (decided at each
	 * start) or be added to {@link AotSettings#CONDITION_KEYS}.
	 */
	@Test
	void everyConditionOnVigilsClassesReadsAKeyThatCounts() throws Exception {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*")));
		List<String> read = new ArrayList<>();
		for (var candidate : scanner.findCandidateComponents("dev.vigil")) {
			Class<?> type = ClassUtils.forName(candidate.getBeanClassName(), getClass().getClassLoader());
			for (AnnotatedElement element : Stream.concat(Stream.of(type), Arrays.stream(type.getDeclaredMethods())).toList()) {
				MergedAnnotations annotations = MergedAnnotations.from(element);
				annotations.stream(Conditional.class)
					.filter((conditional) -> conditional.getMetaSource() == null
							|| !conditional.getMetaSource().getType().getName().startsWith("org.springframework.boot.autoconfigure.condition.ConditionalOn")
							&& !conditional.getMetaSource().getType().equals(ConditionalOnEnabledHealthIndicator.class)
							&& !conditional.getMetaSource().getType().equals(ConditionalOnEnabledTracingExport.class))
					.forEach((unknown) -> read.add("unknown condition on " + element));
				annotations.stream(ConditionalOnBooleanProperty.class).forEach((property) -> read.addAll(names(property)));
				annotations.stream(ConditionalOnProperty.class).forEach((property) -> read.addAll(names(property)));
				annotations.stream(ConditionalOnExpression.class).forEach((expression) -> {
					Matcher placeholders = Pattern.compile("\\$\\{([^:}]+)").matcher(expression.getString("value"));
					while (placeholders.find()) {
						read.add(placeholders.group(1));
					}
				});
				annotations.stream(ConditionalOnEnabledHealthIndicator.class)
					.forEach((indicator) -> read.add("management.health." + indicator.getString("value") + ".enabled"));
				annotations.stream(ConditionalOnEnabledTracingExport.class).forEach((export) -> {
					read.add("management.tracing.export.enabled");
					read.add("management.tracing.export." + export.getString("value") + ".enabled");
				});
			}
		}
		assertThat(read).as("the properties Vigil's conditions read").isNotEmpty();
		assertThat(read.stream().map(AotSettings::canonical)).allMatch(AotSettings.CONDITION_KEYS::contains);
	}

	private static List<String> names(MergedAnnotation<?> property) {
		String prefix = property.getString("prefix");
		String[] names = property.getStringArray("name");
		String[] keys = (names.length > 0) ? names : property.getStringArray("value");
		return Arrays.stream(keys).map((name) -> prefix.isEmpty() ? name : prefix + "." + name).toList();
	}

	private static List<String> differing(Map<String, Object> variables, Map<String, Object> arguments,
			Map<String, Object> configFile) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addLast(new MapPropertySource("commandLineArgs", new LinkedHashMap<>(arguments)));
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new LinkedHashMap<>(variables)));
		environment.getPropertySources()
			.addLast(new MapPropertySource("Config resource 'file [/config/application.yaml]'", new LinkedHashMap<>(configFile)));
		// The packaged file as Spring Boot's configuration data loads it: its resource wrapped with
		// the location, each value's origin naming the file.
		new YamlPropertySourceLoader()
			.load("Config resource 'class path resource [application.yaml]'",
					OriginTrackedResource.of(new ClassPathResource(PackagedSettings.FILE), null))
			.forEach(environment.getPropertySources()::addLast);
		return AotSettings.differing(environment);
	}

}
