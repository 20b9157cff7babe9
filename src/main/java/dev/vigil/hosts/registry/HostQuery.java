package dev.vigil.hosts.registry;

import java.util.ArrayList;
import java.util.List;


/**
 * Which entries a list or search returns: every term must match. A term {@code tag:NAME} matches
 * entries carrying that tag; any other term is a case-insensitive substring of the IP address,
 * hostname, aliases, comment or tags.
 */
final class HostQuery {

	private static final String TAG_PREFIX = "tag:";

	private final List<String> clauses;

	private final List<Object> arguments;

	private HostQuery(List<String> clauses, List<Object> arguments) {
		this.clauses = List.copyOf(clauses);
		this.arguments = List.copyOf(arguments);
	}

	static HostQuery all() {
		return new HostQuery(List.of(), List.of());
	}

	/** The ListHosts filter: whitespace-separated terms, each {@code tag:NAME} or text, at most {@code maxTerms}. */
	static HostQuery filter(String filter, int maxTerms) {
		List<String> clauses = new ArrayList<>();
		List<Object> arguments = new ArrayList<>();
		for (String term : filter.trim().split("\\s+")) {
			if (term.isEmpty()) {
				continue;
			}
			if (clauses.size() == maxTerms) {
				throw HostsException.invalid("filter", "at most " + maxTerms + " terms (vigil.hosts.limits.filter-terms)");
			}
			checkPrintable("filter", term);
			if (term.regionMatches(true, 0, TAG_PREFIX, 0, TAG_PREFIX.length())) {
				String tag = term.substring(TAG_PREFIX.length());
				if (tag.isEmpty()) {
					throw HostsException.invalid("filter", "tag: needs a tag name");
				}
				clauses.add("tag_keys LIKE ? ESCAPE '\\'");
				arguments.add("%" + HostColumns.SEPARATOR + escape(HostValidator.key(tag)) + HostColumns.SEPARATOR + "%");
			}
			else {
				clauses.add(textClause());
				arguments.add(textPattern(term));
			}
		}
		return new HostQuery(clauses, arguments);
	}

	/** SearchHosts: one case-insensitive substring, spaces included. */
	static HostQuery search(String query) {
		if (query == null || query.isEmpty()) {
			throw HostsException.invalid("query", "must not be empty");
		}
		checkPrintable("query", query);
		return new HostQuery(List.of(textClause()), List.of(textPattern(query)));
	}

	List<String> clauses() {
		return this.clauses;
	}

	List<Object> arguments() {
		return this.arguments;
	}

	private static String textClause() {
		return "search_text LIKE ? ESCAPE '\\'";
	}

	private static String textPattern(String text) {
		return "%" + escape(HostValidator.key(text)) + "%";
	}

	private static void checkPrintable(String field, String text) {
		if (text.chars().anyMatch(Character::isISOControl)) {
			throw HostsException.invalid(field, "must not contain control characters");
		}
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
