package dev.vigil.hooks;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.support.BackgroundWorker;
import dev.vigil.support.LifecyclePhases;
import dev.vigil.support.SecretRedactor;


/**
 * Runs hook batches in the background, one after another: at most one batch runs and one waits,
 * and a newer trigger replaces the waiting one (counted as coalesced). {@link #trigger} never
 * blocks, so neither RPCs nor the hosts-file renderer ever wait for a hook.
 */
class HookRunner extends BackgroundWorker {

	private static final Logger logger = LoggerFactory.getLogger(HookRunner.class);

	private static final Duration KILL_WAIT = Duration.ofSeconds(5);

	private final HooksProperties properties;

	private final HooksHealthCheck status;

	private final MeterRegistry meters;

	private final SecretRedactor redactor;

	private final Clock clock;

	private final Map<HookType, Counter> coalesced = new EnumMap<>(HookType.class);

	private ExecutorService worker;

	private ExecutorService outputReaders;

	private boolean busy;

	private HookTrigger waiting;

	/** The render that asked for the waiting batch: each hook's span is its child. */
	private Observation waitingCause;

	private final ObservationRegistry observations;

	private boolean aborting;

	private HookProcess current;

	/**
	 * @param redactor removes secrets from hook output and from the error hooks are given
	 */
	HookRunner(HooksProperties properties, HooksHealthCheck status, MeterRegistry meters, SecretRedactor redactor,
			ObservationRegistry observations, Clock clock) {
		super("hooks", LifecyclePhases.HOOKS);
		this.properties = properties;
		this.status = status;
		this.meters = meters;
		this.redactor = redactor;
		this.observations = observations;
		this.clock = clock;
		for (HookType type : HookType.values()) {
			this.coalesced.put(type, Counter.builder("vigil.hook.runs.coalesced")
				.description("Hook batches replaced by a newer trigger before they ran")
				.tag("type", type.label())
				.register(meters));
			for (HooksProperties.Hook hook : properties.hooksOf(type)) {
				for (HookStatus outcome : HookStatus.values()) {
					executions(type, hook, outcome);
				}
				duration(type, hook);
			}
		}
	}

	/**
	 * Asks for the trigger's list of hooks to run; returns at once. Ignored when that list is
	 * empty, so a trigger with nothing to run never displaces one that has.
	 */
	void trigger(HookTrigger trigger) {
		if (this.properties.hooksOf(trigger.type()).isEmpty()) {
			return;
		}
		synchronized (this) {
			if (!isRunning()) {
				logger.info("hooks.trigger.dropped type={} reason=stopped", trigger.type().label());
				return;
			}
			if (this.waiting != null) {
				this.coalesced.get(this.waiting.type()).increment();
			}
			this.waiting = new HookTrigger(trigger.type(), trigger.entryCount(), this.redactor.redact(trigger.error()));
			this.waitingCause = this.observations.getCurrentObservation();
			if (!this.busy) {
				this.busy = true;
				this.worker.execute(this::runWaitingBatches);
			}
		}
	}

	/**
	 * On stop, a running batch may finish within {@code vigil.hooks.shutdown-timeout}; then the hook
	 * still running is killed and the rest skipped. A waiting batch is dropped. The output readers
	 * end after the batch.
	 */
	@Override
	protected void onStart() {
		this.aborting = false;
		this.worker = singleThread("vigil-hooks-",
				Ending.finish(this.properties.shutdownTimeout()).orElse(this::killOverdue, KILL_WAIT));
		this.outputReaders = cachedThreads("vigil-hook-output-", Ending.interrupt(Duration.ofSeconds(1)));
	}

	@Override
	protected void onStopping() {
		if (this.waiting != null) {
			logger.info("hooks.batch.dropped type={} reason=shutdown", this.waiting.type().label());
			this.waiting = null;
		}
	}

	/** Kills the hook running past the shutdown timeout; the batch skips the hooks after it. */
	private void killOverdue() {
		HookProcess overdue;
		synchronized (this) {
			this.aborting = true;
			overdue = this.current;
		}
		// Killing waits for the kill command: never under the lock trigger() takes.
		if (overdue != null) {
			overdue.kill();
		}
	}

	private void runWaitingBatches() {
		while (true) {
			HookTrigger next;
			Observation cause;
			synchronized (this) {
				next = this.waiting;
				cause = this.waitingCause;
				this.waiting = null;
				this.waitingCause = null;
				if (next == null) {
					this.busy = false;
					return;
				}
			}
			runBatch(next, cause);
		}
	}

	private void runBatch(HookTrigger trigger, Observation cause) {
		for (HooksProperties.Hook hook : this.properties.hooksOf(trigger.type())) {
			synchronized (this) {
				if (this.aborting) {
					logger.info("hooks.batch.aborted type={} skipped={}", trigger.type().label(), hook.name());
					return;
				}
			}
			HookResult result = Observation.createNotStarted("vigil.hook.run", this.observations)
				.contextualName("hook " + hook.name())
				.lowCardinalityKeyValue("type", trigger.type().label())
				.lowCardinalityKeyValue("hook", hook.name())
				.parentObservation(cause)
				.observe(() -> run(hook, trigger));
			record(trigger.type(), hook, result.withOutput(this::sanitise));
		}
	}

	private HookResult run(HooksProperties.Hook hook, HookTrigger trigger) {
		HookProcess process;
		try {
			process = HookProcess.start(hook.command(), trigger.environment(),
					(int) this.properties.outputLimit().toBytes(), this.outputReaders, this.clock);
		}
		catch (IOException ex) {
			return new HookResult(HookStatus.FAILURE, -1, Duration.ZERO, this.clock.instant(),
					"could not start: " + ex.getMessage(), false);
		}
		boolean abort;
		synchronized (this) {
			this.current = process;
			abort = this.aborting;
		}
		if (abort) {
			process.kill();
		}
		try {
			return process.await(this.properties.timeoutOf(hook));
		}
		finally {
			synchronized (this) {
				this.current = null;
			}
		}
	}

	private void record(HookType type, HooksProperties.Hook hook, HookResult result) {
		int failures = this.status.record(type, hook.name(), result);
		executions(type, hook, result.status()).increment();
		duration(type, hook).record(result.duration());
		if (result.status() == HookStatus.SUCCESS) {
			logger.info("hook.run type={} name={} status={} exitCode={} durationMs={}", type.label(), hook.name(),
					result.status().label(), result.exitCode(), result.duration().toMillis());
		}
		else {
			logger.warn("hook.run type={} name={} status={} exitCode={} durationMs={} consecutiveFailures={}",
					type.label(), hook.name(), result.status().label(), result.exitCode(),
					result.duration().toMillis(), failures);
		}
	}

	/** Output as health may show it: no control characters but newlines and tabs, no secrets. */
	private String sanitise(String output) {
		return this.redactor.redact(output.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", ""));
	}

	private Counter executions(HookType type, HooksProperties.Hook hook, HookStatus outcome) {
		return Counter.builder("vigil.hook.executions")
			.description("Hook runs by outcome")
			.tags("name", hook.name(), "type", type.label(), "status", outcome.label())
			.register(this.meters);
	}

	private Timer duration(HookType type, HooksProperties.Hook hook) {
		return Timer.builder("vigil.hook.duration")
			.description("How long hooks ran")
			.tags("name", hook.name(), "type", type.label())
			.register(this.meters);
	}

}
