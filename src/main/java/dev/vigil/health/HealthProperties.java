package dev.vigil.health;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
 * @param downRecheck how soon a DOWN component is checked again, and how soon a request's failure
 * may trigger a check
 * @param timeline how many status changes the in-memory health timeline keeps
 */
@Validated
@ConfigurationProperties("vigil.health")
record HealthProperties(@Valid @NotNull @NestedConfigurationProperty CheckSettings defaults, Map<String, @Valid CheckSettings> components,
		@NotNull @DurationMin(millis = 1) Duration sweepInterval, @Valid @NestedConfigurationProperty DownRecheck downRecheck,
		@Valid @NestedConfigurationProperty Timeline timeline) {

	public HealthProperties {
		components = (components != null) ? Map.copyOf(components) : Map.of();
		downRecheck = (downRecheck != null) ? downRecheck : DownRecheck.DEFAULT;
		timeline = (timeline != null) ? timeline : Timeline.DEFAULT;
	}

	/**
	 * The health timeline: every change of a component's status, kept in memory.
	 *
	 * @param capacity how many changes are kept; older ones are dropped and counted
	 */
	public record Timeline(@Min(1) @Max(100_000) int capacity) {

		static final Timeline DEFAULT = new Timeline(1000);

	}

	/**
	 * While a component is DOWN it is checked again sooner than its interval: after {@code first},
	 * then twice that, up to {@code max} (and never later than its interval), so that a recovery
	 * shows within about {@code max}. A request that fails because the dependency is gone
	 * (see {@link HealthCheckScheduler#reportFailure}) starts a check at most once per {@code first}.
	 *
	 * @param first the first recheck after a DOWN result, and the least time between two
	 * request-triggered checks
	 * @param max the longest time between two checks while DOWN
	 */
	public record DownRecheck(@NotNull @DurationMin(millis = 1) Duration first, @NotNull @DurationMin(millis = 1) Duration max) {

		static final DownRecheck DEFAULT = new DownRecheck(Duration.ofMillis(250), Duration.ofSeconds(1));

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
