package dev.vigil.support;

import java.time.Duration;

/**
 * Exponential backoff: {@code first}, twice that, four times… after each consecutive failure, never
 * more than {@code max}.
 *
 * @param first the delay after the first failure
 * @param max the longest delay
 */
public record Backoff(Duration first, Duration max) {

	/** The delay after {@code consecutiveFailures} failures in a row (at least one). */
	public Duration after(int consecutiveFailures) {
		int doublings = Math.min(Math.max(1, consecutiveFailures) - 1, 30);
		Duration delay = this.first.multipliedBy(1L << doublings);
		return (delay.compareTo(this.max) > 0) ? this.max : delay;
	}

}
