package dev.vigil.support;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.springframework.scheduling.TaskScheduler;

/**
 * Work that runs on an executor of its own (one thread that keeps an order, say) once a delay is
 * over: Spring's scheduler holds it meanwhile, so the executor needs no timer. Work handed over
 * after the executor has stopped is dropped: its owner is stopping.
 */
public final class DelayedHandOff {

	private DelayedHandOff() {
	}

	/** Runs {@code task} on {@code target} after {@code delay}, at once when there is none. */
	public static void after(TaskScheduler delays, Duration delay, Executor target, Runnable task) {
		Runnable handOff = () -> {
			try {
				target.execute(task);
			}
			catch (RejectedExecutionException ex) {
				// Stopped while it waited.
			}
		};
		if (delay.isZero() || delay.isNegative()) {
			handOff.run();
		}
		else {
			delays.schedule(handOff, delays.getClock().instant().plus(delay));
		}
	}

}
