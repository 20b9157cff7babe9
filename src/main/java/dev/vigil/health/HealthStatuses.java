package dev.vigil.health;

import org.springframework.boot.health.contributor.Status;

/**
 * Statuses Vigil adds to Spring Boot's vocabulary, and how a status reads as a gauge.
 * The order is DOWN, OUT_OF_SERVICE, DEGRADED, UP (configured in {@code application.yaml}).
 */
public final class HealthStatuses {

	/** Still serving, but something needs attention. Maps to HTTP 200. */
	public static final Status DEGRADED = new Status("DEGRADED");

	private HealthStatuses() {
	}

	/** 1 for UP, 0.5 for DEGRADED, 0 for anything else: what the {@code vigil_health_status} gauges report. */
	public static double gaugeValue(Status status) {
		if (Status.UP.equals(status)) {
			return 1.0;
		}
		return DEGRADED.equals(status) ? 0.5 : 0.0;
	}

}
