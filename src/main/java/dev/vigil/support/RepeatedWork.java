package dev.vigil.support;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

import org.springframework.scheduling.SchedulingAwareRunnable;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * One piece of a {@link BackgroundWorker}'s repeated work: what runs, under the name the scheduled
 * tasks endpoint shows, routed by Spring's scheduling to its {@link SchedulerGroup}'s scheduler
 * (the qualifier), and scheduled once Spring's registrar is at hand. A stop cancels it and waits
 * for a run under way.
 */
final class RepeatedWork implements SchedulingAwareRunnable {

	private final String name;

	private final SchedulerGroup group;

	private final Runnable task;

	/** Held by a run: a stop waits on it for the run under way. */
	private final ReentrantLock running = new ReentrantLock();

	/** How it is scheduled: which of the registrar's kinds of task, and when. */
	private final BiFunction<ScheduledTaskRegistrar, RepeatedWork, ScheduledTask> scheduling;

	private volatile ScheduledTask scheduled;

	RepeatedWork(String name, SchedulerGroup group, Runnable task,
			BiFunction<ScheduledTaskRegistrar, RepeatedWork, ScheduledTask> scheduling) {
		this.name = name;
		this.group = group;
		this.task = task;
		this.scheduling = scheduling;
	}

	/** Hands the work to Spring's registrar, which schedules it at once; does nothing when already scheduled. */
	void scheduleOn(ScheduledTaskRegistrar registrar) {
		if (this.scheduled != null) {
			return;
		}
		this.scheduled = this.scheduling.apply(registrar, this);
	}

	/** Spring's record of it, while scheduled; null before. */
	ScheduledTask scheduled() {
		return this.scheduled;
	}

	/**
	 * Cancels it, interrupting a run under way, and waits for that run at most
	 * {@link BackgroundWorker#REPEATED_STOP_WAIT}; returns its name when the run goes on.
	 */
	List<String> end() {
		ScheduledTask current = this.scheduled;
		if (current == null) {
			return List.of();
		}
		current.cancel(true);
		try {
			if (this.running.tryLock(BackgroundWorker.REPEATED_STOP_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
				this.running.unlock();
				return List.of();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return List.of(this.name);
	}

	@Override
	public void run() {
		this.running.lock();
		try {
			this.task.run();
		}
		finally {
			this.running.unlock();
		}
	}

	@Override
	public String getQualifier() {
		return this.group.beanName();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
