package dev.vigil.hosts;

import java.util.Locale;

/**
 * What an import does with an entry whose address and hostname already exist.
 */
enum ConflictMode {

	/** Keep the stored entry. */
	SKIP,
	/** Overwrite the stored entry's aliases, comment and tags. */
	REPLACE,
	/** Import nothing at all. */
	STRICT;

	static ConflictMode named(String name) {
		if (name == null || name.isEmpty()) {
			return SKIP;
		}
		try {
			return valueOf(name.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw HostsException.invalid("conflict_mode", "must be skip, replace or strict, got \""
					+ HostValidator.printable(name) + "\"");
		}
	}

}
