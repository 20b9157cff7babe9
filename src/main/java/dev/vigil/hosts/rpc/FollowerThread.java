package dev.vigil.hosts.rpc;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.vigil.support.DaemonThreads;

/**
 * The one daemon thread every WatchHosts follower's work runs on: the coalesced snapshot starts
 * and the sending itself (reading pages, handing messages to gRPC). One thread feeding every
 * stream contends less than many (docs/benchmarks.md), and leaves the other cores to the probes
 * and the other RPCs. Tasks are dropped once
 * the application closes (open streams end with UNAVAILABLE then).
 */
final class FollowerThread implements Executor, AutoCloseable {

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
	public void execute(Runnable task) {
		schedule(task, Duration.ZERO);
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
