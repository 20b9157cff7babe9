package dev.vigil.hosts.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One field of an entry as a change left it: its values before and after, each empty when the
 * field had none (a comment not set, no tags, an entry that did not exist yet or no longer does).
 * A single-valued field has one value; aliases and tags have theirs in order.
 */
public record FieldChange(String field, List<String> before, List<String> after) {

	public static final String IP_ADDRESS = "ip_address";

	public static final String HOSTNAME = "hostname";

	public static final String ALIASES = "aliases";

	public static final String COMMENT = "comment";

	public static final String TAGS = "tags";

	public FieldChange {
		before = List.copyOf(before);
		after = List.copyOf(after);
	}

	/**
	 * The fields that differ between two states of an entry, in the order the API lists them; a
	 * null state is no entry, so every field it has is listed.
	 */
	public static List<FieldChange> between(HostFields before, HostFields after) {
		List<FieldChange> changes = new ArrayList<>(5);
		add(changes, IP_ADDRESS, single((before != null) ? before.ipAddress() : null),
				single((after != null) ? after.ipAddress() : null));
		add(changes, HOSTNAME, single((before != null) ? before.hostname() : null),
				single((after != null) ? after.hostname() : null));
		add(changes, ALIASES, (before != null) ? before.aliases() : List.of(), (after != null) ? after.aliases() : List.of());
		add(changes, COMMENT, single((before != null) ? before.comment() : null),
				single((after != null) ? after.comment() : null));
		add(changes, TAGS, (before != null) ? before.tags() : List.of(), (after != null) ? after.tags() : List.of());
		return changes;
	}

	private static void add(List<FieldChange> changes, String field, List<String> before, List<String> after) {
		if (!Objects.equals(before, after)) {
			changes.add(new FieldChange(field, before, after));
		}
	}

	private static List<String> single(String value) {
		return (value != null) ? List.of(value) : List.of();
	}

}
