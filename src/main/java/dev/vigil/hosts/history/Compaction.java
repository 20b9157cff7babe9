package dev.vigil.hosts.history;

import java.util.List;

/**
 * What CompactAggregates folded, or would fold on a dry run.
 *
 * @param entries each entry compacted, in the order they were
 * @param dryRun whether nothing was changed
 */
public record Compaction(List<Entry> entries, boolean dryRun) {

	public Compaction {
		entries = List.copyOf(entries);
	}

	/** Rows gone, or that would be. */
	public long reclaimed() {
		return this.entries.stream().mapToLong((entry) -> entry.rowsBefore() - entry.rowsAfter()).sum();
	}

	/**
	 * One entry's history before and after.
	 *
	 * @param entryId the entry
	 * @param rowsBefore its rows before
	 * @param rowsAfter its rows after (1 once folded)
	 * @param version the entry's version, kept as it was
	 */
	public record Entry(String entryId, long rowsBefore, long rowsAfter, long version) {
	}

}
