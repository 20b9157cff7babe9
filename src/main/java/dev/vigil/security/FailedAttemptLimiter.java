package dev.vigil.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts failed authentications per client address in fixed windows. An address past the bound is
 * refused until its window ends, whatever it presents, so guessing tokens is slow. The table is
 * bounded: the oldest addresses are forgotten first.
 */
final class FailedAttemptLimiter {

	private static final int MAX_ADDRESSES = 10_000;

	private final int maxFailures;

	private final long windowNanos;

	private final LongSupplier nanoTime;

	private final Map<String, Window> windows = new LinkedHashMap<>(16, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
			return size() > MAX_ADDRESSES;
		}

	};

	FailedAttemptLimiter(int maxFailures, Duration window, LongSupplier nanoTime) {
		this.maxFailures = maxFailures;
		this.windowNanos = window.toNanos();
		this.nanoTime = nanoTime;
	}

	/** Whether the address has used up its failures for now. */
	synchronized boolean blocked(String address) {
		Window window = current(address, this.nanoTime.getAsLong());
		return window != null && window.failures >= this.maxFailures;
	}

	synchronized void failed(String address) {
		long now = this.nanoTime.getAsLong();
		Window window = current(address, now);
		if (window == null) {
			window = new Window(now);
			this.windows.put(address, window);
		}
		window.failures++;
	}

	private Window current(String address, long now) {
		Window window = this.windows.get(address);
		if (window != null && now - window.startedAt >= this.windowNanos) {
			this.windows.remove(address);
			return null;
		}
		return window;
	}

	private static final class Window {

		private final long startedAt;

		private int failures;

		Window(long startedAt) {
			this.startedAt = startedAt;
		}

	}

}
