package dev.vigil.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vigil.health.ComponentCheck;
import dev.vigil.lifecycle.LifecycleState;
import dev.vigil.lifecycle.ShutdownCoordinator;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code modelQueue} component, in the readiness group. OUT_OF_SERVICE while draining or
 * stopped, while the queue is at its maximum depth, or while a required model is not READY; DOWN
 * while a worker is stuck; UP otherwise. Reads only counters the queue and workers keep.
 */
class ModelQueueHealthCheck implements ComponentCheck {

	private final ModelsProperties properties;

	private final ModelRegistry registry;

	private final InferenceQueue queue;

	private final InferenceWorkers workers;

	private final StuckWorkerWatchdog watchdog;

	private final ShutdownCoordinator coordinator;

	ModelQueueHealthCheck(ModelsProperties properties, ModelRegistry registry, InferenceQueue queue,
			InferenceWorkers workers, StuckWorkerWatchdog watchdog, ShutdownCoordinator coordinator) {
		this.properties = properties;
		this.registry = registry;
		this.queue = queue;
		this.workers = workers;
		this.watchdog = watchdog;
		this.coordinator = coordinator;
	}

	@Override
	public Health check() {
		Map<String, Object> details = describe();
		LifecycleState state = this.coordinator.state();
		int depth = this.queue.depth();
		int busy = this.workers.busy();
		Map<String, String> models = new LinkedHashMap<>();
		this.registry.list().forEach((model) -> models.put(model.name(), model.state().name()));
		details.put("state", state.label());
		new ModelQueueHealthDetails(this.coordinator.acceptingWork(), this.registry.loadedCount(),
				this.registry.memoryUsedBytes(), depth)
			.putInto(details);
		details.put("models", models);
		details.put("busyWorkers", busy);
		details.put("idleWorkers", this.workers.size() - busy);
		details.put("stuckWorkers", this.watchdog.stuck());
		details.put("oldestQueuedMs", this.queue.oldestWaitMillis(System.nanoTime()));
		List<String> problems = new ArrayList<>();
		if (this.watchdog.stuck() > 0) {
			problems.add(this.watchdog.stuck() + " worker(s) stuck over " + this.watchdog.bound().toMillis() + "ms");
			return Health.down().withDetails(details).withDetail("reason", String.join("; ", problems)).build();
		}
		if (state != LifecycleState.RUNNING) {
			problems.add(state.label().toLowerCase(Locale.ROOT));
		}
		if (depth >= this.queue.maxDepth()) {
			problems.add("queue full (" + depth + ")");
		}
		if (this.properties.requireLoaded() && this.registry.loadedCount() == 0) {
			problems.add("no model loaded");
		}
		for (String required : this.properties.required()) {
			String modelState = models.get(required);
			if (!"READY".equals(modelState)) {
				problems.add("required model '" + required + "' is " + ((modelState != null) ? modelState : "absent"));
			}
		}
		Health.Builder health = problems.isEmpty() ? Health.up() : Health.status(Status.OUT_OF_SERVICE)
			.withDetail("reason", String.join("; ", problems));
		return health.withDetails(details).build();
	}

	/** Every change that can flip readiness (a model's state, the queue filling, draining, a stuck worker) shows at once. */
	@Override
	public void refreshWith(Runnable refreshNow) {
		this.registry.onChange(refreshNow);
		this.queue.onFullnessChange(refreshNow);
		this.coordinator.onChange(refreshNow);
		this.watchdog.onChange(refreshNow);
	}

	@Override
	public Map<String, Object> describe() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("maxQueueDepth", this.queue.maxDepth());
		details.put("workers", this.workers.size());
		return details;
	}

}
