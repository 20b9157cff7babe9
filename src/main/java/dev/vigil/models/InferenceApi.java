package dev.vigil.models;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Inference for doors other than {@code vigil.v1.InferenceService} (the IPC socket): the same
 * queue, validation, priorities, deadlines, cancellation and drain as its {@code Infer}.
 */
public final class InferenceApi {

	private final InferenceService inference;

	private final ModelRegistry registry;

	InferenceApi(InferenceService inference, ModelRegistry registry) {
		this.inference = inference;
		this.registry = registry;
	}

	/**
	 * Validates and queues a request; the future completes with the outputs or fails with a
	 * {@link ModelsException}. A refusal (unknown model, bad input, full queue, shutting down) throws
	 * at once and queues nothing.
	 *
	 * @param deadlineNanos on {@link System#nanoTime()}'s clock; {@link Long#MAX_VALUE} for none
	 */
	public CompletableFuture<InferenceResult> submit(String requestId, String model, List<TensorData> inputs,
			Priority priority, long deadlineNanos) {
		return this.inference.submit(requestId, model, inputs, priority, deadlineNanos);
	}

	/** Cancels a queued or running request; false when no such request is waiting or running. */
	public boolean cancel(String requestId) {
		return this.inference.cancel(requestId);
	}

	/**
	 * Runs the model once through the queue on zeros of its declared input shapes (a dynamic
	 * dimension as 1), so that the first real request does not pay for ONNX Runtime's lazy
	 * initialisation; completes with how long the run took, queue included.
	 */
	public CompletableFuture<Duration> warmup(String model) {
		List<TensorData> inputs = new ArrayList<>();
		for (TensorSpec spec : this.registry.get(model).inputs().values()) {
			inputs.add(zeros(spec));
		}
		long started = System.nanoTime();
		return this.inference.submit("warmup-" + UUID.randomUUID(), model, inputs, Priority.NORMAL, Long.MAX_VALUE)
			.thenApply((result) -> Duration.ofNanos(System.nanoTime() - started));
	}

	private static TensorData zeros(TensorSpec spec) {
		if (spec.type() == null) {
			throw new ModelsException(ModelsException.Reason.INVALID,
					"input '" + spec.name() + "' has a type the API cannot carry: " + spec.describe());
		}
		long[] shape = spec.shape().clone();
		int elements = 1;
		for (int i = 0; i < shape.length; i++) {
			shape[i] = (shape[i] < 0) ? 1 : shape[i];
			elements = Math.multiplyExact(elements, Math.toIntExact(shape[i]));
		}
		return (spec.type() == TensorType.FLOAT32) ? new TensorData(spec.name(), spec.type(), shape, new float[elements], null)
				: new TensorData(spec.name(), spec.type(), shape, null, new long[elements]);
	}

}
