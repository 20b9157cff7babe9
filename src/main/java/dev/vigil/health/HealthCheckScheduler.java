package dev.vigil.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.support.BackgroundWorker;
import dev.vigil.support.LifecyclePhases;
import dev.vigil.support.OneLine;
import dev.vigil.support.SchedulerGroup;
import dev.vigil.support.SecretRedactor;

import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs every component's check in the background, each on its own interval and bounded by its own
 * timeout, so that probes only ever read results. A component joins by
 * {@link #schedule(String, ComponentCheck)}, which hands back the indicator to expose as a bean.
 * <p>
 * Its timers run on the isolated scheduler ({@link SchedulerGroup#ISOLATED}), where they only hand
 * each check to a runner thread of its own and bound it: a check that hangs holds its runner, never
 * the timer, another check or a probe.
 */
public class HealthCheckScheduler extends BackgroundWorker {

	private static final Logger logger = LoggerFactory.getLogger(HealthCheckScheduler.class);

	/** How long a stop waits for interrupted checks to end. */
	private static final Duration STOP_WAIT = Duration.ofSeconds(1);

	private final HealthProperties properties;

	private final ApplicationEventPublisher events;

	private final MeterRegistry meters;

	private final SecretRedactor redactor;

	private final LongSupplier nanoClock;

	private final List<ScheduledCheck> checks = new CopyOnWriteArrayList<>();

	/** What else reads every component at each sweep (the timeline, for components no check runs). */
	private final List<Runnable> sweepers = new CopyOnWriteArrayList<>();

	private final TaskScheduler timers;

	private ExecutorService runners;

	/**
	 * @param timers the isolated scheduler ({@link SchedulerGroup#ISOLATED}), for the timeouts and the
	 * checks asked for now
	 */
	public HealthCheckScheduler(HealthProperties properties, TaskScheduler timers, ApplicationEventPublisher events,
			MeterRegistry meters, SecretRedactor redactor) {
		this(properties, timers, events, meters, redactor, System::nanoTime);
	}

	HealthCheckScheduler(HealthProperties properties, TaskScheduler timers, ApplicationEventPublisher events,
			MeterRegistry meters, SecretRedactor redactor, LongSupplier nanoClock) {
		super("health-checks", LifecyclePhases.HEALTH_CHECKS);
		this.properties = properties;
		this.timers = timers;
		this.events = events;
		this.meters = meters;
		this.redactor = redactor;
		this.nanoClock = nanoClock;
	}

	/**
	 * Registers a component's check and returns the indicator that reports its latest result.
	 * Expose the indicator as a bean named {@code <name>HealthIndicator} so groups can include it.
	 */
	public BackgroundHealthIndicator schedule(String name, ComponentCheck check) {
		BackgroundHealthIndicator indicator = new BackgroundHealthIndicator(name, this.properties.settingsFor(name),
				this.nanoClock);
		Timer durations = Timer.builder("vigil.health.check.duration")
			.description("How long each background health check ran")
			.tag("component", name)
			.register(this.meters);
		ScheduledCheck scheduled = new ScheduledCheck(indicator, check, durations, this.redactor, this.nanoClock,
				this::publish, this.properties.downRecheck(), this.timers);
		synchronized (this) {
			this.checks.add(scheduled);
			if (isRunning()) {
				startPeriodic(scheduled);
			}
		}
		check.refreshWith(() -> refresh(name));
		return indicator;
	}

	/** Runs the named component's check now rather than at its next interval (see {@link ComponentCheck#refreshWith}). */
	void refresh(String component) {
		ExecutorService currentRunners;
		synchronized (this) {
			if (!isRunning()) {
				return;
			}
			currentRunners = this.runners;
		}
		named(component).forEach((scheduled) -> scheduled.launchSoon(currentRunners));
	}

	private List<ScheduledCheck> named(String component) {
		return this.checks.stream().filter((scheduled) -> scheduled.indicator().name().equals(component)).toList();
	}

	/**
	 * A request path failed for a reason that says the named component's dependency is gone (a
	 * connection refused or reset, say): the component turns DOWN with that reason at once and its
	 * check runs now to confirm or clear it, rather than at its next interval. Rate-limited per
	 * component ({@code vigil.health.down-recheck.first}); does no I/O, so any thread may call it.
	 */
	public void reportFailure(String component, String reason) {
		named(component).forEach((scheduled) -> scheduled.suspect(reason));
	}

	/** The timeout the named component's check runs under: what its own I/O timeouts should stay within. */
	public Duration timeoutOf(String component) {
		return this.properties.settingsFor(component).timeout();
	}

	/** The indicators of every registered component. */
	List<BackgroundHealthIndicator> indicators() {
		return this.checks.stream().map(ScheduledCheck::indicator).toList();
	}

	/**
	 * Starts, or starts again after {@link #stop()}: the test framework pauses and resumes cached
	 * contexts. A stop interrupts the checks under way; one that ignores it is named and left.
	 */
	@Override
	protected void onStart() {
		// One thread per component at most, unless a check ignores its cancellation: never two in flight.
		this.runners = cachedThreads("vigil-health-check-", Ending.interrupt(STOP_WAIT));
		this.checks.forEach(this::startPeriodic);
		Duration sweep = this.properties.sweepInterval();
		atFixedRate(SchedulerGroup.ISOLATED, "vigil-health-sweep", this::sweep, sweep, sweep);
	}

	private void startPeriodic(ScheduledCheck scheduled) {
		ExecutorService currentRunners = this.runners;
		atFixedRate(SchedulerGroup.ISOLATED, "vigil-health-check-" + scheduled.indicator().name(),
				() -> scheduled.launch(currentRunners), Duration.ZERO, scheduled.indicator().settings().interval());
	}

	/** Runs {@code sweeper} at every sweep, on the engine's timer, after the checks' results are re-read. */
	void onSweep(Runnable sweeper) {
		this.sweepers.add(sweeper);
	}

	private void sweep() {
		this.checks.forEach(ScheduledCheck::publishIfChanged);
		for (Runnable sweeper : this.sweepers) {
			try {
				sweeper.run();
			}
			catch (RuntimeException ex) {
				// One sweeper's failure must not stop the sweep that notices stale results.
				logger.warn("health.sweep.failed error=\"{}\"", OneLine.of(ex));
			}
		}
	}

	private void publish(HealthChangedEvent event) {
		ComponentState now = event.current();
		if (Status.UP.equals(now.status())) {
			logger.info("health.change component={} status={} previous={}", event.component(), now.status(),
					event.previous().status());
		}
		else {
			logger.warn("health.change component={} status={} previous={} reason=\"{}\"", event.component(),
					now.status(), event.previous().status(), now.reason());
		}
		try {
			this.events.publishEvent(event);
		}
		catch (RuntimeException ex) {
			// A failing listener must not cut short the run that found the change.
			logger.error("health.listener.failed component={}", event.component(), ex);
		}
	}

}
