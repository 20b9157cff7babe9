package dev.vigil.models;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The model registry, queue and workers ({@code vigil.models.*}).
 *
 * @param directory where {@code *.onnx} models are loaded from at startup, and where LoadModel
 * looks for files
 * @param requireLoaded whether readiness needs at least one READY model
 * @param required models that must be READY for readiness
 * @param queue the request queue
 * @param workers inference threads; 0 means one per available processor
 * @param intraOpThreads threads ONNX Runtime may use inside one inference
 * @param maxTensorElements the most elements one input tensor may have
 * @param stuckAfter how long one inference may run before its worker counts as stuck, which
 * turns liveness BROKEN
 */
@Validated
@ConfigurationProperties("vigil.models")
record ModelsProperties(@NotNull @DefaultValue("./data/models") Path directory,
		@DefaultValue("false") boolean requireLoaded, @NotNull @DefaultValue List<String> required,
		@Valid @NotNull @DefaultValue Queue queue, @Min(0) @Max(1024) @DefaultValue("0") int workers,
		@Min(1) @Max(64) @DefaultValue("1") int intraOpThreads,
		@Min(1) @Max(100_000_000) @DefaultValue("1000000") int maxTensorElements,
		@NotNull @DurationMin(millis = 1) @DefaultValue("60s") Duration stuckAfter) {

	public ModelsProperties {
		required = (required != null) ? List.copyOf(required) : List.of();
	}

	/** The worker count, with 0 resolved to the available processors. */
	int workerCount() {
		return (this.workers > 0) ? this.workers : Runtime.getRuntime().availableProcessors();
	}

	/**
	 * The request queue.
	 *
	 * @param maxDepth the most requests waiting at once: past it a request is refused with
	 * RESOURCE_EXHAUSTED, and at it readiness is OUT_OF_SERVICE
	 */
	public record Queue(@Min(1) @Max(1_000_000) @DefaultValue("1000") int maxDepth) {
	}

}
