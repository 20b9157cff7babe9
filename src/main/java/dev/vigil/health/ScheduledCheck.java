package dev.vigil.health;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Timer;

import dev.vigil.support.Backoff;
import dev.vigil.support.OneLine;
import dev.vigil.support.SecretRedactor;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.scheduling.TaskScheduler;

/**
 * The run loop of one component: launches its check, bounds it by its timeout, records the
 * outcome in the component's indicator and reports when what the indicator says has changed.
 */
final class ScheduledCheck {

	private final BackgroundHealthIndicator indicator;

	private final ComponentCheck check;

	private final Timer durations;

	private final SecretRedactor redactor;

	private final LongSupplier nanoClock;

	private final Consumer<HealthChangedEvent> changes;

	private volatile Run current;

	private ComponentState published;

	private final Backoff downRecheck;

	private final long suspicionSpacingNanos;

	private final AtomicLong lastSuspicion;

	private int consecutiveDown;

	private volatile ExecutorService runners;

	/** The isolated scheduler: timeouts and the checks asked for now. */
	private final TaskScheduler timers;

	ScheduledCheck(BackgroundHealthIndicator indicator, ComponentCheck check, Timer durations, SecretRedactor redactor,
			LongSupplier nanoClock, Consumer<HealthChangedEvent> changes, HealthProperties.DownRecheck downRecheck,
			TaskScheduler timers) {
		this.indicator = indicator;
		this.timers = timers;
		this.check = check;
		this.durations = durations;
		this.redactor = redactor;
		this.nanoClock = nanoClock;
		this.changes = changes;
		this.published = ComponentState.of(indicator.name(), indicator.health());
		Duration interval = indicator.settings().interval();
		this.downRecheck = new Backoff(downRecheck.first(),
				(downRecheck.max().compareTo(interval) < 0) ? downRecheck.max() : interval);
		this.suspicionSpacingNanos = downRecheck.first().toNanos();
		this.lastSuspicion = new AtomicLong(nanoClock.getAsLong() - this.suspicionSpacingNanos);
	}

	BackgroundHealthIndicator indicator() {
		return this.indicator;
	}

	/**
	 * Starts one check unless the previous one is still running: a check that ignored its
	 * cancellation is not joined by another, and the component keeps reporting the timeout.
	 */
	void launch(ExecutorService runners) {
		this.runners = runners;
		Run previous = this.current;
		Duration timeout = this.indicator.settings().timeout();
		if (previous != null && previous.busy()) {
			if (previous.timedOut) {
				// Still timed out: keep saying so rather than turning stale, but no check ran to time.
				keep(failure(timeoutReason(timeout), timeout));
			}
			return;
		}
		Run run = new Run();
		try {
			run.future = runners.submit(() -> {
				run.started = true;
				try {
					settle(run, execute());
				}
				finally {
					run.finished = true;
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Stopping: the engine records nothing more.
			return;
		}
		this.current = run;
		submit(timeout.toNanos(), () -> expire(run, timeout));
	}

	/** Launches on the timer, at once rather than at the next interval: the caller waits for nothing. */
	void launchSoon(ExecutorService runners) {
		submit(0, () -> launch(runners));
	}

	/** Re-reads the indicator, which notices a result turning stale, and reports a change. */
	synchronized void publishIfChanged() {
		ComponentState now = ComponentState.of(this.indicator.name(), this.indicator.health());
		if (now.status().equals(this.published.status()) && Objects.equals(now.reason(), this.published.reason())) {
			return;
		}
		HealthChangedEvent event = new HealthChangedEvent(this.indicator.name(), this.published, now);
		this.published = now;
		this.changes.accept(event);
	}

	private CheckResult execute() {
		long start = this.nanoClock.getAsLong();
		try {
			Health health = this.check.check();
			Objects.requireNonNull(health, "the check returned no result");
			return new CheckResult(health, this.nanoClock.getAsLong(), elapsedSince(start));
		}
		catch (InterruptedException ex) {
			// Only stopping interrupts a check that has not timed out: a stopped engine records nothing.
			Thread.currentThread().interrupt();
			return null;
		}
		catch (Exception ex) {
			return failure(this.redactor.redact(OneLine.of(ex)), elapsedSince(start));
		}
	}

	private void expire(Run run, Duration timeout) {
		if (run.settled.compareAndSet(false, true)) {
			run.timedOut = true;
			record(failure(timeoutReason(timeout), timeout));
			run.future.cancel(true);
		}
	}

	private void settle(Run run, CheckResult result) {
		if (result != null && run.settled.compareAndSet(false, true)) {
			record(result);
		}
	}

	private void record(CheckResult result) {
		this.durations.record(result.duration());
		keep(result);
		recheckSoonWhileDown(Status.DOWN.equals(result.health().getStatus()));
	}

	/**
	 * A request found the component's dependency gone: its reason stands as the component's result
	 * at once, and a check starts to confirm or clear it. At most once per spacing, whatever the
	 * request rate; never more than one check in flight. The request's thread only hands the work to
	 * the engine's timer: no I/O, no wait.
	 */
	void suspect(String reason) {
		long now = this.nanoClock.getAsLong();
		long last = this.lastSuspicion.get();
		ExecutorService currentRunners = this.runners;
		if (currentRunners == null || now - last < this.suspicionSpacingNanos || !this.lastSuspicion.compareAndSet(last, now)) {
			return;
		}
		submit(0, () -> {
			if (!Status.DOWN.equals(this.indicator.health().getStatus())) {
				keep(failure("request failed: " + this.redactor.redact(OneLine.of(reason)), Duration.ZERO));
			}
			launch(currentRunners);
		});
	}

	/** While DOWN, checks again after 250 ms, 500 ms, 1 s… (the configured backoff) rather than at the interval. */
	private synchronized void recheckSoonWhileDown(boolean down) {
		this.consecutiveDown = down ? this.consecutiveDown + 1 : 0;
		ExecutorService currentRunners = this.runners;
		if (down && currentRunners != null) {
			submit(this.downRecheck.after(this.consecutiveDown).toNanos(), () -> launch(currentRunners));
		}
	}

	private void submit(long delayNanos, Runnable task) {
		try {
			this.timers.schedule(task, this.timers.getClock().instant().plusNanos(delayNanos));
		}
		catch (RejectedExecutionException ex) {
			// Stopping: the engine records nothing more.
		}
	}

	private void keep(CheckResult result) {
		this.indicator.record(result);
		publishIfChanged();
	}

	private CheckResult failure(String reason, Duration duration) {
		Health health = Health.down().withDetails(this.check.describe()).withDetail(CheckResult.REASON, reason).build();
		return new CheckResult(health, this.nanoClock.getAsLong(), duration);
	}

	private Duration elapsedSince(long startNanos) {
		return Duration.ofNanos(this.nanoClock.getAsLong() - startNanos);
	}

	private static String timeoutReason(Duration timeout) {
		return "timeout after " + timeout.toMillis() + "ms";
	}

	/** One launch; whichever of completion and timeout comes first settles it. */
	private static final class Run {

		private final AtomicBoolean settled = new AtomicBoolean();

		private volatile Future<?> future;

		private volatile boolean started;

		private volatile boolean finished;

		/** Settled by its timeout, not by its result: a run that just finished is not this. */
		private volatile boolean timedOut;

		/**
		 * Whether the check's thread is still busy. A cancelled future reports done at once, even
		 * while a check that ignores interrupts keeps running, so the thread's own flags decide.
		 */
		boolean busy() {
			return this.started ? !this.finished : !this.future.isDone();
		}

	}

}
