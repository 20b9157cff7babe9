package dev.vigil.client;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a command's answer in the chosen format: a table for people, JSON (an array for lists, an
 * object for one record) or CSV (RFC 4180, lists space-separated) for scripts. With
 * {@code --quiet}, only what a script needs next (the ids of what was made) is written.
 */
final class Output {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PrintStream out;

	private final OutputFormat format;

	private final boolean quiet;

	Output(PrintStream out, OutputFormat format, boolean quiet) {
		this.out = out;
		this.format = format;
		this.quiet = quiet;
	}

	OutputFormat format() {
		return this.format;
	}

	/** Many records. */
	void list(Table table) {
		if (this.quiet) {
			return;
		}
		switch (this.format) {
			case json -> this.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array(table)));
			case csv -> csv(table);
			default -> table(table);
		}
	}

	/** One record, or, in the table format, the human sentence that says what happened. */
	void record(String sentence, Table table) {
		if (this.quiet) {
			return;
		}
		switch (this.format) {
			case json -> this.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array(table).get(0)));
			case csv -> csv(table);
			default -> {
				if (sentence != null) {
					this.out.println(sentence);
				}
				else {
					table(table);
				}
			}
		}
	}

	/** What a script needs next even with {@code --quiet}: the id of what was made. */
	void id(String id) {
		if (this.quiet) {
			this.out.println(id);
		}
	}


	private static ArrayNode array(Table table) {
		ArrayNode array = JSON.createArrayNode();
		for (List<Object> row : table.rows()) {
			ObjectNode node = array.addObject();
			for (int i = 0; i < table.columns().size(); i++) {
				Object value = row.get(i);
				String name = table.columns().get(i).name();
				if (value instanceof Table nested) {
					node.set(name, array(nested));
				}
				else if (value instanceof List<?> values) {
					ArrayNode items = node.putArray(name);
					values.forEach((item) -> items.add(String.valueOf(item)));
				}
				else if (value instanceof Integer number) {
					node.put(name, number);
				}
				else if (value instanceof Long number) {
					node.put(name, number);
				}
				else if (value instanceof Boolean flag) {
					node.put(name, flag);
				}
				else if (value != null) {
					node.put(name, value.toString());
				}
			}
		}
		return array;
	}

	private void csv(Table table) {
		this.out.println(String.join(",", table.columns().stream().map(Table.Column::name).toList()));
		for (List<Object> row : table.rows()) {
			List<String> cells = new ArrayList<>();
			for (Object value : row) {
				cells.add(quote(text(value, " ")));
			}
			this.out.println(String.join(",", cells));
		}
	}

	/** A cell quoted where it needs it; {@link #text} has already made its line breaks spaces. */
	private static String quote(String cell) {
		if (cell.contains(",") || cell.contains("\"")) {
			return "\"" + cell.replace("\"", "\"\"") + "\"";
		}
		return cell;
	}

	private void table(Table table) {
		List<Integer> shown = new ArrayList<>();
		for (int i = 0; i < table.columns().size(); i++) {
			if (!table.columns().get(i).wide()) {
				shown.add(i);
			}
		}
		List<List<String>> lines = new ArrayList<>();
		lines.add(shown.stream().map((i) -> table.columns().get(i).name().toUpperCase(Locale.ROOT)).toList());
		for (List<Object> row : table.rows()) {
			lines.add(shown.stream().map((i) -> text(row.get(i), ",")).toList());
		}
		int[] widths = new int[shown.size()];
		for (List<String> line : lines) {
			for (int i = 0; i < widths.length; i++) {
				widths[i] = Math.max(widths[i], line.get(i).length());
			}
		}
		for (List<String> line : lines) {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < widths.length; i++) {
				text.append(line.get(i));
				if (i < widths.length - 1) {
					text.append(" ".repeat(widths[i] - line.get(i).length() + 2));
				}
			}
			this.out.println(text.toString().stripTrailing());
		}
	}

	/** A cell as text; control characters become spaces, so a value cannot break the table's lines. */
	private static String text(Object value, String separator) {
		if (value == null) {
			return "";
		}
		if (value instanceof Table nested) {
			return String.valueOf(nested.rows().size());
		}
		String text = (value instanceof List<?> values) ? String.join(separator, values.stream().map(String::valueOf).toList())
				: value.toString();
		return text.replaceAll("\\p{Cntrl}", " ");
	}

}
