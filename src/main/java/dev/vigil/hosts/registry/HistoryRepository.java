package dev.vigil.hosts.registry;

import java.io.StringWriter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * SQL for {@code host_history}, the same on SQLite and PostgreSQL. Callers own the transaction.
 * The changed fields are one JSON object per row, {@code {"field": [[before…], [after…]]}}.
 */
class HistoryRepository {

	private static final String COLUMNS = "entry_id, change_seq, change_id, changed_at, operation, caller, changes, version";

	private static final String INSERT = "INSERT INTO host_history (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

	/** Rows sent to the database per batch: an import's 165,000 go in slices, not one statement list. */
	private static final int BATCH = 1000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	HistoryRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Writes one row per entry the change touched, all with the change's sequence, id, time and caller. */
	void insertAll(Change change, long changedAtMicros, String caller, List<ChangedEntries.EntryChange> rows) {
		this.jdbc.batchUpdate(INSERT, rows, BATCH, (PreparedStatement statement, ChangedEntries.EntryChange row) -> {
			statement.setString(1, row.entryId());
			statement.setLong(2, change.sequence());
			statement.setString(3, change.id());
			statement.setLong(4, changedAtMicros);
			statement.setString(5, row.operation().word());
			statement.setString(6, caller);
			statement.setString(7, row.changes());
			statement.setLong(8, row.version());
		});
	}

	void insert(HistoryEvent event) {
		this.jdbc.update(INSERT, event.entryId(), event.sequence(), event.changeId(), HostColumns.micros(event.changedAt()),
				event.operation().word(), event.caller(), encode(event.changes()), event.version());
	}

