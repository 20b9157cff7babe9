package dev.vigil.hosts.snapshots;

import java.time.Instant;

/**
 * A stored snapshot of the registry.
 *
 * @param id a ULID
 * @param name given by its creator, or generated
 * @param trigger why it was taken: {@code manual}, {@code pre-rollback}, {@code scheduled}, or
 * what its creator named
 * @param createdAt when it was taken
 * @param entryCount entries it holds
 * @param changeId the newest change it shows; the zero ULID for an empty log
 */
public record Snapshot(String id, String name, String trigger, Instant createdAt, int entryCount, String changeId) {

	static final String MANUAL = "manual";

	static final String PRE_ROLLBACK = "pre-rollback";

	static final String SCHEDULED = "scheduled";

}
