package dev.vigil.doors;

import java.time.Duration;

import dev.vigil.health.GroupHealth;
import dev.vigil.models.ModelQueueHealthDetails;

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

	/** The report for one evaluation of every component and of the readiness group. */
	public static RuntimeReport of(GroupHealth overall, GroupHealth readiness, Duration uptime) {
		String state = !readiness.serving() ? "Unhealthy" : Status.UP.equals(overall.status()) ? "Healthy" : "Degraded";
		ModelQueueHealthDetails queue = overall.component(ModelQueueHealthDetails.COMPONENT)
			.map(ModelQueueHealthDetails::of)
			.orElseGet(ModelQueueHealthDetails::none);
		return new RuntimeReport(state, readiness.serving(), queue.acceptingRequests(), queue.modelsLoaded(),
				queue.memoryUsedBytes(), queue.queueDepth(), uptime.toSeconds());
	}

}
