package dev.vigil.health;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Timer;

import dev.vigil.support.OneLine;
import dev.vigil.support.SecretRedactor;

import org.springframework.boot.health.contributor.Health;

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

	ScheduledCheck(BackgroundHealthIndicator indicator, ComponentCheck check, Timer durations, SecretRedactor redactor,
			LongSupplier nanoClock, Consumer<HealthChangedEvent> changes) {
		this.indicator = indicator;
		this.check = check;
		this.durations = durations;
		this.redactor = redactor;
		this.nanoClock = nanoClock;
		this.changes = changes;
		this.published = ComponentState.of(indicator.name(), indicator.health());
	}

	BackgroundHealthIndicator indicator() {
		return this.indicator;
	}

	/**
	 * Starts one check unless the previous one is still running: a check that ignored its
	 * cancellation is not joined by another, and the component keeps reporting the timeout.
	 */
	void launch(ExecutorService runners, ScheduledExecutorService timers) {
		Run previous = this.current;
		Duration timeout = this.indicator.settings().timeout();
		if (previous != null && previous.busy()) {
			if (previous.settled.get()) {
				// Still timed out: keep saying so rather than turning stale, but no check ran to time.
				keep(failure(timeoutReason(timeout), timeout));
			}
			return;
		}
		Run run = new Run();
		this.current = run;
		run.future = runners.submit(() -> {
			run.started = true;
			try {
				settle(run, execute());
			}
			finally {
				run.finished = true;
			}
		});
		timers.schedule(() -> expire(run, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
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

		/**
		 * Whether the check's thread is still busy. A cancelled future reports done at once, even
		 * while a check that ignores interrupts keeps running, so the thread's own flags decide.
		 */
		boolean busy() {
			return this.started ? !this.finished : !this.future.isDone();
		}

	}

}
