package dev.vigil.client.sink;

import java.time.Instant;
import java.util.List;

import com.google.protobuf.Timestamp;

import dev.vigil.api.routerhosts.v1.HostEntry;

/**
 * One whole WatchHosts snapshot: its entries and what its {@code complete} message said.
 *
 * @param entries every entry, in the order sent
 * @param changeId the newest change id when the snapshot began
 * @param contractVersion the template data contract version the server serves
 * @param generatedAt when the server made it
 */
public record HostsSnapshot(List<HostEntry> entries, String changeId, String contractVersion, Instant generatedAt) {

	public HostsSnapshot {
		entries = List.copyOf(entries);
	}

	/** A protobuf timestamp as an instant. */
	public static Instant instant(Timestamp timestamp) {
		return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
	}

}
