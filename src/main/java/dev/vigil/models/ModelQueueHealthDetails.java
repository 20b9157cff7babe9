package dev.vigil.models;

import java.util.Map;

import dev.vigil.health.ComponentState;

/**
 * The {@code modelQueue} component's counts as the doors read them: written into the component's
 * details by its check and read back from the shared evaluation through this one type, so that a
 * renamed key breaks compilation rather than turning the gRPC and IPC reports into zeros.
 *
 * @param acceptingRequests whether the queue takes new work (false once draining)
 * @param modelsLoaded models in state READY
 * @param memoryUsedBytes memory attributed to the loaded models
 * @param queueDepth requests waiting
 */
public record ModelQueueHealthDetails(boolean acceptingRequests, int modelsLoaded, long memoryUsedBytes, int queueDepth) {

	/** The component's name, in health groups and on every door. */
	public static final String COMPONENT = "modelQueue";

	private static final String ACCEPTING_REQUESTS = "acceptingRequests";

	private static final String MODELS_LOADED = "modelsLoaded";

	private static final String MEMORY_USED_BYTES = "memoryUsedBytes";

	private static final String QUEUE_DEPTH = "queueDepth";

	/** The counts in the component's latest result; zeros and not accepting when it has none. */
	public static ModelQueueHealthDetails of(ComponentState component) {
		Map<String, Object> details = component.details();
		return new ModelQueueHealthDetails(Boolean.TRUE.equals(details.get(ACCEPTING_REQUESTS)),
				number(details, MODELS_LOADED).intValue(), number(details, MEMORY_USED_BYTES).longValue(),
				number(details, QUEUE_DEPTH).intValue());
	}

	/** The counts when the component has not reported at all. */
	public static ModelQueueHealthDetails none() {
		return new ModelQueueHealthDetails(false, 0, 0, 0);
	}

	void putInto(Map<String, Object> details) {
		details.put(ACCEPTING_REQUESTS, this.acceptingRequests);
		details.put(MODELS_LOADED, this.modelsLoaded);
		details.put(MEMORY_USED_BYTES, this.memoryUsedBytes);
		details.put(QUEUE_DEPTH, this.queueDepth);
	}

	private static Number number(Map<String, Object> details, String key) {
		return (details.get(key) instanceof Number number) ? number : 0;
	}

}
