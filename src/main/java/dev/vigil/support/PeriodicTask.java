package dev.vigil.support;

import java.time.Duration;

/**
 * A task run every {@code period} on Spring's scheduling, from {@link #start()} to {@link #stop()};
 * starting it twice, or stopping it when stopped, does nothing. For the watchers that look at
 * something on a timer (certificate files, the connection pool, the workers); as a bean it starts
 * and stops with the application, in its phase. A stop interrupts a run under way.
 */
public final class PeriodicTask extends BackgroundWorker {

	private final SchedulerGroup group;

	private final Duration period;

	private final Runnable task;

	/**
	 * @param name what the scheduled tasks endpoint and the stop's log line call it
	 * @param group the scheduler it runs on
	 * @param period the time between the end of one run and the start of the next
	 * @param task what runs; what it throws is logged and the next run goes ahead. A task that is
	 * {@link AutoCloseable} is closed once the timer has stopped (a connection it holds, say)
	 * @param phase when it starts and stops among the application's lifecycles ({@link LifecyclePhases})
	 */
	public PeriodicTask(String name, SchedulerGroup group, Duration period, Runnable task, int phase) {
		super(name, phase);
		this.group = group;
		this.period = period;
		this.task = task;
	}

	@Override
	protected void onStart() {
		withFixedDelay(this.group, name(), this.task, this.period, this.period);
	}

	@Override
	protected void onStopped() {
		if (this.task instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(OneLine.withType(ex), ex);
			}
		}
	}

}
