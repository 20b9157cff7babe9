package dev.vigil.health;

import java.time.Duration;

import org.springframework.boot.health.contributor.Health;

/**
 * One finished check.
 *
 * @param health what the check found
 * @param finishedAtNanos monotonic time ({@link System#nanoTime()}) the result was recorded
 * @param duration how long the check ran
 */
record CheckResult(Health health, long finishedAtNanos, Duration duration) {

	/** Detail key that says, for a component that is not healthy, why. */
	static final String REASON = "reason";

}
