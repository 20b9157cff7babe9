package dev.vigil.hosts.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.support.OneLine;

/**
 * What this replica knows of the change log, and whom to tell when it moves on. It learns of a
 * change three ways: a commit made here, a notification from another replica (PostgreSQL), and
 * {@link #check()}, a read of the newest change on a timer, which also catches a second process
 * writing the same SQLite file and any notification that was lost. It only ever moves forward.
 */
public class ChangeFeed {

	private static final Logger logger = LoggerFactory.getLogger(ChangeFeed.class);

	private final ChangeLog log;

	private final Clock clock;

	private final BooleanSupplier listening;

	private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();

	private volatile Known known;

	ChangeFeed(ChangeLog log, Clock clock, BooleanSupplier listening) {
		this.log = log;
		this.clock = clock;
		this.listening = listening;
		this.known = new Known(Change.NONE, clock.instant());
	}

	/** The newest change this replica knows of. */
	public Change newest() {
		return this.known.change();
	}

	/** Whether another replica's commits are heard at once (PostgreSQL's listening connection is open). */
	public boolean listening() {
		return this.listening.getAsBoolean();
	}

	/** When this replica learnt of {@link #newest()}. */
	public Instant newestSince() {
		return this.known.since();
	}

	/**
	 * Calls {@code subscriber} after every move forward, on the thread that saw it; it must not
	 * block. Returns what unsubscribes it.
	 */
	public Runnable subscribe(Runnable subscriber) {
		this.subscribers.add(subscriber);
		return () -> this.subscribers.remove(subscriber);
	}


	/** Reads the newest change from the database and moves forward to it; a failure waits for the next check. */
	void check() {
		Change newest;
		try {
			newest = this.log.newest();
		}
		catch (RuntimeException ex) {
			// The db component reports an outage; the next check catches up.
			logger.debug("hosts.feed.check failed error=\"{}\"", OneLine.of(ex));
			return;
		}
		moveTo(newest);
	}

	/**
	 * Moves forward to a change known committed: one made here, or one a notification announced;
	 * an older one is ignored.
	 */
	void moveTo(Change change) {
		synchronized (this) {
			if (!change.isAfter(this.known.change())) {
				return;
			}
			this.known = new Known(change, this.clock.instant());
		}
		this.subscribers.forEach(Runnable::run);
	}

	private record Known(Change change, Instant since) {
	}

}
