package dev.vigil.models;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one bounded request queue: highest priority first, first come first within a priority. Its
 * depth bound is the single number both admission and readiness use.
 */
final class InferenceQueue {

	private final int maxDepth;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition notEmpty = this.lock.newCondition();

	private final Map<Priority, ArrayDeque<InferenceJob>> byPriority = new EnumMap<>(Priority.class);

	private int depth;

	private boolean full;

	private Runnable fullnessListener = () -> {
	};

	InferenceQueue(int maxDepth) {
		this.maxDepth = maxDepth;
		for (Priority priority : Priority.values()) {
			this.byPriority.put(priority, new ArrayDeque<>());
		}
	}

	int maxDepth() {
		return this.maxDepth;
	}

	/** Runs {@code listener} each time the queue turns full or stops being full. */
	void onFullnessChange(Runnable listener) {
		this.fullnessListener = listener;
	}

	/** Adds the job unless the queue is full. */
	boolean offer(InferenceJob job) {
		boolean flipped;
		this.lock.lock();
		try {
			if (this.depth >= this.maxDepth) {
				return false;
			}
			this.byPriority.get(job.priority()).addLast(job);
			this.depth++;
			this.notEmpty.signal();
			flipped = checkFullness();
		}
		finally {
			this.lock.unlock();
		}
		notifyIf(flipped);
		return true;
	}

	/** The next job, waiting up to {@code timeoutNanos} for one; null if none came. */
	InferenceJob poll(long timeoutNanos) throws InterruptedException {
		InferenceJob next = null;
		boolean flipped;
		this.lock.lock();
		try {
			long remaining = timeoutNanos;
			while (this.depth == 0) {
				if (remaining <= 0) {
					return null;
				}
				remaining = this.notEmpty.awaitNanos(remaining);
			}
			for (int i = Priority.values().length - 1; i >= 0 && next == null; i--) {
				next = this.byPriority.get(Priority.values()[i]).pollFirst();
			}
			this.depth--;
			flipped = checkFullness();
		}
		finally {
			this.lock.unlock();
		}
		notifyIf(flipped);
		return next;
	}

	/** Takes the job out if it is still waiting. */
	boolean remove(InferenceJob job) {
		boolean removed;
		boolean flipped;
		this.lock.lock();
		try {
			removed = this.byPriority.get(job.priority()).remove(job);
			if (removed) {
				this.depth--;
			}
			flipped = checkFullness();
		}
		finally {
			this.lock.unlock();
		}
		notifyIf(flipped);
		return removed;
	}

	/** Takes every waiting job out, highest priority first. */
	List<InferenceJob> removeAll() {
		List<InferenceJob> all;
		boolean flipped;
		this.lock.lock();
		try {
			all = new ArrayList<>(this.depth);
			for (int i = Priority.values().length - 1; i >= 0; i--) {
				ArrayDeque<InferenceJob> jobs = this.byPriority.get(Priority.values()[i]);
				all.addAll(jobs);
				jobs.clear();
			}
			this.depth = 0;
			flipped = checkFullness();
		}
		finally {
			this.lock.unlock();
		}
		notifyIf(flipped);
		return all;
	}

	/** Under the lock: whether the queue just turned full or stopped being full. */
	private boolean checkFullness() {
		boolean now = this.depth >= this.maxDepth;
		boolean flipped = now != this.full;
		this.full = now;
		return flipped;
	}

	/** Outside the lock: the listener may read the queue. */
	private void notifyIf(boolean flipped) {
		if (flipped) {
			this.fullnessListener.run();
		}
	}

	int depth() {
		this.lock.lock();
		try {
			return this.depth;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** How long the oldest waiting job has waited, in milliseconds; 0 when none waits. */
	long oldestWaitMillis(long now) {
		this.lock.lock();
		try {
			long oldest = Long.MAX_VALUE;
			for (ArrayDeque<InferenceJob> jobs : this.byPriority.values()) {
				InferenceJob head = jobs.peekFirst();
				if (head != null) {
					oldest = Math.min(oldest, head.enqueuedNanos());
				}
			}
			return (oldest == Long.MAX_VALUE) ? 0 : TimeUnit.NANOSECONDS.toMillis(now - oldest);
		}
		finally {
			this.lock.unlock();
		}
	}

}
