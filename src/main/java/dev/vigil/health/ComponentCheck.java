package dev.vigil.health;

import java.util.Map;

import org.springframework.boot.health.contributor.Health;

/**
 * One component's health check. It may block and do I/O: the {@link HealthCheckScheduler}
 * runs it in the background, bounded by the component's timeout, never on a probe's thread.
 */
@FunctionalInterface
public interface ComponentCheck {

	/**
	 * Runs the check. An exception becomes a DOWN result whose reason is its (redacted) message.
	 */
	Health check() throws Exception;

	/**
	 * Details that hold whatever the check's outcome, merged into a result the scheduler makes
	 * itself (timeout, exception). Must not block.
	 */
	default Map<String, Object> describe() {
		return Map.of();
	}

	/**
	 * The one way a component asks for its check to run now rather than at its next interval, so
	 * that a change shows on every door at once. Called once, when the check is scheduled: a check
	 * that reads state its component keeps hands {@code refreshNow} to whatever changes that state
	 * (a listener, the method that records an outcome). {@code refreshNow} returns at once; the
	 * check runs in the background as always.
	 */
	default void refreshWith(Runnable refreshNow) {
	}

}
