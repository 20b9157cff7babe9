package dev.vigil.hosts.entries;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an entry's fields before anything is written and returns them in canonical form. Each
 * failure names the field and the rule it broke.
 */
public final class HostValidator {

	static final int MAX_ALIASES = 50;

	static final int MAX_TAGS = 50;

	static final int MAX_TAG_LENGTH = 64;

	static final int MAX_COMMENT_LENGTH = 1024;

	private static final int MAX_NAME_LENGTH = 253;

	private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

	/** Tags are single words: the hosts and CSV formats separate them with ", " and spaces. */
	private static final Pattern TAG_FORBIDDEN = Pattern.compile("[\\p{Cntrl}\\s,\\[\\]]");

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	private HostValidator() {
	}

	public static HostFields validate(HostFields raw) {
		IpAddress address = IpAddress.parse(raw.ipAddress())
			.orElseThrow(() -> HostsException.invalid("ip_address", "must be an IPv4 or IPv6 address, got \""
					+ printable(raw.ipAddress()) + "\""));
		String hostname = name("hostname", raw.hostname());
		return new HostFields(address.canonical(), hostname, aliases(hostname, raw.aliases()), comment(raw.comment()),
				tags(raw.tags()));
	}

	/** Lower-cased in the root locale: how names, tags and search text are compared. */
	public static String key(String text) {
		return text.toLowerCase(Locale.ROOT);
	}

	private static String name(String field, String name) {
		if (name == null || name.isEmpty()) {
			throw HostsException.invalid(field, "must not be empty");
		}
		if (name.length() > MAX_NAME_LENGTH) {
			throw HostsException.invalid(field, "must be at most " + MAX_NAME_LENGTH + " characters");
		}
		if (IpAddress.parse(name).isPresent()) {
			throw HostsException.invalid(field, "must be a name, not an IP address");
		}
		if (name.startsWith(".") || name.endsWith(".")) {
			throw HostsException.invalid(field, "must not start or end with a dot");
		}
		for (String label : name.split("\\.", -1)) {
			if (!LABEL.matcher(label).matches()) {
				throw HostsException.invalid(field, "label \"" + printable(label)
						+ "\" must be 1-63 letters, digits or inner hyphens (RFC 1123)");
			}
		}
		return name;
	}

	private static List<String> aliases(String hostname, List<String> aliases) {
		if (aliases.size() > MAX_ALIASES) {
			throw HostsException.invalid("aliases", "at most " + MAX_ALIASES + " allowed, got " + aliases.size());
		}
		Set<String> seen = new HashSet<>();
		seen.add(key(hostname));
		List<String> valid = new ArrayList<>();
		for (String alias : aliases) {
			String name = name("aliases", alias);
			if (key(name).equals(key(hostname))) {
				throw HostsException.invalid("aliases", "\"" + name + "\" repeats the hostname");
			}
			if (!seen.add(key(name))) {
				throw HostsException.invalid("aliases", "\"" + name + "\" appears twice");
			}
			valid.add(name);
		}
		return valid;
	}

	/** Stripped: the hosts format cannot carry surrounding spaces, and empty means none. */
	private static String comment(String raw) {
		String comment = (raw != null) ? raw.strip() : "";
		if (comment.isEmpty()) {
			return null;
		}
		if (comment.length() > MAX_COMMENT_LENGTH) {
			throw HostsException.invalid("comment", "must be at most " + MAX_COMMENT_LENGTH + " characters");
		}
		if (CONTROL.matcher(comment).find()) {
			throw HostsException.invalid("comment", "must not contain control characters");
		}
		return comment;
	}

	private static List<String> tags(List<String> tags) {
		if (tags.size() > MAX_TAGS) {
			throw HostsException.invalid("tags", "at most " + MAX_TAGS + " allowed, got " + tags.size());
		}
		Set<String> seen = new HashSet<>();
		for (String tag : tags) {
			if (tag.isEmpty() || tag.length() > MAX_TAG_LENGTH) {
				throw HostsException.invalid("tags", "each must be 1-" + MAX_TAG_LENGTH + " characters");
			}
			if (TAG_FORBIDDEN.matcher(tag).find()) {
				throw HostsException.invalid("tags", "\"" + printable(tag)
						+ "\" must not contain whitespace, control characters, commas or brackets");
			}
			if (!seen.add(key(tag))) {
				throw HostsException.invalid("tags", "\"" + tag + "\" appears twice");
			}
		}
		return tags;
	}

	/** A free-text label: at most {@code max} characters, none of them a control character. */
	public static String label(String field, String text, int max) {
		if (text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
			throw HostsException.invalid(field, "must be at most " + max + " printable characters");
		}
		return text;
	}

	/** Echoes input in an error without letting control characters into logs or messages. */
	public static String printable(String text) {
		if (text == null) {
			return "";
		}
		String clean = CONTROL.matcher(text).replaceAll("?");
		return (clean.length() > 80) ? clean.substring(0, 80) + "..." : clean;
	}

}
