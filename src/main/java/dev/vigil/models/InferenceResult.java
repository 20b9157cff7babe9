package dev.vigil.models;

import java.util.List;

/**
 * A finished inference.
 *
 * @param outputs the model's outputs, in its order
 * @param queueNanos how long the request waited in the queue
 * @param runNanos how long ONNX Runtime ran it
 */
public record InferenceResult(List<TensorData> outputs, long queueNanos, long runNanos) {
}
