package dev.vigil.support;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A task run every {@code period} on a named daemon thread, from {@link #start()} to
 * {@link #stop()}; starting it twice, or stopping it when stopped, does nothing. For the watchers
 * that look at something on a timer (certificate files, the connection pool, the workers); as a bean
 * it starts and stops with the application, in its phase. A stop interrupts a run under way.
 */
public final class PeriodicTask extends BackgroundWorker {

	/** How long a stop waits for an interrupted run to end. */
	private static final Duration STOP_WAIT = Duration.ofSeconds(1);

	private static final Pattern NAME_END = Pattern.compile("-+$");

	private final String threadName;

	private final Duration period;

	private final Runnable task;

	/**
	 * @param threadName the thread's name prefix, so a thread dump says whose it is
	 * @param period the time between the end of one run and the start of the next
	 * @param task what runs; what it throws is logged and the next run goes ahead. A task that is
	 * {@link AutoCloseable} is closed once the timer has stopped (a connection it holds, say)
	 * @param phase when it starts and stops among the application's lifecycles ({@link LifecyclePhases})
	 */
	public PeriodicTask(String threadName, Duration period, Runnable task, int phase) {
		super(threadName, phase);
		this.threadName = threadName;
		this.period = period;
		this.task = task;
	}

	@Override
	protected void onStart() {
		// Listed under its threads' name, so the scheduled tasks and the thread dump match.
		withFixedDelay(scheduler(this.threadName, Ending.interrupt(STOP_WAIT)), NAME_END.matcher(this.threadName).replaceAll(""),
				this.task, this.period, this.period);
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
