package dev.vigil.health;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.health.contributor.Status;

/**
 * The inference runtime's health report, as its clients read it on gRPC ({@code Health.model_queue})
 * and on the IPC socket. It is derived from the shared evaluation, so it agrees with every other
 * door: {@code ready} is the readiness group; the state is {@code Unhealthy} whenever that group is
 * not serving (a database outage, a full queue, draining), {@code Degraded} when it serves but some
 * component is not UP, and {@code Healthy} otherwise. The counts come from the {@code modelQueue}
 * component.
 *
 * @param state {@code Healthy}, {@code Degraded} or {@code Unhealthy}
 * @param ready whether the readiness group is serving
 * @param acceptingRequests whether the queue takes new work (false once draining)
 * @param modelsLoaded models in state READY
 * @param memoryUsedBytes memory attributed to the loaded models
 * @param queueDepth requests waiting
 * @param uptimeSecs seconds since the server started
 */
public record RuntimeReport(String state, boolean ready, boolean acceptingRequests, int modelsLoaded,
		long memoryUsedBytes, int queueDepth, long uptimeSecs) {

	/** The component the counts are read from. */
	public static final String MODEL_QUEUE = "modelQueue";

	/** The report for one evaluation of every component and of the readiness group. */
	public static RuntimeReport of(GroupHealth overall, GroupHealth readiness, Duration uptime) {
		String state = !readiness.serving() ? "Unhealthy" : Status.UP.equals(overall.status()) ? "Healthy" : "Degraded";
		Map<String, Object> queue = overall.components()
			.stream()
			.filter((component) -> component.name().equals(MODEL_QUEUE))
			.findFirst()
			.map(ComponentState::details)
			.orElse(Map.of());
		return new RuntimeReport(state, readiness.serving(), Boolean.TRUE.equals(queue.get("acceptingRequests")),
				number(queue, "modelsLoaded").intValue(), number(queue, "memoryUsedBytes").longValue(),
				number(queue, "queueDepth").intValue(), uptime.toSeconds());
	}

	private static Number number(Map<String, Object> details, String key) {
		return (details.get(key) instanceof Number number) ? number : 0;
	}

}
