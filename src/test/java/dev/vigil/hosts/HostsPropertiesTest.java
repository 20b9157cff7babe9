package dev.vigil.hosts;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change feed's and the sinks' settings: their defaults, and values that would stall the
 * feed or empty the log stopping startup with the field named.
 */
class HostsPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void defaultsNeedNoConfiguration() {
		this.runner.run((context) -> {
			HostsProperties properties = context.getBean(HostsProperties.class);
			assertThat(properties.changes().checkInterval()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.changes().retained()).isEqualTo(10_000);
			assertThat(properties.changes().followerCoalesceDelay()).isEqualTo(Duration.ofMillis(100));
			assertThat(properties.sinks().window()).isEqualTo(Duration.ofMinutes(15));
			assertThat(properties.sinks().grace()).isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void aCheckIntervalOfZeroIsRefused() {
		assertRefused("changes.checkInterval", "vigil.hosts.changes.check-interval=0s");
	}

	@Test
	void retainingNoChangeIsRefused() {
		assertRefused("changes.retained", "vigil.hosts.changes.retained=0");
	}

	@Test
	void aNegativeGraceIsRefused() {
		assertRefused("sinks.grace", "vigil.hosts.sinks.grace=-1s");
	}

	private void assertRefused(String field, String value) {
		this.runner.withPropertyValues(value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("on field '" + field + "'");
		});
	}

	@EnableConfigurationProperties(HostsProperties.class)
	static class PropertiesOnly {

	}

}
