package dev.vigil.models;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.lifecycle.Drainable;
import dev.vigil.lifecycle.ShutdownCoordinator;
import dev.vigil.support.BackgroundWorker;
import dev.vigil.support.Failures;
import dev.vigil.support.LifecyclePhases;
import dev.vigil.support.SchedulerGroup;

/**
 * Admits inference requests to the queue, cancels them by request id, and drains them at
 * shutdown so that every admitted request gets exactly one answer.
 */
class InferenceService extends BackgroundWorker implements Drainable {

	private static final Logger logger = LoggerFactory.getLogger(InferenceService.class);

	/** How long a stop, and so a drain, waits for terminated runs to hand back their workers. */
	private static final Duration TERMINATE_WAIT = Duration.ofSeconds(5);

	private static final String SHUTTING_DOWN = "shutting down";

	private final ModelRegistry registry;

	private final InferenceQueue queue;

	private final InferenceWorkers workers;

	private final StuckWorkerWatchdog watchdog;

	private final InputValidator validator;

	private final ShutdownCoordinator coordinator;

	private final MeterRegistry meters;

	private final Map<String, InferenceJob> active = new ConcurrentHashMap<>();

	/** Notified whenever the last request in flight is answered, for a drain waiting on it. */
	private final Object idle = new Object();

	private boolean loaded;

	/** Each request's wait in the queue as a span of the call that asked. */
	private final ObservationRegistry observations;

	InferenceService(ModelRegistry registry, InferenceQueue queue, InferenceWorkers workers,
			StuckWorkerWatchdog watchdog, InputValidator validator, ShutdownCoordinator coordinator,
			MeterRegistry meters, ObservationRegistry observations) {
		super("inference", LifecyclePhases.MODELS);
		this.registry = registry;
		this.queue = queue;
		this.workers = workers;
		this.watchdog = watchdog;
		this.validator = validator;
		this.coordinator = coordinator;
		this.meters = meters;
		this.observations = observations;
		Gauge.builder("vigil.model.queue.depth", queue, InferenceQueue::depth)
			.description("Inference requests waiting in the queue")
			.register(meters);
		for (String reason : List.of("queue_full", "shutting_down")) {
			rejections(reason);
		}
	}

	/**
	 * Validates and queues a request; the future completes with its outputs or fails with a
	 * {@link ModelsException}. A refusal (unknown model, bad input, full queue, shutdown) throws
	 * at once and queues nothing.
	 *
	 * @param deadlineNanos on {@link System#nanoTime()}'s clock; {@link Long#MAX_VALUE} for none
	 */
	CompletableFuture<InferenceResult> submit(String requestId, String modelName, List<TensorData> inputs,
			Priority priority, long deadlineNanos) {
		if (!this.coordinator.acceptingWork()) {
			rejections("shutting_down").increment();
			throw new ModelsException(ModelsException.Reason.SHUTTING_DOWN, SHUTTING_DOWN);
		}
		ModelEntry model = this.registry.get(modelName);
		if (model.state() != ModelState.READY) {
			throw new ModelsException(ModelsException.Reason.NOT_READY, "model '" + modelName + "' is "
					+ model.state().name().toLowerCase(Locale.ROOT)
					+ (model.error().isEmpty() ? "" : ": " + model.error()));
		}
		this.validator.validate(model, inputs);
		InferenceJob job = new InferenceJob(requestId, model, inputs, priority, deadlineNanos, System.nanoTime());
		if (this.active.putIfAbsent(requestId, job) != null) {
			throw new ModelsException(ModelsException.Reason.ALREADY_EXISTS,
					"request id '" + requestId + "' is already in use");
		}
		job.waitIn(Observation.createNotStarted("vigil.inference.queue", this.observations)
			.contextualName("inference queue")
			.lowCardinalityKeyValue("model", modelName), this.observations.getCurrentObservation());
		if (!this.queue.offer(job)) {
			job.leftQueue();
			this.active.remove(requestId, job);
			rejections("queue_full").increment();
			throw new ModelsException(ModelsException.Reason.QUEUE_FULL,
					"queue full: " + this.queue.maxDepth() + " requests waiting");
		}
		CompletableFuture<InferenceResult> answer = job.result()
			.whenComplete((result, failure) -> finished(job, result, failure));
		// A drain that began between the check above and the offer may have swept the queue already.
		if (!this.coordinator.acceptingWork() && this.queue.remove(job)) {
			job.stop(new ModelsException(ModelsException.Reason.SHUTTING_DOWN, SHUTTING_DOWN));
		}
		return answer;
	}

