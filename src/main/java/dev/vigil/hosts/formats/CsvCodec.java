package dev.vigil.hosts.formats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostFields;

/**
 * CSV (RFC 4180) with the header {@code ip_address,hostname,aliases,comment,tags}; aliases and
 * tags are space-separated inside their field, and an empty comment is none.
 */
final class CsvCodec implements HostsCodec {

	private static final String HEADER = "ip_address,hostname,aliases,comment,tags";

	@Override
	public String begin() {
		return HEADER + "\n";
	}

	@Override
	public String entry(Host host, boolean first) {
		HostFields fields = host.fields();
		return String.join(",", quote(fields.ipAddress()), quote(fields.hostname()),
				quote(String.join(" ", fields.aliases())), quote((fields.comment() != null) ? fields.comment() : ""),
				quote(String.join(" ", fields.tags()))) + "\n";
	}

	@Override
	public List<Decoded> decode(String text) {
		List<Decoded> entries = new ArrayList<>();
		String[] lines = HostsCodec.lines(text);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			if (line.isBlank() || (entries.isEmpty() && line.strip().equalsIgnoreCase(HEADER))) {
				continue;
			}
			String position = "line " + (i + 1);
			List<String> fields = split(line);
			if (fields == null) {
				entries.add(Decoded.failed(position, "unterminated quoted field"));
			}
			else if (fields.size() != 5) {
				entries.add(Decoded.failed(position, "expected 5 fields (" + HEADER + "), got " + fields.size()));
			}
			else {
				entries.add(Decoded.of(position, new HostFields(fields.get(0).strip(), fields.get(1).strip(),
						words(fields.get(2)), fields.get(3).isEmpty() ? null : fields.get(3), words(fields.get(4)))));
			}
		}
		return entries;
	}

	private static List<String> words(String field) {
		String stripped = field.strip();
		return stripped.isEmpty() ? List.of() : Arrays.asList(stripped.split("\\s+"));
	}

	private static String quote(String field) {
		if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.equals(field.strip())) {
			return field;
		}
		return '"' + field.replace("\"", "\"\"") + '"';
	}

	/** The fields of one record, or null when a quote is left open (fields hold no line breaks). */
	private static List<String> split(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		if (quoted) {
			return null;
		}
		fields.add(field.toString());
		return fields;
	}

}
