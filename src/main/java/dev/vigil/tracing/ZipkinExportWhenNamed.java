package dev.vigil.tracing;

import dev.vigil.support.PackagedSettings;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * Naming a collector turns export on. The packaged defaults keep Zipkin export off, so that no
 * span is sent to Spring Boot's default address while nobody named one; once
 * {@code management.tracing.export.zipkin.endpoint} is set, export follows
 * {@code management.tracing.export.enabled} (true unless set), as Spring Boot's documentation
 * describes. An operator's own {@code management.tracing.export.zipkin.enabled} always wins. The
 * answer is worked out when the setting is read, not when the environment is prepared, so that a
 * collector named later (a test's dynamic properties, say) counts too.
 */
class ZipkinExportWhenNamed implements EnvironmentPostProcessor, Ordered {

	static final String ENDPOINT = "management.tracing.export.zipkin.endpoint";

	static final String ZIPKIN_ENABLED = "management.tracing.export.zipkin.enabled";

	static final String EXPORT_ENABLED = "management.tracing.export.enabled";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources().addFirst(new NamedCollector(environment));
	}

	/** After the configuration files are read. */
	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	/**
	 * Answers {@value #ZIPKIN_ENABLED} alone: with export's own switch once a collector is named and
	 * nobody but the packaged file set it; otherwise nothing, so the next source answers.
	 */
	private static final class NamedCollector extends PropertySource<String> {

		/** Not the source object: Spring Boot reads a source that is an environment as nested sources. */
		private final ConfigurableEnvironment environment;

		/**
		 * Whether this thread is answering already: reading the other settings goes through the
		 * environment's relaxed view of every source, this one included.
		 */
		private final ThreadLocal<Boolean> answering = ThreadLocal.withInitial(() -> false);

		NamedCollector(ConfigurableEnvironment environment) {
			super("vigilZipkinExportWhenNamed", ZIPKIN_ENABLED);
			this.environment = environment;
		}

		@Override
		public Object getProperty(String name) {
			if (!ZIPKIN_ENABLED.equals(name) || this.answering.get()) {
				return null;
			}
			this.answering.set(true);
			try {
				if (!StringUtils.hasText(this.environment.getProperty(ENDPOINT)) || setByTheOperator()) {
					return null;
				}
				return this.environment.getProperty(EXPORT_ENABLED, "true");
			}
			finally {
				this.answering.remove();
			}
		}

		/**
		 * Whether a source of the operator's, not this one nor the packaged file, sets the switch;
		 * Spring Boot's view of every source at once is not one of them.
		 */
		private boolean setByTheOperator() {
			return this.environment.getPropertySources()
				.stream()
				.filter((source) -> source != this && !ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
						&& source.containsProperty(ZIPKIN_ENABLED))
				.findFirst()
				.map((source) -> !PackagedSettings.isPackaged(source, ZIPKIN_ENABLED))
				.orElse(false);
		}

	}

}
