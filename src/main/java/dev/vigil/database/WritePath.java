package dev.vigil.database;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one way into a write transaction. A write first takes its turn in this process, one write at
 * a time, before it borrows a connection: writes queued behind a stalled one hold no connection,
 * so reads never starve behind them. In its transaction it then takes the write lock across
 * replicas (on PostgreSQL a transaction-scoped advisory lock, under a {@code lock_timeout}), as a
 * statement of its own or ahead of the write's first in one round trip ({@link Turn#lockStatement}). Both
 * waits are bounded by the caller's remaining deadline, or by {@code vigil.database.writes.lock-wait}
 * when it has none; past it the write answers {@link DatabaseUnavailableException}, having written
 * nothing. A commit is never cancelled: a commit waiting for a synchronous standby that is cancelled
 * commits locally all the same, so its caller would be told "failed" of a write that stands.
 * <p>
 * Every write in the path is tracked with what it waits for, so that {@link #oldestWait()} tells,
 * without a query, how long the longest wait for the lock or for a commit has lasted: the {@code db}
 * check reports it as a stall.
 */
public class WritePath {

	/** An arbitrary key for the advisory lock; only Vigil takes it. */
	static final long WRITE_LOCK = 0x7669_6769_6c00_0001L;

	/** How often a waiting write (for its turn, or in a queue of the caller's) looks whether its caller is still there. */
	public static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final ReentrantLock turn = new ReentrantLock(true);

	private final Set<Turn> writes = ConcurrentHashMap.newKeySet();

	private final DatabaseBackend backend;

	/** On the writers' pool: inside a write's transaction, its connection. */
	private final JdbcTemplate jdbc;

	private final Duration lockWait;

	private final int maxGroup;

	private final LongSupplier nanoClock;

	WritePath(DatabaseBackend backend, JdbcTemplate jdbc, Duration lockWait, int maxGroup, LongSupplier nanoClock) {
		this.backend = backend;
		this.jdbc = jdbc;
		this.lockWait = lockWait;
		this.maxGroup = maxGroup;
		this.nanoClock = nanoClock;
	}

	/** The most writes that may commit together in one transaction ({@code vigil.database.writes.max-group}). */
	public int maxGroup() {
		return this.maxGroup;
	}

	/** What a write is waiting for. */
	enum Wait {

		/** Its turn in this process, or (PostgreSQL) the lock across replicas. */
		LOCK("a write has waited %s for the write lock"),

		/** Running its statements: not a wait. */
		NONE(""),

		/** The database's answer to its commit (a synchronous standby's, say). */
		COMMIT("a commit has waited %s"),

		/** A statement carrying both, the lock ahead of it and the commit behind it. */
		LOCK_OR_COMMIT("a write has waited %s for the write lock or its commit");

		private final String sentence;

		Wait(String sentence) {
			this.sentence = sentence;
		}

	}

	/**
	 * The longest wait under way.
	 *
	 * @param waitingFor what it waits for
	 * @param waited for how long
	 */
	record Stall(Wait waitingFor, Duration waited) {

		/** {@code a commit has waited 12.4 s}. */
		String describe() {
			return String.format(this.waitingFor.sentence, seconds(this.waited));
		}

	}

	/**
	 * Takes this write's turn: waits at most {@code callerRemaining}, or the configured lock wait
	 * without it, and looks every 100 ms whether the caller is still there ({@code checkpoint}
	 * throws when it is not). Close the turn once the transaction has ended.
	 *
	 * @throws DatabaseUnavailableException when the turn did not come in time
	 */
	public Turn enter(Optional<Duration> callerRemaining, Runnable checkpoint) {
		long bound = callerRemaining.orElse(this.lockWait).toNanos();
		Turn write = new Turn(this.nanoClock.getAsLong(), bound);
		this.writes.add(write);
		boolean entered = false;
		try {
			while (!(entered = this.turn.tryLock(Math.min(LOOK_NANOS, Math.max(0, write.remainingNanos())),
					TimeUnit.NANOSECONDS))) {
				checkpoint.run();
				if (write.remainingNanos() <= 0) {
					throw notFree(write);
				}
			}
			if (!acrossReplicas()) {
				// SQLite's one writer is this process's: the turn is the whole lock.
				write.waitingFor(Wait.NONE);
			}
			return write;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DatabaseUnavailableException("interrupted while waiting for the write lock; nothing was written");
		}
		finally {
			if (!entered) {
				this.writes.remove(write);
			}
		}
	}

	/** Whether other replicas' writers share the write lock (PostgreSQL), which a write then takes in its transaction. */
	public boolean acrossReplicas() {
		return this.backend == DatabaseBackend.POSTGRESQL;
	}

	/** How long a write waits for the write lock when its caller set no deadline. */
	public Duration lockWait() {
		return this.lockWait;
	}

	/**
	 * What a write that waited {@code bound} for the write lock answers, naming a commit's stall
	 * if one holds it.
	 */
	public DatabaseUnavailableException notFreeWithin(Duration bound) {
		String stall = oldestWait().filter((wait) -> wait.waitingFor() == Wait.COMMIT)
			.map((wait) -> "; " + wait.describe())
			.orElse("");
		return new DatabaseUnavailableException("the write lock was not free within " + seconds(bound) + stall
				+ "; nothing was written");
	}

	/** The longest wait for the write lock or a commit under way, if any write is waiting. */
	Optional<Stall> oldestWait() {
		long now = this.nanoClock.getAsLong();
		return this.writes.stream()
			.filter((write) -> write.wait != Wait.NONE)
			.min(Comparator.comparingLong((Turn write) -> write.waitingSince))
			.map((write) -> new Stall(write.wait, Duration.ofNanos(now - write.waitingSince)));
	}

	private DatabaseUnavailableException notFree(Turn write) {
		return notFreeWithin(Duration.ofNanos(write.bound));
	}

	static String seconds(Duration duration) {
		return String.format("%.1f s", duration.toMillis() / 1000.0);
	}

	/**
	 * PostgreSQL's write lock as a statement, bounded by what remains of the write's wait.
	 *
	 * @param key the advisory lock's key
	 * @param timeout the {@code lock_timeout}, {@code 250ms}
	 */
	public record LockStatement(long key, String timeout) {

		/** One statement: the bound is set, for this transaction only, before the lock is asked for. */
		public static final String SQL = "SELECT pg_advisory_xact_lock(?) FROM "
				+ "(SELECT set_config('lock_timeout', ?, true)) AS bounded";

		/** Binds its parameters from {@code first}; returns the next parameter's index. */
		public int bind(PreparedStatement statement, int first) throws SQLException {
			statement.setLong(first, this.key);
			statement.setString(first + 1, this.timeout);
			return first + 2;
		}

	}

	/** One write's turn, from {@link #enter} to {@link #close}. */
	public final class Turn implements AutoCloseable {

		private final long enteredAt;

		private final long bound;

		private volatile Wait wait = Wait.LOCK;

		private volatile long waitingSince;

		private Turn(long enteredAt, long bound) {
			this.enteredAt = enteredAt;
			this.bound = bound;
			this.waitingSince = enteredAt;
		}

		/**
		 * Takes the write lock across replicas, first thing in the write's transaction, waiting at
		 * most what remains of the bound; the transaction's end releases it.
		 *
		 * @throws DatabaseUnavailableException when it did not come in time
		 */
		public void lockAcrossReplicas() {
			Optional<LockStatement> lock = lockStatement();
			if (lock.isPresent()) {
				try {
					WritePath.this.jdbc.query(LockStatement.SQL, (statement) -> {
						lock.get().bind(statement, 1);
					}, (row) -> {
					});
				}
				catch (RuntimeException ex) {
					throw refused(ex);
				}
			}
			waitingFor(Wait.NONE);
		}

		/**
		 * The write lock across replicas as a statement, for a write that sends it ahead of its own
		 * first in one round trip; empty on SQLite, where the turn is the lock.
		 *
		 * @throws DatabaseUnavailableException when no time remains of the bound
		 */
		public Optional<LockStatement> lockStatement() {
			if (!acrossReplicas()) {
				return Optional.empty();
			}
			long remainingMillis = TimeUnit.NANOSECONDS.toMillis(remainingNanos());
			if (remainingMillis < 1) {
				throw notFree(this);
			}
			return Optional.of(new LockStatement(WRITE_LOCK, remainingMillis + "ms"));
		}

		/** What a statement that carried the lock answers when it failed: the lock's timeout as not free in time. */
		public RuntimeException refused(RuntimeException failure) {
			return DatabaseErrors.isLockTimeout(failure) ? notFree(this) : failure;
		}

		/**
		 * A statement carrying the lock ahead of it, the commit behind it, or both, is sent: what the
		 * write waits for until {@link #carried}.
		 */
		public void carrying(boolean lock, boolean commit) {
			waitingFor(commit ? (lock ? Wait.LOCK_OR_COMMIT : Wait.COMMIT) : (lock ? Wait.LOCK : Wait.NONE));
		}

		/** The statement that carried the lock or the commit has been answered. */
		public void carried() {
			waitingFor(Wait.NONE);
		}

		/** The write's statements are done; its commit follows. */
		public void committing() {
			waitingFor(Wait.COMMIT);
		}

		private void waitingFor(Wait next) {
			this.waitingSince = WritePath.this.nanoClock.getAsLong();
			this.wait = next;
		}

		private long remainingNanos() {
			return this.bound - (WritePath.this.nanoClock.getAsLong() - this.enteredAt);
		}

		@Override
		public void close() {
			WritePath.this.writes.remove(this);
			WritePath.this.turn.unlock();
		}

	}

}
