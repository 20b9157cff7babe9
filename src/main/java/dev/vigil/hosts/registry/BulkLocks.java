package dev.vigil.hosts.registry;

import java.util.concurrent.locks.ReentrantLock;

import dev.vigil.database.DatabaseBackend;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bulk lock: a rollback or an import claims it, without waiting and before the write lock
 * ({@code database.WritePath}), so that a second one while the first is being applied is refused
 * rather than queued to run on a state its caller never saw. In this process a Java lock; across
 * replicas on PostgreSQL an advisory lock.
 */
class BulkLocks {

	/** An arbitrary key for the advisory lock; only Vigil takes it ({@code WritePath} takes the write lock's). */
	private static final long BULK_LOCK = 0x7669_6769_6c00_0002L;

	private final JdbcTemplate jdbc;

	private final DatabaseBackend backend;

	private final ReentrantLock bulkHere = new ReentrantLock();

	BulkLocks(JdbcTemplate jdbc, DatabaseBackend backend) {
		this.jdbc = jdbc;
		this.backend = backend;
	}

	/** Claims the bulk lock in this process, without waiting; false when another thread holds it. */
	boolean tryBulkHere() {
		return this.bulkHere.tryLock();
	}

	/** Releases what {@link #tryBulkHere()} claimed, once the transaction has ended. */
	void releaseBulkHere() {
		this.bulkHere.unlock();
	}

	/**
	 * Claims the bulk lock across replicas, without waiting; call in the transaction, before the
	 * write lock. False when another replica holds it.
	 */
	boolean tryBulkAcrossReplicas() {
		if (this.backend != DatabaseBackend.POSTGRESQL) {
			return true;
		}
		return Boolean.TRUE.equals(
				this.jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, BULK_LOCK));
	}

}
