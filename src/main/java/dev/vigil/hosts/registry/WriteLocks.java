package dev.vigil.hosts.registry;

import java.util.concurrent.locks.ReentrantLock;

import dev.vigil.database.DatabaseBackend;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The locks that order writes to the registry, across replicas.
 * <ul>
 * <li>Every write takes the write lock first thing in its transaction, so writes are serialised
 * on both databases (SQLite has a single writer; PostgreSQL takes a transaction-scoped advisory
 * lock). The change log's order is then the commit order, and a snapshot taken under the lock is
 * exactly the state after the newest change.</li>
 * <li>A rollback or an import also claims the bulk lock, without waiting and before the write
 * lock: a second one while the first is being applied is refused rather than queued to run on a
 * state its caller never saw. In this process a Java lock; across replicas on PostgreSQL a second
 * advisory lock.</li>
 * </ul>
 */
class WriteLocks {

	/** Arbitrary keys for the advisory locks; only Vigil takes them. */
	private static final long WRITE_LOCK = 0x7669_6769_6c00_0001L;

	private static final long BULK_LOCK = 0x7669_6769_6c00_0002L;

	private final JdbcTemplate jdbc;

	private final DatabaseBackend backend;

	private final ReentrantLock bulkHere = new ReentrantLock();

	public WriteLocks(JdbcTemplate jdbc, DatabaseBackend backend) {
		this.jdbc = jdbc;
		this.backend = backend;
	}

	/** Waits for the write lock; call first in the writing transaction, which releases it. */
	public void lockWrites() {
		if (this.backend == DatabaseBackend.POSTGRESQL) {
			this.jdbc.query("SELECT pg_advisory_xact_lock(?)", (row) -> {
			}, WRITE_LOCK);
		}
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
