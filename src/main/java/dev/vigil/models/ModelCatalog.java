package dev.vigil.models;

import java.util.List;

/**
 * The registry's models, read-only, for doors other than the inference API (the IPC socket).
 */
public final class ModelCatalog {

	private final ModelRegistry registry;

	ModelCatalog(ModelRegistry registry) {
		this.registry = registry;
	}

	/** Every model, by name. */
	public List<ModelSummary> models() {
		return this.registry.list().stream().map(ModelSummary::of).toList();
	}

	/** Memory attributed to all loaded models. */
	public long totalMemoryBytes() {
		return this.registry.memoryUsedBytes();
	}

}
