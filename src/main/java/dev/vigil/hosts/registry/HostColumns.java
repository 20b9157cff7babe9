package dev.vigil.hosts.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.RowMapper;

/**
 * How entries are stored in {@code host_entries} and snapshots: lists as text with a unit
 * separator around each value (never valid inside a name or tag), so a tag filter is one LIKE;
 * times as microseconds since 1970.
 */
public final class HostColumns {

	static final char SEPARATOR_CHAR = '\u001F';

	static final String SEPARATOR = String.valueOf(SEPARATOR_CHAR);

	/** A row of entry columns (id, fields, timestamps, version) as a {@link Host}. */
	public static final RowMapper<Host> HOSTS = (ResultSet row, int number) -> host(row);

	private HostColumns() {
	}

	public static long micros(Instant instant) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
	}

	public static Instant instant(long micros) {
		return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
	}

	static String list(List<String> values) {
		return values.isEmpty() ? "" : SEPARATOR + String.join(SEPARATOR, values) + SEPARATOR;
	}

	static List<String> list(String column) {
		if (column == null || column.isEmpty()) {
			return List.of();
		}
		// A loop, not split and a stream: this runs twice for every entry every stream reads.
		List<String> values = new ArrayList<>();
		int start = 0;
		for (int end = column.indexOf(SEPARATOR_CHAR); end >= 0; end = column.indexOf(SEPARATOR_CHAR, start)) {
			if (end > start) {
				values.add(column.substring(start, end));
			}
			start = end + 1;
		}
		if (start < column.length()) {
			values.add(column.substring(start));
		}
		return List.copyOf(values);
	}

	static String keys(List<String> values) {
		return list(values.stream().map(HostValidator::key).toList());
	}

	/** Everything search matches, lower-cased, one field per separator so no match spans two. */
	static String searchText(HostFields fields) {
		return Stream
			.of(List.of(fields.ipAddress(), fields.hostname()), fields.aliases(),
					(fields.comment() != null) ? List.of(fields.comment()) : List.<String>of(), fields.tags())
			.flatMap(List::stream)
			.map(HostValidator::key)
			.collect(Collectors.joining(SEPARATOR, SEPARATOR, SEPARATOR));
	}

	private static Host host(ResultSet row) throws SQLException {
		HostFields fields = new HostFields(row.getString("ip_address"), row.getString("hostname"),
				list(row.getString("aliases")), row.getString("comment"), list(row.getString("tags")));
		return new Host(row.getString("id"), fields, instant(row.getLong("created_at")),
				instant(row.getLong("updated_at")), row.getLong("version"));
	}

}
