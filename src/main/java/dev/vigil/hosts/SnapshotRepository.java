package dev.vigil.hosts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * SQL for {@code host_snapshots} and {@code host_snapshot_entries}, the same on SQLite and
 * PostgreSQL. Callers own the transaction; a snapshot's row and its entries are written and
 * deleted together in one.
 */
class SnapshotRepository {

	private static final String COLUMNS = "id, name, cause, created_at, entry_count, change_id";

	private static final String ENTRY_COLUMNS = "id, ip_address, hostname, aliases, comment, tags, created_at, updated_at, version";

	private static final String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC";

	private final JdbcTemplate jdbc;

	SnapshotRepository(JdbcTemplate jdbc) {
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

	/** Up to {@code size} of a snapshot's entries in id order, after {@code afterId} (from the first when null). */
	List<Host> entries(String snapshotId, String afterId, int size) {
		String select = "SELECT " + ENTRY_COLUMNS + " FROM host_snapshot_entries WHERE snapshot_id = ?";
		if (afterId == null) {
			return this.jdbc.query(select + " ORDER BY id LIMIT ?", HostColumns.HOSTS, snapshotId, size);
		}
		return this.jdbc.query(select + " AND id > ? ORDER BY id LIMIT ?", HostColumns.HOSTS, snapshotId, afterId, size);
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
			long newest = row.getLong(2);
			return new SnapshotSummary(row.getInt(1), row.wasNull() ? null : HostColumns.instant(newest));
		}
	}

	private static final RowMapper<Snapshot> SNAPSHOTS = (ResultSet row, int number) -> snapshot(row);

	private static Snapshot snapshot(ResultSet row) throws SQLException {
		return new Snapshot(row.getString("id"), row.getString("name"), row.getString("cause"),
				HostColumns.instant(row.getLong("created_at")), row.getInt("entry_count"), row.getString("change_id"));
	}

}
