package dev.vigil.support;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;

/**
 * A task run every {@code period} on a named daemon thread, from {@link #start()} to
 * {@link #stop()}; starting it twice, or stopping it when stopped, does nothing. For the watchers
 * that look at something on a timer (certificate files, the connection pool, the workers); as a bean
 * it starts and stops with the application, in its phase.
 */
public final class PeriodicTask implements SmartLifecycle {

	private final String threadName;

	private final Duration period;

	private final Runnable task;

	private final int phase;

	private ScheduledExecutorService timer;

	/**
	 * @param threadName the thread's name prefix, so a thread dump says whose it is
	 * @param period the time between the end of one run and the start of the next
	 * @param task what runs; it must not throw, or it runs no more. A task that is
	 * {@link AutoCloseable} is closed once the timer has stopped (a connection it holds, say)
	 * @param phase when it starts and stops among the application's lifecycles ({@link LifecyclePhases})
	 */
	public PeriodicTask(String threadName, Duration period, Runnable task, int phase) {
		this.threadName = threadName;
		this.period = period;
		this.task = task;
		this.phase = phase;
	}

	@Override
	public synchronized void start() {
		if (this.timer == null) {
			this.timer = DaemonThreads.scheduler(this.threadName);
			this.timer.scheduleWithFixedDelay(this.task, this.period.toNanos(), this.period.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.timer != null) {
			this.timer.shutdownNow();
			this.timer = null;
			if (this.task instanceof AutoCloseable closeable) {
				close(closeable);
			}
		}
	}

	private static void close(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException(OneLine.withType(ex), ex);
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.timer != null;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

}
