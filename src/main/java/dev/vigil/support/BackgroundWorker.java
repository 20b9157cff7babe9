package dev.vigil.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.FixedRateTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.config.TriggerTask;

/**
 * The one lifecycle of Vigil's background workers: started and stopped with the application in
 * its phase ({@link LifecyclePhases}), once each however often it is asked; its threads named
 * daemon threads, made through this class so that a stop can end them; and a stop bounded in time,
 * each group of threads ended in the order it was made, as its {@link Ending} says. The
 * application's stop ends the workers of a phase in parallel. What a stop
 * leaves running is named in one log line, {@code worker.stop.incomplete}, and the stop returns.
 * <p>
 * A worker makes its executors and threads in {@link #onStart()}, stops taking work in
 * {@link #onStopping()}, and lets go of anything else it holds (a socket, a server) in
 * {@link #onStopped()}, after its threads.
 * <p>
 * Work it repeats goes through {@link #withFixedDelay}, {@link #atFixedRate} or {@link #onTrigger}:
 * Spring's scheduling runs it, on the {@link SchedulerGroup} it names, from the worker's start to
 * its stop, and the {@code scheduledtasks} endpoint (and Spring Boot Admin's view of it) lists it by
 * name with its last run and its next. Spring hands its registrar to every configurer once the
 * context has refreshed, a moment after the workers start: work repeated from the start waits for
 * it. A stop cancels the repeated work, interrupting a run under way, and waits for that run at
 * most {@link #REPEATED_STOP_WAIT}.
 */
public abstract class BackgroundWorker implements SmartLifecycle, SchedulingConfigurer, ScheduledTaskHolder {

	/** How long a stop waits for an interrupted run of repeated work to end. */
	static final Duration REPEATED_STOP_WAIT = Duration.ofSeconds(1);

	private static final Logger logger = LoggerFactory.getLogger(BackgroundWorker.class);

	private final String name;

	private final int phase;

	private final List<WorkerThreads> groups = new ArrayList<>();

	/** The work repeated since the last start; changed under this, read without it (the endpoint never waits for a slow start). */
	private final List<RepeatedWork> repeated = new CopyOnWriteArrayList<>();

	/** Spring's, once it has handed it over; guarded by this. */
	private ScheduledTaskRegistrar registrar;

	private volatile boolean running;

	/**
	 * @param name what the stop's log line calls this worker
	 * @param phase when it starts and stops among the application's lifecycles ({@link LifecyclePhases})
	 */
	protected BackgroundWorker(String name, int phase) {
		this.name = name;
		this.phase = phase;
	}

	/** Makes the worker's threads and starts its work; {@link #isRunning()} is already true. */
	protected abstract void onStart();

	/** Stops taking work, under the same lock as {@link #onStart()}; {@link #isRunning()} is already false. */
	protected void onStopping() {
	}

	/** Lets go of what the worker holds besides its threads, once they have ended or their wait is over. */
	protected void onStopped() {
	}

	@Override
	public final void start() {
		synchronized (this) {
			if (this.running) {
				return;
			}
			this.running = true;
			try {
				onStart();
			}
			catch (RuntimeException ex) {
				this.running = false;
				takeRepeated().forEach(RepeatedWork::end);
				takeGroups().forEach(WorkerThreads::end);
				throw ex;
			}
		}
	}

	@Override
	public final void stop() {
		Stopping stopping = stopTakingWork();
		if (stopping != null) {
			end(stopping);
		}
	}

	/**
	 * Stops on a thread of its own and tells {@code callback} when done, so that the application's
	 * stop ends every worker of a phase at once: a phase takes as long as its slowest worker, not
	 * the sum of their waits.
	 */
	@Override
	public final void stop(Runnable callback) {
		Stopping stopping = stopTakingWork();
		if (stopping == null) {
			callback.run();
			return;
		}
		DaemonThreads.named("vigil-stop-" + this.name + "-").newThread(() -> {
			try {
				end(stopping);
			}
			finally {
				callback.run();
			}
		}).start();
	}

	/** Takes no more work and hands over its repeated work and threads for ending; null when it was not running. */
	private Stopping stopTakingWork() {
		synchronized (this) {
			if (!this.running) {
				return null;
			}
			this.running = false;
			onStopping();
			return new Stopping(takeRepeated(), takeGroups());
		}
	}

	private record Stopping(List<RepeatedWork> repeated, List<WorkerThreads> groups) {
	}

