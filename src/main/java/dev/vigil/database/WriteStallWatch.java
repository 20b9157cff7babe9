package dev.vigil.database;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the write path on a timer for a stall: a write that has waited longer than
 * {@code vigil.database.writes.stall-after} for the write lock or for its commit. One WARN line
 * when a stall starts and one when it ends, and each time the {@code db} check runs at once, so
 * that every door shows it within a look and a check. Reads what the write path keeps in memory:
 * no query.
 */
final class WriteStallWatch implements Runnable {

	/** How often the write path is looked at. */
	static final Duration EVERY = Duration.ofMillis(250);

	private static final Logger logger = LoggerFactory.getLogger(WriteStallWatch.class);

	private final WritePath writes;

	private final Duration stallAfter;

	private final Runnable refreshCheck;

	private WritePath.Stall stall;

	private long stallStartedNanos;

	WriteStallWatch(WritePath writes, Duration stallAfter, Runnable refreshCheck) {
		this.writes = writes;
		this.stallAfter = stallAfter;
		this.refreshCheck = refreshCheck;
	}

	/** The stall under way: a wait past the bound. */
	Optional<WritePath.Stall> stall() {
		return this.writes.oldestWait().filter((wait) -> wait.waited().compareTo(this.stallAfter) >= 0);
	}

	@Override
	public void run() {
		Optional<WritePath.Stall> now = stall();
		if (now.isPresent() && this.stall == null) {
			this.stall = now.get();
			this.stallStartedNanos = System.nanoTime() - now.get().waited().toNanos();
			logger.warn("db.write.stall.start wait={} waited={}ms bound={}ms reason=\"{}\"",
					now.get().waitingFor().name().toLowerCase(Locale.ROOT), now.get().waited().toMillis(),
					this.stallAfter.toMillis(), now.get().describe());
			this.refreshCheck.run();
		}
		else if (now.isEmpty() && this.stall != null) {
			logger.warn("db.write.stall.end wait={} lasted={}ms", this.stall.waitingFor().name().toLowerCase(Locale.ROOT),
					Duration.ofNanos(System.nanoTime() - this.stallStartedNanos).toMillis());
			this.stall = null;
			this.refreshCheck.run();
		}
	}

}
