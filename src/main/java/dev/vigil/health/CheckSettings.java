package dev.vigil.health;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

/**
 * How often a component is checked, how long one check may take, and how old its latest
 * result may be before it reports DOWN {@code stale}. A null field inherits the default.
 *
 * @param interval time between the starts of two checks
 * @param timeout bound on one check; past it the result is DOWN {@code timeout after Nms}
 * @param staleness age past which the latest result is no longer believed; default
 * {@code 2 × interval + timeout}
 */
record CheckSettings(@DurationMin(millis = 1) Duration interval, @DurationMin(millis = 1) Duration timeout,
		@DurationMin(millis = 1) Duration staleness) {

	/** Settings that take everything from the defaults. */
	static final CheckSettings INHERIT = new CheckSettings(null, null, null);

	/** These settings, with every null field taken from {@code defaults}. */
	CheckSettings orElse(CheckSettings defaults) {
		Duration resolvedInterval = (this.interval != null) ? this.interval : defaults.interval();
		Duration resolvedTimeout = (this.timeout != null) ? this.timeout : defaults.timeout();
		Duration resolvedStaleness = (this.staleness != null) ? this.staleness : defaults.staleness();
		if (resolvedStaleness == null) {
			resolvedStaleness = resolvedInterval.multipliedBy(2).plus(resolvedTimeout);
		}
		return new CheckSettings(resolvedInterval, resolvedTimeout, resolvedStaleness);
	}

}
