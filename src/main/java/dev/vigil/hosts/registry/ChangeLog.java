package dev.vigil.hosts.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

	/**
	 * At most this many history rows go in the change's own statement on PostgreSQL; more (a
	 * rollback, an import) go in batches of their own after it.
	 */
	static final int ROWS_WITH_CHANGE = 16;

	/** Pruning runs once every this many appends, so its cost is spread thin. */
	private static final int PRUNE_EVERY = 100;

	private final JdbcTemplate jdbc;

	private final DatabaseBackend backend;

	private final HistoryCapture history;

	private final Ulid ids;

	private final int retained;

	public ChangeLog(JdbcTemplate jdbc, DatabaseBackend backend, HistoryCapture history, Clock clock, int retained) {
		this.jdbc = jdbc;
		this.backend = backend;
		this.history = history;
		this.ids = new Ulid(clock);
		this.retained = retained;
	}

	/**
	 * Appends a change made at {@code committedAt}, the one time its history rows carry too, with
	 * the rows of the entries it touched, each naming {@code caller}; call inside the writing
	 * transaction, holding the write lock, after its writes. On PostgreSQL one round trip does it
	 * all: the change, its rows (up to {@value #ROWS_WITH_CHANGE}) and its notification.
	 */
	Change append(Instant committedAt, String caller, List<ChangedEntries.EntryChange> rows) {
		String id = this.ids.next();
		long micros = HostColumns.micros(committedAt);
		Change change;
		if (this.backend == DatabaseBackend.POSTGRESQL && rows.size() <= ROWS_WITH_CHANGE) {
			change = appendWithRows(id, micros, caller, rows, null).orElseThrow();
		}
		else {
			change = appendAlone(id, micros);
			this.history.insertAll(change, micros, caller, rows);
		}
		pruneNow(change);
		return change;
	}

	private Change appendAlone(String id, long micros) {
		Long sequence;
		if (this.backend == DatabaseBackend.POSTGRESQL) {
			sequence = this.jdbc.query("WITH appended AS (" + INSERT + " RETURNING seq) "
					+ "SELECT seq, pg_notify(?, seq || ' ' || ?) FROM appended", (row, number) -> row.getLong(1), id, micros,
					CHANNEL, id).get(0);
		}
		else {
			sequence = this.jdbc.queryForObject(INSERT + " RETURNING seq", Long.class, id, micros);
		}
		return new Change((sequence != null) ? sequence : 0, id);
	}

	/** Whether {@link #appendCreating} is there: on PostgreSQL, where each statement is a round trip. */
	boolean appendsWithCreation() {
		return this.backend == DatabaseBackend.POSTGRESQL;
	}

	/**
	 * PostgreSQL: creates the entry unless one holds its address and name already, and if it did,
	 * appends its change with its history row and its notification, all in one statement. Empty
	 * when refused, having written nothing.
	 */
	Optional<Change> appendCreating(Host host, ChangedEntries.EntryChange row, Instant committedAt, String caller) {
		String id = this.ids.next();
		Optional<Change> change = appendWithRows(id, HostColumns.micros(committedAt), caller, List.of(row), host);
		change.ifPresent(this::pruneNow);
		return change;
	}

	/**
	 * PostgreSQL: the change, its history rows and its notification in one statement; with
	 * {@code created}, only if that entry could be created, in the same statement.
	 */
	private Optional<Change> appendWithRows(String id, long micros, String caller, List<ChangedEntries.EntryChange> rows,
			Host created) {
		StringBuilder sql = new StringBuilder("WITH ");
		if (created != null) {
			sql.append("created AS (").append(HostRepository.INSERT_NEW).append(" RETURNING id), ");
		}
		sql.append("appended AS (INSERT INTO host_changes (seq, change_id, committed_at) SELECT newest.seq + 1, ?, ? ")
			.append("FROM (SELECT COALESCE(MAX(seq), 0) AS seq FROM host_changes) AS newest")
			.append((created != null) ? ", created" : "")
			.append(" RETURNING seq)");
		if (!rows.isEmpty()) {
			sql.append(", recorded AS (INSERT INTO host_history (").append(HistoryCapture.COLUMNS)
				.append(") SELECT v.entry_id, appended.seq, ?, ?, v.operation, ?, v.changes, v.version FROM appended, (VALUES ");
			for (int i = 0; i < rows.size(); i++) {
				sql.append((i == 0) ? "(?, ?, ?, CAST(? AS BIGINT))" : ", (?, ?, ?, CAST(? AS BIGINT))");
			}
			sql.append(") AS v (entry_id, operation, changes, version))");
		}
		sql.append(" SELECT seq, pg_notify(?, seq || ' ' || ?) FROM appended");
		List<Long> sequence = this.jdbc.query(sql.toString(), (statement) -> {
			int at = (created != null) ? HostRepository.bindInsert(statement, 1, created) : 1;
			statement.setString(at++, id);
			statement.setLong(at++, micros);
			if (!rows.isEmpty()) {
				statement.setString(at++, id);
				statement.setLong(at++, micros);
				statement.setString(at++, caller);
				for (ChangedEntries.EntryChange row : rows) {
					statement.setString(at++, row.entryId());
					statement.setString(at++, row.operation().word());
					statement.setString(at++, row.changes());
					statement.setLong(at++, row.version());
				}
			}
			statement.setString(at++, CHANNEL);
			statement.setString(at, id);
		}, (row, number) -> row.getLong(1));
		return sequence.isEmpty() ? Optional.empty() : Optional.of(new Change(sequence.get(0), id));
	}

	/** Drops changes older than the retained ones, once every {@value #PRUNE_EVERY} appends. */
	private void pruneNow(Change change) {
		if (change.sequence() % PRUNE_EVERY == 0) {
			this.jdbc.update("DELETE FROM host_changes WHERE seq <= ?", change.sequence() - this.retained);
		}
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
