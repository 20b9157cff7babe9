package dev.vigil.models;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;



/**
 * The inference threads: each takes the next job from the queue, drops it if its deadline has
 * passed, and otherwise runs it on its model's session. Each records when its current run began,
 * for the stuck-worker watchdog.
 */
final class InferenceWorkers {

	private static final Logger logger = LoggerFactory.getLogger(InferenceWorkers.class);

	/** How often an idle worker looks up from the queue to see whether it should stop. */
	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

	/** Marks a worker without a run in its start-time slot. */
	private static final long IDLE = Long.MIN_VALUE;

	private final InferenceQueue queue;

	private final Supplier<OrtEnvironment> environment;

	private final AtomicLong[] runStarts;

	private volatile boolean running;

	/** Each run as a span, the child of the call that asked for it. */
	private final ObservationRegistry observations;

	InferenceWorkers(int count, InferenceQueue queue, Supplier<OrtEnvironment> environment,
			ObservationRegistry observations) {
		this.queue = queue;
		this.environment = environment;
		this.observations = observations;
		this.runStarts = new AtomicLong[count];
		for (int i = 0; i < count; i++) {
			this.runStarts[i] = new AtomicLong(IDLE);
		}
	}

	/** Starts one thread per worker from {@code threads}; they run until {@link #stopTaking()}. */
	void start(ThreadFactory threads) {
		this.running = true;
		for (int i = 0; i < this.runStarts.length; i++) {
			int slot = i;
			threads.newThread(() -> work(slot)).start();
		}
	}

	/** Takes no more jobs: each worker ends after its current run. */
	void stopTaking() {
		this.running = false;
	}

	int size() {
		return this.runStarts.length;
	}

	/** Workers running a job now. */
	int busy() {
		int busy = 0;
		for (AtomicLong start : this.runStarts) {
			if (start.get() != IDLE) {
				busy++;
			}
		}
		return busy;
	}

	/** Workers whose current run began more than {@code bound} ago. */
	int stuck(Duration bound, long now) {
		int stuck = 0;
		for (AtomicLong start : this.runStarts) {
			long began = start.get();
			if (began != IDLE && now - began > bound.toNanos()) {
				stuck++;
			}
		}
		return stuck;
	}

	private void work(int slot) {
		while (this.running) {
			try {
				InferenceJob job = this.queue.poll(POLL_NANOS);
				if (job != null) {
					process(job, slot);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				// A worker that dies leaves the queue unserved: log and take the next job.
				logger.error("inference.worker.error slot={}", slot, ex);
			}
		}
	}

	private void process(InferenceJob job, int slot) {
		job.leftQueue();
		long began = System.nanoTime();
		if (job.expired(began)) {
			job.finish(null, new ModelsException(ModelsException.Reason.DEADLINE,
					"deadline passed after " + TimeUnit.NANOSECONDS.toMillis(began - job.enqueuedNanos())
							+ "ms in the queue"));
			return;
		}
		try (OrtSession.RunOptions options = new OrtSession.RunOptions()) {
			if (!job.start(options)) {
				job.runEnded();
				return;
			}
			OrtSession session = job.model().acquire();
			if (session == null) {
				job.runEnded();
				job.finish(null, new ModelsException(ModelsException.Reason.NOT_FOUND,
						"model '" + job.model().name() + "' was unloaded"));
				return;
			}
			this.runStarts[slot].set(began);
			try {
				List<TensorData> outputs = Observation.createNotStarted("vigil.inference.run", this.observations)
					.contextualName("inference run")
					.lowCardinalityKeyValue("model", job.model().name())
					.parentObservation(job.caller())
					.observeChecked(() -> ModelRunner.run(this.environment.get(), session, job.inputs(), options));
				long ran = System.nanoTime() - began;
				job.model().recordRun(ran);
				job.finish(new InferenceResult(outputs, began - job.enqueuedNanos(), ran), null);
			}
			catch (OrtException | ModelsException ex) {
				ModelsException stopped = job.stopReason();
				job.finish(null, (stopped != null) ? stopped
						: new ModelsException(ModelsException.Reason.FAILED, "inference failed: " + ex.getMessage()));
			}
			finally {
				this.runStarts[slot].set(IDLE);
				job.runEnded();
				job.model().release();
			}
		}
		catch (OrtException ex) {
			job.finish(null, new ModelsException(ModelsException.Reason.FAILED, "inference failed: " + ex.getMessage()));
		}
	}

}
