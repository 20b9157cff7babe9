package dev.vigil.hosts;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.vigil.database.DatabaseBackend;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SQL for {@code host_changes}: each writing transaction appends one change before it commits,
 * and anyone can read the newest. Appends are serialised (PostgreSQL: a transaction-scoped advisory
 * lock; SQLite: its single writer), so the sequence order is the commit order and a reader that
 * saw sequence n has seen every change up to n. On PostgreSQL the append also sends a
 * notification carrying the change, delivered to every listening replica when the transaction
 * commits.
 */
class ChangeLog {

	/** The PostgreSQL channel replicas listen on. */
	static final String CHANNEL = "vigil_host_changes";

	/** An arbitrary key for the advisory lock that orders appends; only Vigil takes it. */
	private static final long APPEND_LOCK = 0x7669_6769_6c00_0001L;

	private static final String INSERT = "INSERT INTO host_changes (seq, change_id, committed_at) "
			+ "SELECT COALESCE(MAX(seq), 0) + 1, ?, ? FROM host_changes";

	/** Pruning runs once every this many appends, so its cost is spread thin. */
	private static final int PRUNE_EVERY = 100;

	private final JdbcTemplate jdbc;

	private final DatabaseBackend backend;

	private final Ulid ids;

	private final Clock clock;

	private final int retained;

	ChangeLog(JdbcTemplate jdbc, DatabaseBackend backend, Clock clock, int retained) {
		this.jdbc = jdbc;
		this.backend = backend;
		this.ids = new Ulid(clock);
		this.clock = clock;
		this.retained = retained;
	}

	/**
	 * Appends a change; call inside the writing transaction, after its writes. Two round trips on
	 * PostgreSQL (the lock; the insert with its notification), one on SQLite.
	 */
	Change append() {
		String id = this.ids.next();
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, this.clock.instant());
		Long sequence;
		if (this.backend == DatabaseBackend.POSTGRESQL) {
			this.jdbc.query("SELECT pg_advisory_xact_lock(?)", (row) -> {
			}, APPEND_LOCK);
			sequence = this.jdbc.query("WITH appended AS (" + INSERT + " RETURNING seq) "
					+ "SELECT seq, pg_notify(?, seq || ' ' || ?) FROM appended", (row, number) -> row.getLong(1), id, micros,
					CHANNEL, id).get(0);
		}
		else {
			sequence = this.jdbc.queryForObject(INSERT + " RETURNING seq", Long.class, id, micros);
		}
		Change change = new Change((sequence != null) ? sequence : 0, id);
		if (change.sequence() % PRUNE_EVERY == 0) {
			this.jdbc.update("DELETE FROM host_changes WHERE seq <= ?", change.sequence() - this.retained);
		}
		return change;
	}

	/** A notification's payload, {@code "sequence id"}, as the change it announces. */
	static Change announced(String payload) {
		String[] parts = payload.split(" ", 2);
		return new Change(Long.parseLong(parts[0]), parts[1]);
	}

	/** The newest committed change, or {@link Change#NONE}; one indexed row. */
	Change newest() {
		List<Change> newest = this.jdbc.query("SELECT seq, change_id FROM host_changes ORDER BY seq DESC LIMIT 1",
				(row, number) -> new Change(row.getLong(1), row.getString(2)));
		return newest.isEmpty() ? Change.NONE : newest.get(0);
	}

}
