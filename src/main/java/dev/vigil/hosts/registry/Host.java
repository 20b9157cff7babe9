package dev.vigil.hosts.registry;

import java.time.Instant;

/**
 * One stored entry: its fields plus identity, timestamps and version.
 */
public record Host(String id, HostFields fields, Instant createdAt, Instant updatedAt, long version) {

	/** The opaque version clients echo back as {@code expected_version}. */
	public String versionText() {
		return Long.toString(this.version);
	}

}