	/** One entry's rows older than {@code beforeSequence}, newest first, at most {@code limit}. */
	List<HistoryEvent> entry(String entryId, long beforeSequence, int limit) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM host_history WHERE entry_id = ? AND change_seq < ? "
				+ "ORDER BY change_seq DESC LIMIT ?", EVENTS, entryId, beforeSequence, limit);
	}

	/**
	 * Rows after the position in commit order (after the change {@code afterSequence}, or after its
	 * row for {@code afterEntry} when given), matching the query, at most {@code limit}.
	 */
	List<HistoryEvent> since(HistoryQuery filter, long afterSequence, String afterEntry, int limit) {
		StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM host_history WHERE ");
		List<Object> arguments = new ArrayList<>();
		arguments.add(afterSequence);
		if (afterEntry == null) {
			sql.append("change_seq > ?");
		}
		else {
			sql.append("(change_seq > ? OR (change_seq = ? AND entry_id > ?))");
			arguments.add(afterSequence);
			arguments.add(afterEntry);
		}
		filter.sinceTime().ifPresent((time) -> {
			sql.append(" AND changed_at > ?");
			arguments.add(HostColumns.micros(time));
		});
		filter.caller().ifPresent((caller) -> {
			sql.append(" AND caller = ?");
			arguments.add(caller);
		});
		filter.operation().ifPresent((operation) -> {
			sql.append(" AND operation = ?");
			arguments.add(operation.word());
		});
		sql.append(" ORDER BY change_seq, entry_id LIMIT ?");
		arguments.add(limit);
		return this.jdbc.query(sql.toString(), EVENTS, arguments.toArray());
	}

	/**
	 * The sequence of the change with this id, if the change log or the history still holds it.
	 * The log is small (pruned to {@code vigil.hosts.changes.retained}); the history is read only
	 * for a change the log no longer holds.
	 */
	Optional<Long> sequenceOf(String changeId) {
		List<Long> logged = this.jdbc.queryForList("SELECT seq FROM host_changes WHERE change_id = ?", Long.class, changeId);
		if (!logged.isEmpty()) {
			return Optional.of(logged.get(0));
		}
		return Optional.ofNullable(
				this.jdbc.queryForObject("SELECT MIN(change_seq) FROM host_history WHERE change_id = ?", Long.class, changeId));
	}

	long count(String entryId) {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM host_history WHERE entry_id = ?", Long.class, entryId);
		return (count != null) ? count : 0;
	}

	/** Entries with more than {@code rows} rows and how many each has, most first. */
	Map<String, Long> over(long rows) {
		Map<String, Long> over = new LinkedHashMap<>();
		this.jdbc.query("SELECT entry_id, count(*) FROM host_history GROUP BY entry_id HAVING count(*) > ? "
				+ "ORDER BY count(*) DESC, entry_id", (ResultSet row) -> {
					over.put(row.getString(1), row.getLong(2));
				}, rows);
		return over;
	}

	void deleteEntry(String entryId) {
		this.jdbc.update("DELETE FROM host_history WHERE entry_id = ?", entryId);
	}

	/** Deletes an entry's rows older than its newest. */
	int deleteAllButNewest(String entryId) {
		return this.jdbc.update("DELETE FROM host_history WHERE entry_id = ? AND change_seq < "
				+ "(SELECT MAX(change_seq) FROM host_history WHERE entry_id = ?)", entryId, entryId);
	}

	/**
	 * Deletes rows older than the time, except an entry's newest row while the entry exists: who
	 * last changed a live entry is never forgotten, and a deleted entry's history ages out whole.
	 */
	int deleteOlderThan(long micros) {
		return this.jdbc.update("DELETE FROM host_history WHERE changed_at < ? AND (NOT EXISTS "
				+ "(SELECT 1 FROM host_entries e WHERE e.id = host_history.entry_id) OR change_seq < "
				+ "(SELECT MAX(h.change_seq) FROM host_history h WHERE h.entry_id = host_history.entry_id))", micros);
	}

	/** Keeps each entry's newest {@code rows} rows, deleting the older ones. */
	int deleteBeyond(int rows) {
		return this.jdbc.update("DELETE FROM host_history WHERE entry_id IN (SELECT entry_id FROM host_history "
				+ "GROUP BY entry_id HAVING count(*) > ?) AND change_seq <= (SELECT h.change_seq FROM host_history h "
				+ "WHERE h.entry_id = host_history.entry_id ORDER BY h.change_seq DESC LIMIT 1 OFFSET ?)", rows, rows);
	}

	/** How many rows there are, and the entries with the most (at most {@code listed}, most first). */
	HistorySummary summary(int listed) {
		Long rows = this.jdbc.queryForObject("SELECT count(*) FROM host_history", Long.class);
		Map<String, Long> largest = new LinkedHashMap<>();
		this.jdbc.query("SELECT entry_id, count(*) FROM host_history GROUP BY entry_id ORDER BY count(*) DESC, entry_id "
				+ "LIMIT ?", (ResultSet row) -> {
					largest.put(row.getString(1), row.getLong(2));
				}, listed);
		return new HistorySummary((rows != null) ? rows : 0, largest);
	}

	/**
	 * The changes as the column holds them, {@code {"field": [[before…], [after…]]}}, written with
	 * Jackson's streaming generator: an import encodes one per entry, and this builds no tree.
	 */
	static String encode(List<FieldChange> changes) {
		StringWriter text = new StringWriter(48 * changes.size() + 2);
		try (JsonGenerator json = JSON.createGenerator(text)) {
			json.writeStartObject();
			for (FieldChange change : changes) {
				json.writeName(change.field());
				json.writeStartArray();
				strings(json, change.before());
				strings(json, change.after());
				json.writeEndArray();
			}
			json.writeEndObject();
		}
		return text.toString();
	}

	private static void strings(JsonGenerator json, List<String> values) {
		json.writeStartArray();
		for (String value : values) {
			json.writeString(value);
		}
		json.writeEndArray();
	}

	static List<FieldChange> decode(String json) {
		List<FieldChange> changes = new ArrayList<>();
		for (Map.Entry<String, JsonNode> field : JSON.readTree(json).properties()) {
			changes.add(new FieldChange(field.getKey(), values(field.getValue().get(0)), values(field.getValue().get(1))));
		}
		return changes;
	}

	private static List<String> values(JsonNode array) {
		List<String> values = new ArrayList<>(array.size());
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	private static final RowMapper<HistoryEvent> EVENTS = (ResultSet row, int number) -> new HistoryEvent(
			row.getString("entry_id"), row.getLong("change_seq"), row.getString("change_id"),
			HostColumns.instant(row.getLong("changed_at")), HistoryOperation.ofWord(row.getString("operation")),
			row.getString("caller"), decode(row.getString("changes")), row.getLong("version"));

}
