package dev.vigil.hosts.formats;

import java.util.ArrayList;
import java.util.List;

import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostFields;

/**
 * One export and import format. Export writes {@link #begin()}, each entry, then {@link #end()};
 * import decodes the whole text into raw entries, each with where it came from.
 */
interface HostsCodec {

	String begin();

	String entry(Host host, boolean first);

	/** What follows the last entry; line-based formats have nothing to close. */
	default String end() {
		return "";
	}

	List<Decoded> decode(String text);

	/** The document's lines, LF or CRLF, numbered from index 0 as line 1. */
	static String[] lines(String text) {
		List<String> lines = new ArrayList<>();
		int start = 0;
		for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
			int end = (newline > start && text.charAt(newline - 1) == '\r') ? newline - 1 : newline;
			lines.add(text.substring(start, end));
			start = newline + 1;
		}
		lines.add(text.substring(start));
		return lines.toArray(String[]::new);
	}

	/** One decoded entry, or why its line could not be read; {@code position} says where, for errors. */
	record Decoded(String position, HostFields fields, String error) {

		static Decoded of(String position, HostFields fields) {
			return new Decoded(position, fields, null);
		}

		static Decoded failed(String position, String error) {
			return new Decoded(position, null, error);
		}

	}

}
