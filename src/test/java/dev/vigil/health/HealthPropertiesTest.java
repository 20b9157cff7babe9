package dev.vigil.health;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthPropertiesTest {

	private final HealthProperties properties = new HealthProperties(
			new CheckSettings(Duration.ofSeconds(5), Duration.ofSeconds(2), null),
			Map.of("db", new CheckSettings(Duration.ofSeconds(1), null, null), "acme",
					new CheckSettings(null, null, Duration.ofMinutes(5))),
			Duration.ofSeconds(1), null, null);

	@Test
	void unsetComponentTakesTheDefaultsWithStalenessFromThem() {
		assertThat(this.properties.settingsFor("hooks"))
			.isEqualTo(new CheckSettings(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(12)));
	}

	@Test
	void stalenessFollowsTheComponentsOwnInterval() {
		assertThat(this.properties.settingsFor("db"))
			.isEqualTo(new CheckSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)));
	}

	@Test
	void explicitStalenessWins() {
		assertThat(this.properties.settingsFor("acme").staleness()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void defaultsWithoutTimeoutAreIncomplete() {
		HealthProperties incomplete = new HealthProperties(new CheckSettings(Duration.ofSeconds(5), null, null), null,
				Duration.ofSeconds(1), null, null);
		assertThat(incomplete.isDefaultsComplete()).isFalse();
		assertThat(this.properties.isDefaultsComplete()).isTrue();
	}

}
