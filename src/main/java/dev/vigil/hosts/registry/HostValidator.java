package dev.vigil.hosts.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;
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

	private static final int MAX_LABEL_LENGTH = 63;

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
		for (int start = 0; start <= name.length();) {
			int dot = name.indexOf('.', start);
			int end = (dot < 0) ? name.length() : dot;
			if (!isLabel(name, start, end)) {
				throw HostsException.invalid(field, "label \"" + printable(name.substring(start, end))
						+ "\" must be 1-63 letters, digits or inner hyphens (RFC 1123)");
			}
			start = end + 1;
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
		if (containsAny(comment, HostValidator::isControl)) {
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
			if (containsAny(tag, HostValidator::isForbiddenInTag)) {
				throw HostsException.invalid("tags", "\"" + printable(tag)
						+ "\" must not contain whitespace, control characters, commas or brackets");
			}
			if (!seen.add(key(tag))) {
				throw HostsException.invalid("tags", "\"" + tag + "\" appears twice");
			}
		}
		return tags;
	}

	/**
	 * An RFC 1123 label: 1-63 letters, digits or hyphens, starting and ending with a letter or digit.
	 * Scanned by hand, as every name of every imported entry passes here.
	 */
	private static boolean isLabel(String name, int start, int end) {
		if (end <= start || end - start > MAX_LABEL_LENGTH || name.charAt(start) == '-' || name.charAt(end - 1) == '-') {
			return false;
		}
		for (int i = start; i < end; i++) {
			char c = name.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
				return false;
			}
		}
		return true;
	}

	/** Whether any character of the text is {@code forbidden}: a plain loop, no stream per entry. */
	private static boolean containsAny(String text, IntPredicate forbidden) {
		for (int i = 0; i < text.length(); i++) {
			if (forbidden.test(text.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	/** {@code \p{Cntrl}}: the ASCII control characters. */
	private static boolean isControl(int c) {
		return c < 0x20 || c == 0x7F;
	}

	/** Tags are single words, which the hosts and CSV formats separate with ", " and spaces. */
	private static boolean isForbiddenInTag(int c) {
		return isControl(c) || c == ' ' || c == ',' || c == '[' || c == ']';
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
