package dev.vigil.hosts.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.vigil.database.DatabaseBackend;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SQL for {@code host_changes}: each writing transaction appends one change before it commits,
 * and anyone can read the newest. Appends are made under the write lock ({@code database.WritePath}), so
 * the sequence order is the commit order and a reader that saw sequence n has seen every change up
 * to n. On PostgreSQL the append also sends a notification carrying the change, delivered to every
 * listening replica when the transaction commits.
 */
public class ChangeLog {

	/** The PostgreSQL channel replicas listen on. */
	static final String CHANNEL = "vigil_host_changes";

	private static final String INSERT = "INSERT INTO host_changes (seq, change_id, committed_at) "
			+ "SELECT COALESCE(MAX(seq), 0) + 1, ?, ? FROM host_changes";

	/** Pruning runs once every this many appends, so its cost is spread thin. */
	private static final int PRUNE_EVERY = 100;

	private final JdbcTemplate jdbc;

	private final DatabaseBackend backend;

	private final Ulid ids;

	private final int retained;

	public ChangeLog(JdbcTemplate jdbc, DatabaseBackend backend, Clock clock, int retained) {
		this.jdbc = jdbc;
		this.backend = backend;
		this.ids = new Ulid(clock);
		this.retained = retained;
	}

	/**
	 * Appends a change made at {@code committedAt}, the one time its history rows carry too; call
	 * inside the writing transaction, holding the write lock, after its writes. One round trip: on
	 * PostgreSQL the insert carries its notification.
	 */
	public Change append(Instant committedAt) {
		String id = this.ids.next();
		long micros = HostColumns.micros(committedAt);
		Long sequence;
		if (this.backend == DatabaseBackend.POSTGRESQL) {
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
	public Change newest() {
		List<Change> newest = this.jdbc.query("SELECT seq, change_id FROM host_changes ORDER BY seq DESC LIMIT 1",
				(row, number) -> new Change(row.getLong(1), row.getString(2)));
		return newest.isEmpty() ? Change.NONE : newest.get(0);
	}

}
