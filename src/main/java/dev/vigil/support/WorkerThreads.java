package dev.vigil.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import dev.vigil.support.BackgroundWorker.Ending;

/**
 * One group of a {@link BackgroundWorker}'s threads, of one name prefix: an executor's
 * ({@code executor} set), or the worker's own loops; ended by a stop as its {@link Ending} says.
 *
 * @param executor the executor whose threads these are; null for the worker's own loops
 * @param threads the group's threads, named and remembered until they end
 * @param ending how a stop ends them
 */
record WorkerThreads(ExecutorService executor, TrackedThreads threads, Ending ending) {

	/** Ends the group as its ending says; returns the names of the threads still running. */
	List<String> end() {
		if (this.executor != null) {
			if (this.ending.interrupt()) {
				this.executor.shutdownNow();
			}
			else {
				this.executor.shutdown();
			}
		}
		else if (this.ending.interrupt()) {
			this.threads.all().forEach(Thread::interrupt);
		}
		boolean ended = await(this.ending.within());
		if (!ended && this.ending.overdue() != null) {
			this.ending.overdue().run();
			ended = await(this.ending.overdueWithin());
		}
		return ended ? List.of() : this.threads.running();
	}

	private boolean await(Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		try {
			if (this.executor != null) {
				return this.executor.awaitTermination(within.toNanos(), TimeUnit.NANOSECONDS);
			}
			for (Thread thread : this.threads.all()) {
				long remaining = deadline - System.nanoTime();
				if (remaining > 0) {
					TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
				}
			}
			return this.threads.running().isEmpty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Makes named daemon threads and remembers those not yet ended, so a stop can wait for them and name them. */
	static final class TrackedThreads implements ThreadFactory {

		private final ThreadFactory named;

		private final List<Thread> threads = new CopyOnWriteArrayList<>();

		TrackedThreads(String prefix) {
			this.named = DaemonThreads.named(prefix);
		}

		@Override
		public Thread newThread(Runnable task) {
			// Pools make threads over a whole run: forget the ended ones.
			this.threads.removeIf((thread) -> thread.getState() == Thread.State.TERMINATED);
			Thread thread = this.named.newThread(task);
			this.threads.add(thread);
			return thread;
		}

		List<Thread> all() {
			return this.threads;
		}

		/** The names of the threads still running. */
		List<String> running() {
			List<String> names = new ArrayList<>();
			this.threads.stream().filter(Thread::isAlive).forEach((thread) -> names.add(thread.getName()));
			return names;
		}

	}

}
