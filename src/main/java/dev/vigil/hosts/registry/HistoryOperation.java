package dev.vigil.hosts.registry;

import java.util.Locale;

/** What a history row records being done to an entry. */
public enum HistoryOperation {

	/** AddHost made it. */
	CREATED,
	/** UpdateHost changed it. */
	UPDATED,
	/** DeleteHost removed it. */
	DELETED,
	/** An import made it or replaced its fields. */
	IMPORTED,
	/** A rollback made it the snapshot's: put it back, changed it back, or removed it. */
	RESTORED,
	/** CompactAggregates folded its older rows into this one, which holds its state as of then. */
	COMPACTED;

	/** Made once: an import writes it on every row. */
	private final String word;

	HistoryOperation() {
		this.word = name().toLowerCase(Locale.ROOT);
	}

	/** The word the database, the command line and the docs use. */
	public String word() {
		return this.word;
	}

	public static HistoryOperation ofWord(String word) {
		return valueOf(word.toUpperCase(Locale.ROOT));
	}

}
