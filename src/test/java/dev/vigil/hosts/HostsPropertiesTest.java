package dev.vigil.hosts;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change feed's, the sinks' and the snapshots' settings: their defaults, and values that
 * would stall the feed, empty the log or keep no snapshot stopping startup with the field named.
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
			assertThat(properties.snapshots().maxSnapshots()).isEqualTo(50);
			assertThat(properties.snapshots().maxAge()).isEqualTo(Duration.ofDays(30));
			assertThat(properties.snapshots().scheduleInterval()).as("no scheduled snapshots").isNull();
		});
	}

	@Test
	void keepingNoSnapshotIsRefused() {
		assertRefused("snapshots.maxSnapshots", "vigil.hosts.snapshots.max-snapshots=0");
	}

	@Test
	void aScheduleFasterThanASecondIsRefused() {
		assertRefused("snapshots.scheduleInterval", "vigil.hosts.snapshots.schedule-interval=10ms");
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
