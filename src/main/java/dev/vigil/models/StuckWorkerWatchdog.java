package dev.vigil.models;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Watches the inference workers: a run longer than {@code vigil.models.stuck-after} marks its
 * worker stuck, which turns liveness BROKEN so that Kubernetes restarts the pod. Liveness turns
 * CORRECT again if every stuck run ends before that.
 */
final class StuckWorkerWatchdog {

	private static final Logger logger = LoggerFactory.getLogger(StuckWorkerWatchdog.class);

	private final InferenceWorkers workers;

	private final Duration bound;

	private final ApplicationEventPublisher events;

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	private final Duration every;

	private volatile int stuck;

	StuckWorkerWatchdog(InferenceWorkers workers, Duration bound, ApplicationEventPublisher events) {
		this.workers = workers;
		this.bound = bound;
		this.events = events;
		// Several looks per bound, so a stuck run is seen soon after it passes the bound.
		this.every = Duration.ofMillis(Math.max(10, Math.min(1000, bound.toMillis() / 4)));
	}

	/** Workers stuck as of the last look. */
	int stuck() {
		return this.stuck;
	}

	Duration bound() {
		return this.bound;
	}

	/** How often {@link #look()} should run: the inference service repeats it while its workers run. */
	Duration every() {
		return this.every;
	}

	void look() {
		int now = this.workers.stuck(this.bound, System.nanoTime());
		int before = this.stuck;
		this.stuck = now;
		if ((now > 0) == (before > 0)) {
			return;
		}
		if (now > 0) {
			logger.warn("inference.worker.stuck workers={} bound={}ms liveness=BROKEN", now, this.bound.toMillis());
			AvailabilityChangeEvent.publish(this.events, this, LivenessState.BROKEN);
		}
		else {
			logger.info("inference.worker.recovered liveness=CORRECT");
			AvailabilityChangeEvent.publish(this.events, this, LivenessState.CORRECT);
		}
		this.listeners.forEach(Runnable::run);
	}

	/** Runs {@code listener} whenever the number of stuck workers goes from none to some, or back. */
	void onChange(Runnable listener) {
		this.listeners.add(listener);
	}

}
