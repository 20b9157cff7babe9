package dev.vigil.models;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.micrometer.observation.Observation;

/**
 * One admitted request, from the queue to its answer. Exactly one answer is ever given: the
 * phase moves QUEUED → RUNNING → DONE (or straight to DONE) only forward.
 */
final class InferenceJob {

	private final String requestId;

	private final ModelEntry model;

	private final List<TensorData> inputs;

	private final Priority priority;

	private final long deadlineNanos;

	private final long enqueuedNanos;

	private final CompletableFuture<InferenceResult> result = new CompletableFuture<>();

	private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.QUEUED);

	/** Its wait in the queue, as a span: from its admission to a worker taking it, or to its answer without one. */
	private volatile Observation waiting = Observation.NOOP;

	/** The span of the call that asked for it, or null: the parent of its wait's span and of its run's. */
	private volatile Observation caller;

	private final AtomicBoolean leftQueue = new AtomicBoolean();

	private OrtSession.RunOptions runOptions;

	private volatile ModelsException stopReason;

	/**
	 * @param deadlineNanos when the answer stops being wanted, on {@link System#nanoTime()}'s
	 * clock; {@link Long#MAX_VALUE} for never
	 */
	InferenceJob(String requestId, ModelEntry model, List<TensorData> inputs, Priority priority, long deadlineNanos,
			long enqueuedNanos) {
		this.requestId = requestId;
		this.model = model;
		this.inputs = inputs;
		this.priority = priority;
		this.deadlineNanos = deadlineNanos;
		this.enqueuedNanos = enqueuedNanos;
	}

	String requestId() {
		return this.requestId;
	}

	ModelEntry model() {
		return this.model;
	}

	List<TensorData> inputs() {
		return this.inputs;
	}

	Priority priority() {
		return this.priority;
	}

	long enqueuedNanos() {
		return this.enqueuedNanos;
	}

	boolean expired(long now) {
		return now - this.deadlineNanos >= 0 && this.deadlineNanos != Long.MAX_VALUE;
	}

	CompletableFuture<InferenceResult> result() {
		return this.result;
	}

	/** Starts the span of its wait in the queue, a child of {@code caller}'s. */
	void waitIn(Observation queue, Observation caller) {
		this.caller = caller;
		this.waiting = queue.parentObservation(caller).start();
	}

	/** Ends the span of its wait, once: a worker took it, or it was answered without one. */
	void leftQueue() {
		if (this.leftQueue.compareAndSet(false, true)) {
			this.waiting.stop();
		}
	}

	/** The span of the call that asked for it, or null. */
	Observation caller() {
		return this.caller;
	}

	/** Takes the job from the queue to a worker; false when it was answered already. */
	synchronized boolean start(OrtSession.RunOptions options) {
		this.runOptions = options;
		return this.phase.compareAndSet(Phase.QUEUED, Phase.RUNNING);
	}

	/**
	 * Stops the job with {@code reason}: a queued job is answered at once (returns true); a
	 * running one is told to terminate and answered by its worker. False when already answered.
	 */
	boolean stop(ModelsException reason) {
		this.stopReason = reason;
		if (this.phase.compareAndSet(Phase.QUEUED, Phase.DONE)) {
			leftQueue();
			this.result.completeExceptionally(reason);
			return true;
		}
		if (this.phase.get() == Phase.RUNNING) {
			terminate();
			return true;
		}
		return false;
	}

	/** Under the job's lock, so the worker cannot close the options half-way through. */
	private synchronized void terminate() {
		if (this.runOptions != null) {
			try {
				this.runOptions.setTerminate(true);
			}
			catch (OrtException ex) {
				// The run goes on to its end; its answer is still the stop reason.
			}
		}
	}

	/** Called by the worker before it closes the run's options: nothing may terminate them after. */
	synchronized void runEnded() {
		this.runOptions = null;
	}

	/** Why the job was stopped while it ran, or null. */
	ModelsException stopReason() {
		return this.stopReason;
	}

	/** Answers a running job. */
	void finish(InferenceResult value, Throwable failure) {
		if (this.phase.getAndSet(Phase.DONE) == Phase.DONE) {
			return;
		}
		leftQueue();
		if (failure != null) {
			this.result.completeExceptionally(failure);
		}
		else {
			this.result.complete(value);
		}
	}

	private enum Phase {

		QUEUED, RUNNING, DONE

	}

}
