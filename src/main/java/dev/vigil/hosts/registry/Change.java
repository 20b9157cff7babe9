package dev.vigil.hosts.registry;

/**
 * One committed change to the registry: its place in the database's order of commits and its
 * ULID, the id the API shows.
 *
 * @param sequence the database's order of commits; 0 for an empty log
 * @param id the ULID; the zero ULID for an empty log
 */
public record Change(long sequence, String id) {

	/** What an empty log reads as. */
	public static final Change NONE = new Change(0, "00000000000000000000000000");

	/** Whether {@code id} has the form of a change id (a ULID). */
	public static boolean isId(String id) {
		return Ulid.isValid(id);
	}

	boolean isAfter(Change other) {
		return this.sequence > other.sequence;
	}

}
