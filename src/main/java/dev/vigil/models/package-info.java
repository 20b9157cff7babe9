/**
 * The model queue: the model registry on ONNX Runtime, the bounded priority queue, workers and the
 * stuck-worker watchdog, {@code vigil.v1.InferenceService}, and the {@code modelQueue} component.
 * Imports the engine, {@code lifecycle} and {@code support}.
 */
@ApplicationModule(allowedDependencies = { "api", "health", "lifecycle" })
package dev.vigil.models;

import org.springframework.modulith.ApplicationModule;
