package dev.vigil.doors.ipc;

/**
 * A rate bound: up to {@code perSecond} takes in a burst, refilled at {@code perSecond}. Used from
 * the socket's one thread only, so it needs no lock.
 */
final class TokenBucket {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final double perSecond;

	private double tokens;

	private long refilledAt;

	TokenBucket(int perSecond, long nowNanos) {
		this.perSecond = perSecond;
		this.tokens = perSecond;
		this.refilledAt = nowNanos;
	}

	/** Takes one token if there is one. */
	boolean tryTake(long nowNanos) {
		double elapsed = (double) (nowNanos - this.refilledAt) / NANOS_PER_SECOND;
		this.tokens = Math.min(this.perSecond, this.tokens + elapsed * this.perSecond);
		this.refilledAt = nowNanos;
		if (this.tokens < 1) {
			return false;
		}
		this.tokens -= 1;
		return true;
	}

}
