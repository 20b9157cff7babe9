package dev.vigil.hosts.registry;

import java.util.Locale;

import dev.vigil.hosts.entries.HostValidator;
import dev.vigil.hosts.entries.HostsException;

/**
 * What an import does with an entry whose address and hostname already exist.
 */
public enum ConflictMode {

	/** Keep the stored entry. */
	SKIP,
	/** Overwrite the stored entry's aliases, comment and tags. */
	REPLACE,
	/** Import nothing at all. */
	STRICT;

	public static ConflictMode named(String name) {
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