	/** Cancels a queued or running request; false when no such request is waiting or running. */
	boolean cancel(String requestId) {
		InferenceJob job = this.active.get(requestId);
		if (job == null) {
			return false;
		}
		return stop(job, new ModelsException(ModelsException.Reason.CANCELLED, "cancelled"));
	}

	/** Requests queued or running now. */
	int inFlight() {
		return this.active.size();
	}

	/**
	 * Called with the coordinator already Draining, so nothing new is admitted: waits until every
	 * request in flight (queued or running) is answered, then answers what is left UNAVAILABLE.
	 */
	@Override
	public void drain(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		logger.info("inference.drain.start queued={} running={} timeoutMs={}", this.queue.depth(),
				this.workers.busy(), timeout.toMillis());
		awaitIdle(deadline);
		ModelsException shuttingDown = new ModelsException(ModelsException.Reason.SHUTTING_DOWN, SHUTTING_DOWN);
		int abandoned = 0;
		for (InferenceJob job : this.queue.removeAll()) {
			abandoned += job.stop(shuttingDown) ? 1 : 0;
		}
		for (InferenceJob job : List.copyOf(this.active.values())) {
			abandoned += job.stop(shuttingDown) ? 1 : 0;
		}
		// The workers end their current runs, which were just stopped, and take no more.
		stop();
		for (InferenceJob job : this.queue.removeAll()) {
			abandoned += job.stop(shuttingDown) ? 1 : 0;
		}
		logger.info("inference.drain.end unanswered={}", abandoned);
	}

	@Override
	protected void onStart() {
		if (!this.loaded) {
			this.registry.loadDirectory();
			this.loaded = true;
		}
		this.workers.start(threads("vigil-inference-", Ending.finish(TERMINATE_WAIT)));
		// Memory only, and it decides liveness: on the health engine's scheduler.
		withFixedDelay(SchedulerGroup.ISOLATED, "vigil-inference-watchdog", this.watchdog::look, this.watchdog.every(),
				this.watchdog.every());
	}

	@Override
	protected void onStopping() {
		this.workers.stopTaking();
	}

	private boolean stop(InferenceJob job, ModelsException reason) {
		boolean stopped = job.stop(reason);
		this.queue.remove(job);
		return stopped;
	}

	private void finished(InferenceJob job, InferenceResult result, Throwable failure) {
		this.active.remove(job.requestId(), job);
		if (this.active.isEmpty()) {
			synchronized (this.idle) {
				this.idle.notifyAll();
			}
		}
		String outcome = "ok";
		if (failure != null) {
			Throwable cause = Failures.cause(failure);
			outcome = (cause instanceof ModelsException refused) ? refused.reason().name().toLowerCase(Locale.ROOT)
					: "failed";
		}
		Counter.builder("vigil.inference.requests")
			.description("Inference requests answered, by outcome")
			.tags("model", job.model().name(), "outcome", outcome)
			.register(this.meters)
			.increment();
		if (result != null) {
			Timer.builder("vigil.inference.duration")
				.description("How long ONNX Runtime ran each inference")
				.tag("model", job.model().name())
				.register(this.meters)
				.record(result.runNanos(), TimeUnit.NANOSECONDS);
		}
	}

	private Counter rejections(String reason) {
		return Counter.builder("vigil.model.queue.rejections")
			.description("Inference requests refused at admission")
			.tag("reason", reason)
			.register(this.meters);
	}

	private void awaitIdle(long deadlineNanos) {
		synchronized (this.idle) {
			long remaining = deadlineNanos - System.nanoTime();
			while (!this.active.isEmpty() && remaining > 0) {
				try {
					TimeUnit.NANOSECONDS.timedWait(this.idle, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				remaining = deadlineNanos - System.nanoTime();
			}
		}
	}

}
