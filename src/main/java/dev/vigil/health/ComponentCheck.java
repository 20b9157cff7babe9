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

}
