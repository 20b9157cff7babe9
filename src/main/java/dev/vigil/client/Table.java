package dev.vigil.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.protobuf.Timestamp;

import dev.vigil.client.sink.HostsSnapshot;

/**
 * A command's answer as rows of named columns, which {@link Output} writes as a table, JSON or
 * CSV. A value is a string, a number, a boolean, a list of strings, a nested table (an array in
 * JSON, its row count elsewhere) or null (not set).
 *
 * @param columns the columns, in order
 * @param rows each row's values, one per column
 */
record Table(List<Column> columns, List<List<Object>> rows) {

	/**
	 * A column.
	 *
	 * @param name its name: the JSON key and the CSV header
	 * @param wide whether the table format leaves it out to keep lines short (JSON and CSV keep it)
	 */
	record Column(String name, boolean wide) {
	}

	static Table of(Column... columns) {
		return new Table(List.of(columns), new ArrayList<>());
	}

	static Column column(String name) {
		return new Column(name, false);
	}

	static Column wide(String name) {
		return new Column(name, true);
	}

	Table row(Object... values) {
		if (values.length != this.columns.size()) {
			throw new IllegalArgumentException("a row needs " + this.columns.size() + " values");
		}
		this.rows.add(Arrays.asList(values));
		return this;
	}

	/** A protobuf timestamp as ISO-8601 UTC, as every table shows times. */
	static String instant(Timestamp timestamp) {
		return HostsSnapshot.instant(timestamp).toString();
	}

}