	/**
	 * Ends the repeated work, then the threads, each group as its ending says and in the order they
	 * were made, then lets go of the rest.
	 */
	private void end(Stopping stopping) {
		List<String> left = new ArrayList<>();
		long started = System.nanoTime();
		stopping.repeated().forEach((work) -> left.addAll(work.end()));
		stopping.groups().forEach((group) -> left.addAll(group.end()));
		if (!left.isEmpty()) {
			logger.warn("worker.stop.incomplete worker={} waitedMs={} left={}", this.name,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), String.join(",", left));
		}
		onStopped();
	}

	/** What the stop's log line calls this worker. */
	protected final String name() {
		return this.name;
	}

	@Override
	public final boolean isRunning() {
		return this.running;
	}

	@Override
	public final int getPhase() {
		return this.phase;
	}

	/** The repeated work scheduled since the worker last started. */
	@Override
	public final Set<ScheduledTask> getScheduledTasks() {
		return this.repeated.stream().map(RepeatedWork::scheduled).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
	}

	/** Spring's registrar, handed to every configurer once the context has refreshed: what waits for it starts now. */
	@Override
	public final synchronized void configureTasks(ScheduledTaskRegistrar registrar) {
		this.registrar = registrar;
		if (this.running) {
			this.repeated.forEach((work) -> work.scheduleOn(registrar));
		}
	}

	/**
	 * Runs {@code task} on the {@code group}'s scheduler, first after {@code initialDelay}, then
	 * {@code period} after each run ends; {@code name} is what the scheduled tasks endpoint calls it.
	 */
	protected final void withFixedDelay(SchedulerGroup group, String name, Runnable task, Duration initialDelay,
			Duration period) {
		repeat(new RepeatedWork(name, group, task,
				(registrar, work) -> registrar.scheduleFixedDelayTask(new FixedDelayTask(work, period, initialDelay))));
	}

	/**
	 * Runs {@code task} on the {@code group}'s scheduler, first after {@code initialDelay}, then
	 * every {@code period} from the start of the run before; {@code name} is what the scheduled
	 * tasks endpoint calls it.
	 */
	protected final void atFixedRate(SchedulerGroup group, String name, Runnable task, Duration initialDelay,
			Duration period) {
		repeat(new RepeatedWork(name, group, task,
				(registrar, work) -> registrar.scheduleFixedRateTask(new FixedRateTask(work, period, initialDelay))));
	}

	/**
	 * Runs {@code task} on the {@code group}'s scheduler whenever {@code trigger} says, each next
	 * time asked once the run before has ended; the endpoint shows the trigger's {@code toString()}.
	 */
	protected final void onTrigger(SchedulerGroup group, String name, Runnable task, Trigger trigger) {
		repeat(new RepeatedWork(name, group, task,
				(registrar, work) -> registrar.scheduleTriggerTask(new TriggerTask(work, trigger))));
	}

	private synchronized void repeat(RepeatedWork work) {
		this.repeated.add(work);
		if (this.registrar != null) {
			work.scheduleOn(this.registrar);
		}
	}

	private synchronized List<RepeatedWork> takeRepeated() {
		List<RepeatedWork> taken = List.copyOf(this.repeated);
		this.repeated.clear();
		return taken;
	}

	/** One daemon thread taking tasks in turn. */
	protected final ExecutorService singleThread(String threadPrefix, Ending ending) {
		WorkerThreads.TrackedThreads threads = new WorkerThreads.TrackedThreads(threadPrefix);
		return add(Executors.newSingleThreadExecutor(threads), threads, ending);
	}

	/** Daemon threads made as tasks need them and kept a while for the next. */
	protected final ExecutorService cachedThreads(String threadPrefix, Ending ending) {
		WorkerThreads.TrackedThreads threads = new WorkerThreads.TrackedThreads(threadPrefix);
		return add(Executors.newCachedThreadPool(threads), threads, ending);
	}

	/** Daemon threads for loops of the worker's own, which end when {@link #isRunning()} turns false. */
	protected final ThreadFactory threads(String threadPrefix, Ending ending) {
		WorkerThreads.TrackedThreads threads = new WorkerThreads.TrackedThreads(threadPrefix);
		add(null, threads, ending);
		return threads;
	}

	private synchronized <E extends ExecutorService> E add(E executor, WorkerThreads.TrackedThreads threads, Ending ending) {
		this.groups.add(new WorkerThreads(executor, threads, ending));
		return executor;
	}

	private synchronized List<WorkerThreads> takeGroups() {
		List<WorkerThreads> taken = List.copyOf(this.groups);
		this.groups.clear();
		return taken;
	}

	/**
	 * How a stop ends a group of threads: interrupted at once, or left to finish their current
	 * task; then waited for, at most {@code within}. A group still running after that can be given
	 * one more push ({@code overdue}, say killing the process a thread waits on) and waited for
	 * again; what runs on after that is left behind and named.
	 */
	public record Ending(boolean interrupt, Duration within, Runnable overdue, Duration overdueWithin) {

		/** Interrupted at once, then waited for at most {@code within}. */
		public static Ending interrupt(Duration within) {
			return new Ending(true, within, null, Duration.ZERO);
		}

		/** Never interrupted: a task under way finishes, waited for at most {@code within}. */
		public static Ending finish(Duration within) {
			return new Ending(false, within, null, Duration.ZERO);
		}

		/** This ending, and when the wait is over, {@code overdue}, then a further wait of at most {@code within}. */
		public Ending orElse(Runnable overdue, Duration within) {
			return new Ending(this.interrupt, this.within, overdue, within);
		}

	}

}
