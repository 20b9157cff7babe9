package dev.vigil.database;

import java.util.Optional;

import dev.vigil.health.ComponentState;

/**
 * The {@code db} component's details as the doors read them, through the same keys its check
 * writes them with.
 *
 * @param backend {@code sqlite} or {@code postgresql}; empty before the first check
 * @param latencyMs how long the last check's query took; empty before the first check
 */
public record DatabaseHealthDetails(Optional<String> backend, Optional<Long> latencyMs) {

	/** The component's name, in health groups and on every door. */
	public static final String COMPONENT = "db";

	static final String BACKEND = "backend";

	static final String LATENCY_MS = "latencyMs";

	/** The details in the component's latest result. */
	public static DatabaseHealthDetails of(ComponentState component) {
		return new DatabaseHealthDetails(
				(component.details().get(BACKEND) instanceof String backend) ? Optional.of(backend) : Optional.empty(),
				(component.details().get(LATENCY_MS) instanceof Number latency) ? Optional.of(latency.longValue())
						: Optional.empty());
	}

}
