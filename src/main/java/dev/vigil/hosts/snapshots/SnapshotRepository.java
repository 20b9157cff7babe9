package dev.vigil.hosts.snapshots;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.vigil.hosts.registry.Change;
import dev.vigil.hosts.registry.ChangedEntries;
import dev.vigil.hosts.registry.HistoryOperation;
import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostColumns;
import dev.vigil.hosts.registry.HostRepository;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * SQL for {@code host_snapshots} and {@code host_snapshot_entries}, the same on SQLite and
 * PostgreSQL. Callers own the transaction; a snapshot's row and its entries are written and
 * deleted together in one.
 */
class SnapshotRepository {

	private static final String COLUMNS = "id, name, cause, created_at, entry_count, change_id";

	/** Every column of an entry's row, derived keys included, so that a restore is set-based SQL. */
	private static final String ENTRY_COLUMNS = "id, ip_address, ip_key, hostname, hostname_key, aliases, comment, tags, "
			+ "tag_keys, search_text, created_at, updated_at, version";

	/** The snapshot's copy of an entry ({@code s}) holds other fields than the entry ({@code e}). */
	private static final String DIFFERS = "e.ip_address <> s.ip_address OR e.hostname <> s.hostname "
			+ "OR e.aliases <> s.aliases OR e.tags <> s.tags OR e.comment <> s.comment OR (e.comment IS NULL AND s.comment IS NOT NULL) "
			+ "OR (e.comment IS NOT NULL AND s.comment IS NULL)";

	private static final String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC";

	private final JdbcTemplate jdbc;

	public SnapshotRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Copies every entry into a new snapshot with one statement, and records it; returns the
	 * snapshot with its entry count.
	 */
	Snapshot take(String id, String name, String trigger, Instant createdAt, Change shows) {
		int count = this.jdbc.update("INSERT INTO host_snapshot_entries (snapshot_id, " + ENTRY_COLUMNS + ") SELECT ?, "
				+ ENTRY_COLUMNS + " FROM host_entries", id);
		Snapshot snapshot = new Snapshot(id, name, trigger, createdAt, count, shows.id());
		this.jdbc.update("INSERT INTO host_snapshots (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", id, name, trigger,
				HostColumns.micros(createdAt), count, shows.id());
		return snapshot;
	}

	Optional<Snapshot> find(String id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM host_snapshots WHERE id = ?", SNAPSHOTS, id)
			.stream()
			.findFirst();
	}

