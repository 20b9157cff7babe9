package dev.vigil.hosts.history;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vigil.hosts.registry.FieldChange;
import dev.vigil.hosts.registry.HistoryCapture;
import dev.vigil.hosts.registry.HistoryOperation;
import dev.vigil.hosts.registry.HostColumns;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * SQL for reading and keeping {@code host_history}, the same on SQLite and PostgreSQL; the write
 * path's capture of each change's rows is {@link HistoryCapture}'s. Callers own the transaction.
 */
class HistoryRepository {

	private static final String COLUMNS = HistoryCapture.COLUMNS;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	HistoryRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void insert(HistoryEvent event) {
		this.jdbc.update(HistoryCapture.INSERT, event.entryId(), event.sequence(), event.changeId(), HostColumns.micros(event.changedAt()),
				event.operation().word(), event.caller(), HistoryCapture.encode(event.changes()), event.version());
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
