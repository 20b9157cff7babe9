package dev.vigil.hosts.registry;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import dev.vigil.database.DatabaseBackend;
import dev.vigil.database.WritePath;

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

	/**
	 * The append: the next sequence after the newest, under the write lock. On PostgreSQL, joined
	 * with {@code created} when the change is appended only if its entry was made.
	 */
	private static final String INSERT = "INSERT INTO host_changes (seq, change_id, committed_at) "
			+ "SELECT newest.seq + 1, ?, ? FROM (SELECT COALESCE(MAX(seq), 0) AS seq FROM host_changes) AS newest";

	/**
	 * At most this many history rows go in the change's own statement on PostgreSQL; more (a
	 * rollback, an import) go in batches of their own after it.
	 */
	static final int ROWS_WITH_CHANGE = 16;

	/** PostgreSQL's statement for a change with 0 to {@value #ROWS_WITH_CHANGE} history rows, by their count. */
	private static final List<String> WITH_ROWS = IntStream.rangeClosed(0, ROWS_WITH_CHANGE)
		.mapToObj((rows) -> withRows(rows, false))
		.toList();

	/**
	 * PostgreSQL's statements that create an entry and, if they did, append its change with its
	 * row; by what they carry ({@link TransactionEnds}): the write lock ahead (1), the commit
	 * behind (2), both or neither.
	 */
	private static final List<String> CREATING = IntStream.range(0, 4)
		.mapToObj((carried) -> ((carried & 1) != 0 ? WritePath.LockStatement.SQL + "; " : "") + withRows(1, true)
				+ ((carried & 2) != 0 ? "; COMMIT" : ""))
		.toList();

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
	 * all: the change, its rows (up to {@value #ROWS_WITH_CHANGE}), its notification and the pruning.
	 */
	Change append(Instant committedAt, String caller, List<ChangedEntries.EntryChange> rows) {
		String id = this.ids.next();
		long micros = HostColumns.micros(committedAt);
		boolean together = this.backend == DatabaseBackend.POSTGRESQL && rows.size() <= ROWS_WITH_CHANGE;
		Change change;
		if (this.backend == DatabaseBackend.POSTGRESQL) {
			List<ChangedEntries.EntryChange> inStatement = together ? rows : List.of();
			change = appendWithRows(WITH_ROWS.get(inStatement.size()), Optional.empty(), id, micros, caller, inStatement,
					null).orElseThrow();
		}
		else {
			Long sequence = this.jdbc.queryForObject(INSERT + " RETURNING seq", Long.class, id, micros);
			change = new Change((sequence != null) ? sequence : 0, id);
			if (change.sequence() % PRUNE_EVERY == 0) {
				this.jdbc.update("DELETE FROM host_changes WHERE seq <= ?", change.sequence() - this.retained);
			}
		}
		if (!together) {
			this.history.insertAll(change, micros, caller, rows);
		}
		return change;
	}

	/** Whether {@link #appendCreating} is there: on PostgreSQL, where each statement is a round trip. */
	boolean appendsWithCreation() {
		return this.backend == DatabaseBackend.POSTGRESQL;
	}

	/**
	 * PostgreSQL: creates the entry unless one holds its address and name already, and if it did,
	 * appends its change with its history row and its notification, all in one statement, which
	 * carries the ends of the transaction that {@code ends} gives it: so a lone AddHost is one
	 * round trip. Empty when refused, having written nothing.
	 */
	Optional<Change> appendCreating(Host host, ChangedEntries.EntryChange row, Instant committedAt, String caller,
			TransactionEnds ends) {
		String id = this.ids.next();
		Optional<WritePath.LockStatement> lock = ends.lock();
		boolean commit = ends.commit();
		String sql = CREATING.get((lock.isPresent() ? 1 : 0) | (commit ? 2 : 0));
		return ends.send(lock.isPresent(), commit,
				() -> appendWithRows(sql, lock, id, HostColumns.micros(committedAt), caller, List.of(row), host));
	}

	/**
	 * PostgreSQL's statement for the change, its {@code rows} history rows and its notification;
	 * with {@code created}, only if the entry it inserts first could be created.
	 */
	private static String withRows(int rows, boolean created) {
		StringBuilder sql = new StringBuilder("WITH ");
		if (created) {
			sql.append("created AS (").append(HostRepository.INSERT_NEW).append(" RETURNING id), ");
		}
		sql.append("appended AS (").append(INSERT).append(created ? ", created" : "").append(" RETURNING seq), ");
		// The bound is null, so nothing is read, but on every hundredth change. "seq >= 0" makes it a
		// range, which the planner reads through the index: a bound alone it takes for a third of the
		// table, and scanned all of it on every write.
		sql.append("pruned AS (DELETE FROM host_changes WHERE seq >= 0 AND seq <= (SELECT seq - ? FROM appended WHERE seq % ")
			.append(PRUNE_EVERY).append(" = 0))");
		if (rows > 0) {
			sql.append(", recorded AS (INSERT INTO host_history (").append(HistoryCapture.COLUMNS)
				.append(") SELECT v.entry_id, appended.seq, ?, ?, v.operation, ?, v.changes, v.version FROM appended, (VALUES ");
			sql.append(String.join(", ", Collections.nCopies(rows, "(?, ?, ?, CAST(? AS BIGINT))")))
				.append(") AS v (entry_id, operation, changes, version))");
		}
		return sql.append(" SELECT seq, pg_notify(?, seq || ' ' || ?) FROM appended").toString();
	}

	/**
	 * Runs {@code sql}, one of {@link #withRows}'s, after the {@code lock} it may carry ahead,
	 * binding the entry created (or null), the change and its rows.
	 */
	private Optional<Change> appendWithRows(String sql, Optional<WritePath.LockStatement> lock, String id, long micros,
			String caller, List<ChangedEntries.EntryChange> rows, Host created) {
		return this.jdbc.execute(sql, (PreparedStatement statement) -> {
			int at = lock.isPresent() ? lock.get().bind(statement, 1) : 1;
			at = (created != null) ? HostRepository.bindInsert(statement, at, created) : at;
			statement.setString(at++, id);
			statement.setLong(at++, micros);
			statement.setLong(at++, this.retained);
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
			statement.execute();
			if (lock.isPresent()) {
				// The lock's own (empty) answer comes first.
				statement.getMoreResults();
			}
			try (ResultSet appended = statement.getResultSet()) {
				return appended.next() ? Optional.of(new Change(appended.getLong(1), id)) : Optional.<Change>empty();
			}
		});
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
