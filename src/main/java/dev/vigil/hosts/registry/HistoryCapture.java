package dev.vigil.hosts.registry;

import java.io.StringWriter;
import java.sql.PreparedStatement;
import java.util.List;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How the write path captures each entry's history: its rows of {@code host_history}, written in
 * the change's own transaction, and the JSON of their changed fields,
 * {@code {"field": [[before…], [after…]]}}. The history's reads, retention and compaction are
 * {@code hosts.history}'s, on the same columns.
 */
public final class HistoryCapture {

	/** The table's columns, in the order every statement on it names them. */
	public static final String COLUMNS = "entry_id, change_seq, change_id, changed_at, operation, caller, changes, version";

	/** One row, its values in {@link #COLUMNS}' order. */
	public static final String INSERT = "INSERT INTO host_history (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

	/** Rows sent to the database per batch: an import's 165,000 go in slices, not one statement list. */
	private static final int BATCH = 1000;

	/** Jackson's streaming layer alone: a generator made by a mapper costs a serialization context each. */
	private static final JsonFactory JSON = new JsonFactory();

	private final JdbcTemplate jdbc;

	HistoryCapture(JdbcTemplate jdbc) {
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

	/**
	 * The changes as the column holds them, {@code {"field": [[before…], [after…]]}}, written with
	 * Jackson's streaming generator: an import encodes one per entry, and this builds no tree.
	 */
	public static String encode(List<FieldChange> changes) {
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

}
