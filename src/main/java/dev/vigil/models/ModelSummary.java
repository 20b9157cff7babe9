package dev.vigil.models;

import java.time.Instant;

/**
 * One model as the registry lists it to other doors.
 *
 * @param handleId unique to one load of the model
 * @param name the model's name
 * @param format {@code onnx}
 * @param sizeBytes the model file's size
 * @param memoryBytes memory attributed to the model while it is loaded
 * @param state {@code LOADING}, {@code READY}, {@code UNLOADING} or {@code ERROR}
 * @param requestCount inferences run
 * @param avgLatencyMs their mean run time
 * @param loadedAt when it became READY; null before that
 */
public record ModelSummary(long handleId, String name, String format, long sizeBytes, long memoryBytes, String state,
		long requestCount, double avgLatencyMs, Instant loadedAt) {

	static ModelSummary of(ModelEntry entry) {
		return new ModelSummary(entry.handleId(), entry.name(), entry.format(), entry.sizeBytes(), entry.memoryBytes(),
				entry.state().name(), entry.requestCount(), entry.averageLatencyMillis(), entry.loadedAt());
	}

}
