package dev.vigil.hosts.formats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostFields;

/**
 * The hosts(5) format: {@code IP<TAB>hostname aliases...} and, where present,
 * {@code <TAB># comment [tag1, tag2]}. Tags are the last bracketed group of the comment; a comment
 * that itself ends in "]" gets an empty group so that it reads back unchanged.
 */
final class HostsFileCodec implements HostsCodec {

	public static final String HEADER = "# Rendered by Vigil from its hosts registry. Edits here are overwritten.\n";

	@Override
	public String begin() {
		return HEADER;
	}

	@Override
	public String entry(Host host, boolean first) {
		HostFields fields = host.fields();
		StringBuilder line = new StringBuilder(fields.ipAddress()).append('\t').append(fields.hostname());
		fields.aliases().forEach((alias) -> line.append(' ').append(alias));
		String comment = (fields.comment() != null) ? fields.comment() : "";
		if (!comment.isEmpty() || !fields.tags().isEmpty()) {
			line.append("\t#");
			if (!comment.isEmpty()) {
				line.append(' ').append(comment);
			}
			if (!fields.tags().isEmpty() || comment.endsWith("]")) {
				line.append(" [").append(String.join(", ", fields.tags())).append(']');
			}
		}
		return line.append('\n').toString();
	}

	@Override
	public List<Decoded> decode(String text) {
		List<Decoded> entries = new ArrayList<>();
		String[] lines = HostsCodec.lines(text);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			entries.add(decodeLine("line " + (i + 1), line));
		}
		return entries;
	}

	private static Decoded decodeLine(String position, String line) {
		int hash = line.indexOf('#');
		String names = (hash >= 0) ? line.substring(0, hash) : line;
		List<String> words = words(names.strip());
		if (words.size() < 2) {
			return Decoded.failed(position, "expected an IP address and a hostname");
		}
		String comment = null;
		List<String> tags = List.of();
		if (hash >= 0) {
			String rest = line.substring(hash + 1).strip();
			int open = rest.lastIndexOf('[');
			if (rest.endsWith("]") && open >= 0) {
				String inside = rest.substring(open + 1, rest.length() - 1).strip();
				tags = inside.isEmpty() ? List.of() : Arrays.stream(inside.split(",")).map(String::strip).toList();
				rest = rest.substring(0, open).strip();
			}
			comment = rest.isEmpty() ? null : rest;
		}
		return Decoded.of(position, new HostFields(words.get(0), words.get(1), words.subList(2, words.size()), comment,
				tags));
	}

	/** The runs of characters between ASCII white space ({@code \\s}), scanned by hand: one call a line. */
	private static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		int start = -1;
		for (int i = 0; i <= text.length(); i++) {
			boolean space = i == text.length() || isSpace(text.charAt(i));
			if (space && start >= 0) {
				words.add(text.substring(start, i));
				start = -1;
			}
			else if (!space && start < 0) {
				start = i;
			}
		}
		return words;
	}

	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
	}

}