	/** Snapshots newest first, skipping {@code offset}; at most {@code size}. */
	List<Snapshot> page(int offset, int size) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM host_snapshots" + NEWEST_FIRST + " LIMIT ? OFFSET ?",
				SNAPSHOTS, size, offset);
	}

	/** Every snapshot, newest first: the table is small, bounded by retention. */
	List<Snapshot> all() {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM host_snapshots" + NEWEST_FIRST, SNAPSHOTS);
	}

	/**
	 * Makes {@code host_entries} exactly the snapshot's entries; call holding the write lock. An
	 * entry created since is deleted; one deleted since is inserted back as the snapshot holds it,
	 * version included; one changed since is deleted and inserted back with the snapshot's fields
	 * and a new version, updated {@code now}; an unchanged one is not touched. Every delete comes
	 * before any insert, so no address and name pair is held twice midway, whichever names the
	 * changes swapped. Set-based statements, plus one batch for the changed entries. Each entry
	 * touched goes into {@code history}, read before the statements change it.
	 */
	Restored restore(String snapshotId, Instant now, ChangedEntries history) {
		List<Host> removed = this.jdbc.query("SELECT " + qualified("e", HostRepository.COLUMNS) + " FROM host_entries e "
				+ "WHERE NOT EXISTS (SELECT 1 FROM host_snapshot_entries s WHERE s.snapshot_id = ? AND s.id = e.id)",
				HostColumns.HOSTS, snapshotId);
		List<Host> returning = this.jdbc.query("SELECT " + qualified("s", HostRepository.COLUMNS)
				+ " FROM host_snapshot_entries s WHERE s.snapshot_id = ? AND NOT EXISTS (SELECT 1 FROM host_entries e "
				+ "WHERE e.id = s.id)", HostColumns.HOSTS, snapshotId);
		List<Host> changed = this.jdbc.query("SELECT " + qualified("e", HostRepository.COLUMNS) + " FROM host_entries e "
				+ "JOIN host_snapshot_entries s ON s.id = e.id WHERE s.snapshot_id = ? AND (" + DIFFERS + ") ORDER BY e.id",
				HostColumns.HOSTS, snapshotId);
		List<Host> changedBack = this.jdbc.query("SELECT " + qualified("s", HostRepository.COLUMNS)
				+ " FROM host_entries e JOIN host_snapshot_entries s ON s.id = e.id WHERE s.snapshot_id = ? AND (" + DIFFERS
				+ ") ORDER BY e.id", HostColumns.HOSTS, snapshotId);
		int deleted = this.jdbc.update("DELETE FROM host_entries WHERE NOT EXISTS (SELECT 1 FROM host_snapshot_entries s "
				+ "WHERE s.snapshot_id = ? AND s.id = host_entries.id)", snapshotId);
		if (!changed.isEmpty()) {
			this.jdbc.batchUpdate("DELETE FROM host_entries WHERE id = ?",
					changed.stream().map((entry) -> new Object[] { entry.id() }).toList());
		}
		int inserted = this.jdbc.update("INSERT INTO host_entries (" + ENTRY_COLUMNS + ") SELECT "
				+ qualified("s", ENTRY_COLUMNS) + " FROM host_snapshot_entries s WHERE s.snapshot_id = ? "
				+ "AND NOT EXISTS (SELECT 1 FROM host_entries e WHERE e.id = s.id)", snapshotId);
		if (!changed.isEmpty()) {
			long updatedAt = HostColumns.micros(now);
			this.jdbc.batchUpdate("UPDATE host_entries SET version = ?, updated_at = ? WHERE id = ?", changed.stream()
				.map((entry) -> new Object[] { entry.version() + 1, updatedAt, entry.id() })
				.toList());
		}
		removed.forEach((host) -> history.removed(HistoryOperation.RESTORED, host));
		returning.forEach((host) -> history.wrote(HistoryOperation.RESTORED, null, host));
		for (int i = 0; i < changed.size(); i++) {
			Host current = changed.get(i);
			Host back = changedBack.get(i);
			history.wrote(HistoryOperation.RESTORED, current.fields(),
					new Host(current.id(), back.fields(), current.createdAt(), now, current.version() + 1));
		}
		return new Restored(deleted + changed.size(), inserted, changed.size());
	}

	/**
	 * What a restore wrote.
	 *
	 * @param deleted entries deleted: created since, or changed since (and inserted again)
	 * @param inserted entries inserted: deleted since, or changed since
	 * @param changed entries that had changed since, now back with a new version
	 */
	record Restored(int deleted, int inserted, int changed) {

		boolean changedAnything() {
			return this.deleted + this.inserted > 0;
		}

	}

	/** The columns, each prefixed with the table's alias. */
	private static String qualified(String alias, String columns) {
		return columns.replaceAll("(\\w+)", alias + ".$1");
	}

	/** Deletes a snapshot and its entries; false when there was none. */
	boolean delete(String id) {
		this.jdbc.update("DELETE FROM host_snapshot_entries WHERE snapshot_id = ?", id);
		return this.jdbc.update("DELETE FROM host_snapshots WHERE id = ?", id) == 1;
	}

	/**
	 * How many snapshots there are and when the newest was taken, read on a connection the caller
	 * holds (the {@code db} check's); one aggregate over a small table.
	 */
	static SnapshotSummary summary(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT count(*), MAX(created_at) FROM host_snapshots")) {
			row.next();
			int count = row.getInt(1);
			// MAX over no rows is NULL; read as a number it would be the epoch, 57 years ago.
			return new SnapshotSummary(count, (count == 0) ? null : HostColumns.instant(row.getLong(2)));
		}
	}

	private static final RowMapper<Snapshot> SNAPSHOTS = (ResultSet row, int number) -> snapshot(row);

	private static Snapshot snapshot(ResultSet row) throws SQLException {
		return new Snapshot(row.getString("id"), row.getString("name"), row.getString("cause"),
				HostColumns.instant(row.getLong("created_at")), row.getInt("entry_count"), row.getString("change_id"));
	}

}
