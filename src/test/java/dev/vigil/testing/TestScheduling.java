package dev.vigil.testing;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Spring's scheduling for a worker a test makes without a context: a task scheduler, and the
 * registrar the context would hand to the worker once refreshed. Both scheduler groups share the
 * one scheduler here. Close it after the test.
 */
public final class TestScheduling implements AutoCloseable {

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();

	public TestScheduling() {
		this.scheduler.setPoolSize(2);
		this.scheduler.setDaemon(true);
		this.scheduler.setThreadNamePrefix("test-scheduling-");
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler.initialize();
		this.registrar.setTaskScheduler(this.scheduler);
	}

	/** The scheduler, for what a worker is given directly (timers, delays). */
	public TaskScheduler scheduler() {
		return this.scheduler;
	}

	/** Hands the registrar to {@code worker}, as the context does once refreshed; returns the worker. */
	public <W extends SchedulingConfigurer> W configure(W worker) {
		worker.configureTasks(this.registrar);
		return worker;
	}

	@Override
	public void close() {
		this.scheduler.destroy();
	}

}
