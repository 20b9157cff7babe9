package dev.vigil.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.vigil.support.PackagedSettings;

import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Which settings of a start differ from those the build's Spring AOT processing saw, among the
 * ones a bean condition reads. AOT fixes every {@code @Conditional} at build time, on the
 * packaged {@code application.yaml} alone, so a start may use the generated bean definitions only
 * when every setting a condition reads has its packaged value.
 * <p>
 * Which settings no condition reads is listed here, not derived: everything under
 * {@code vigil.} but the keys Vigil's own conditions read ({@link #CONDITION_KEYS}; the beans
 * that other Vigil settings switch are registered at start by {@code BeanRegistrar}s, which run in
 * AOT mode too), the database's URL, credentials and pool, the two ports, the shutdown's grace
 * periods, logging and where configuration is loaded from. Any other setting that differs from
 * its packaged value (a management port, an endpoint's exposure, Spring Boot Admin's client, a
 * profile) counts, so a setting this class does not know of takes the regular start: slower,
 * never wrong. Only names are reported, never values: a setting may be a secret.
 */
final class AotSettings {

	/** The keys that Vigil's own bean conditions read, canonical (see {@link #canonical}). */
	static final Set<String> CONDITION_KEYS = Set.of("vigil.security.enabled", "management.health.diskspace.enabled",
			"management.tracing.export.enabled", "management.tracing.export.zipkin.enabled");

	/** The namespaces Spring binds; the process's other environment variables and system properties are not settings. */
	private static final List<String> NAMESPACES = List.of("spring.", "management.", "server.", "logging.", "vigil.",
			"debug", "trace");

	/** Canonical prefixes (or whole keys) that no bean condition reads. */
	private static final List<String> UNCONDITIONAL = List.of("vigil.", "spring.datasource.url", "spring.datasource.username",
			"spring.datasource.password", "spring.datasource.hikari.", "server.port", "spring.grpc.server.port",
			"server.shutdown", "spring.grpc.server.shutdown.", "spring.lifecycle.", "logging.", "spring.config.",
			"spring.aot.enabled", "spring.application.", "spring.context.exit");

	private AotSettings() {
	}

	/**
	 * The canonical names of the settings in {@code environment} that a bean condition reads and
	 * whose value is not the packaged one, sorted; empty when the build's bean definitions fit
	 * this start.
	 */
	static List<String> differing(ConfigurableEnvironment environment) {
		Map<String, String> packagedValues = packagedValues(environment);
		Set<String> differing = new TreeSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
				continue;
			}
			for (String name : enumerable.getPropertyNames()) {
				// VIGIL_IPC_ENABLED as the property it sets, which the environment resolves whole.
				String key = (source instanceof SystemEnvironmentPropertySource)
						? name.toLowerCase(Locale.ROOT).replace('_', '.') : name;
				String canonical = canonical(key);
				if (!inNamespace(canonical) || unconditional(canonical)) {
					continue;
				}
				if (!Objects.equals(environment.getProperty(key), packagedValues.get(canonical))) {
					differing.add(canonical);
				}
			}
		}
		return new ArrayList<>(differing);
	}

	/** Relaxed binding's form: lower case, no dashes, indexes as path elements, so that every spelling of one key is one. */
	static String canonical(String key) {
		return key.toLowerCase(Locale.ROOT).replace("-", "").replace("[", ".").replace("]", "");
	}

	private static boolean inNamespace(String canonical) {
		return NAMESPACES.stream().anyMatch(canonical::startsWith);
	}

	private static boolean unconditional(String canonical) {
		return !CONDITION_KEYS.contains(canonical) && UNCONDITIONAL.stream().anyMatch(canonical::startsWith);
	}

	/**
	 * The packaged application.yaml's values, from the sources Spring Boot loaded it into (each
	 * value's origin names its file), so the file is not read a second time. None when a start
	 * replaced the packaged file: then every setting counts.
	 */
	private static Map<String, String> packagedValues(ConfigurableEnvironment environment) {
		Map<String, String> values = new LinkedHashMap<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable && source instanceof OriginLookup<?>) {
				@SuppressWarnings("unchecked")
				OriginLookup<String> origins = (OriginLookup<String>) source;
				for (String name : enumerable.getPropertyNames()) {
					if (PackagedSettings.isPackaged(origins.getOrigin(name))) {
						values.putIfAbsent(canonical(name), String.valueOf(enumerable.getProperty(name)));
					}
				}
			}
		}
		return values;
	}

}
