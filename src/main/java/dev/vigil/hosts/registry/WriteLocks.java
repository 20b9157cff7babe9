package dev.vigil.hosts.registry;

import java.util.concurrent.locks.ReentrantLock;

import dev.vigil.database.DatabaseBackend;
import dev.vigil.database.WritePath;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The locks that order writes to the registry, across replicas.
 * <ul>
 * <li>Every write takes its turn in this process before it borrows a connection, then the write
 * lock first thing in its transaction, so writes are serialised on both databases (SQLite has a
 * single writer; PostgreSQL takes a transaction-scoped advisory lock), and both waits are bounded
 * ({@link WritePath}). The change log's order is then the commit order, and a snapshot taken under
 * the lock is exactly the state after the newest change.</li>
 * <li>A rollback or an import also claims the bulk lock, without waiting and before the write
 * lock: a second one while the first is being applied is refused rather than queued to run on a
 * state its caller never saw. In this process a Java lock; across replicas on PostgreSQL a second
 * advisory lock.</li>
 * </ul>
 */
class WriteLocks {

	/** An arbitrary key for the bulk advisory lock; only Vigil takes it ({@link WritePath} takes the write lock's). */
	private static final long BULK_LOCK = 0x7669_6769_6c00_0002L;

	private final JdbcTemplate jdbc;

	private final DatabaseBackend backend;

	private final ReentrantLock bulkHere = new ReentrantLock();

	private final WritePath writes;

	public WriteLocks(JdbcTemplate jdbc, DatabaseBackend backend, WritePath writes) {
		this.jdbc = jdbc;
		this.backend = backend;
		this.writes = writes;
	}

	/**
	 * Takes the write's turn in this process, before it borrows a connection, waiting no longer than
	 * the caller's deadline (or the configured bound without one) and no longer than the caller stays.
	 * Close it once the transaction has ended.
	 */
	public WritePath.Turn enter(HostWrites.WriteCaller caller) {
		return this.writes.enter(caller.remaining(), caller::check);
	}

	/** Waits for the write lock across replicas, within the turn's bound; call first in the writing transaction, which releases it. */
	public void lockWrites(WritePath.Turn turn) {
		turn.lockAcrossReplicas(this.jdbc);
	}

	/** Claims the bulk lock in this process, without waiting; false when another thread holds it. */
	public boolean tryBulkHere() {
		return this.bulkHere.tryLock();
	}

	/** Releases what {@link #tryBulkHere()} claimed, once the transaction has ended. */
	public void releaseBulkHere() {
		this.bulkHere.unlock();
	}

	/**
	 * Claims the bulk lock across replicas, without waiting; call in the transaction, before
	 * {@link #lockWrites()}. False when another replica holds it.
	 */
	public boolean tryBulkAcrossReplicas() {
		if (this.backend != DatabaseBackend.POSTGRESQL) {
			return true;
		}
		return Boolean.TRUE.equals(
				this.jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, BULK_LOCK));
	}

}
