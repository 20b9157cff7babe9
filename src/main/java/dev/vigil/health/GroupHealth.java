package dev.vigil.health;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.boot.health.contributor.Status;

/**
 * A health group as every door reports it.
 *
 * @param name the group's name ({@code liveness}, {@code readiness}; empty for all components)
 * @param status the aggregated status, by the group's own status order
 * @param httpStatus the HTTP status the group's own mapping gives that status
 * @param components the group's members
 * @param failing the members whose own status alone would make the group not serving
 */
public record GroupHealth(String name, Status status, int httpStatus, List<ComponentState> components,
		List<ComponentState> failing) {

	/** Whether the group's HTTP mapping says 2xx: ready, alive, SERVING. */
	public boolean serving() {
		return isServing(this.httpStatus);
	}

	static boolean isServing(int httpStatus) {
		return httpStatus >= 200 && httpStatus < 300;
	}

	/** The member of that name, if the group has it. */
	public Optional<ComponentState> component(String componentName) {
		return this.components.stream().filter((component) -> component.name().equals(componentName)).findFirst();
	}

	/** {@code component: reason} for each failing member, joined by {@code "; "}; empty when serving. */
	public String reason() {
		return this.failing.stream()
			.map((component) -> component.name() + ": " + component.reason())
			.collect(Collectors.joining("; "));
	}

}
