package dev.vigil.hosts.rpc;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.vigil.support.DaemonThreads;
import dev.vigil.support.DelayedHandOff;

import org.springframework.scheduling.TaskScheduler;

/**
 * The one daemon thread every WatchHosts follower's work runs on: the coalesced snapshot starts
 * and the sending itself (reading pages, handing messages to gRPC). One thread feeding every
 * stream contends less than many (docs/benchmarks.md), and leaves the other cores to the probes
 * and the other RPCs. Spring's shared scheduler holds what waits (a coalescing delay) and hands it
 * over when due. Tasks are dropped once the application closes (open streams end with UNAVAILABLE
 * then).
 */
final class FollowerThread implements Executor, AutoCloseable {

	private final ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named("vigil-hosts-watch-"));

	private final TaskScheduler delays;

	FollowerThread(TaskScheduler delays) {
		this.delays = delays;
	}

	void schedule(Runnable task, Duration delay) {
		DelayedHandOff.after(this.delays, delay, this.thread, task);
	}

	@Override
	public void execute(Runnable task) {
		schedule(task, Duration.ZERO);
	}

	@Override
	public void close() {
		this.thread.shutdownNow();
	}

}
