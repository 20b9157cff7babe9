package dev.vigil.health;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the background health checks.
 *
 * @param defaults interval, timeout and staleness of every component unless overridden
 * @param components per-component overrides, keyed by component name ({@code db}, ...)
 * @param sweepInterval how often results are re-read to notice one turning stale
 */
@Validated
@ConfigurationProperties("vigil.health")
public record HealthProperties(@Valid @NotNull @NestedConfigurationProperty CheckSettings defaults, Map<String, @Valid CheckSettings> components,
		@NotNull @DurationMin(millis = 1) Duration sweepInterval) {

	public HealthProperties {
		components = (components != null) ? Map.copyOf(components) : Map.of();
	}

	/** The defaults are what every component falls back on, so they must be complete. */
	@AssertTrue(message = "vigil.health.defaults needs both interval and timeout")
	public boolean isDefaultsComplete() {
		return this.defaults == null || (this.defaults.interval() != null && this.defaults.timeout() != null);
	}

	/** The effective settings of one component. */
	CheckSettings settingsFor(String component) {
		return this.components.getOrDefault(component, CheckSettings.INHERIT).orElse(this.defaults);
	}

}
