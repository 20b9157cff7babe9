package dev.vigil.hosts.rpc;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.vigil.support.DaemonThreads;

/**
 * Runs the WatchHosts followers' coalesced snapshot starts: short tasks, on one daemon thread,
 * dropped once the application closes (open streams end with UNAVAILABLE then).
 */
public final class FollowerTimer implements AutoCloseable {

	private final ScheduledExecutorService timer = DaemonThreads.scheduler("vigil-hosts-watch-");

	void schedule(Runnable task, Duration delay) {
		try {
			this.timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Closed: the application is stopping.
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
