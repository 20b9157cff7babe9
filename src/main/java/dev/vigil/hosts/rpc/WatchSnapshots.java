package dev.vigil.hosts.rpc;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import dev.vigil.api.routerhosts.v1.SnapshotComplete;
import dev.vigil.api.routerhosts.v1.WatchHostsResponse;
import dev.vigil.hosts.entries.Host;
import dev.vigil.hosts.feed.Change;
import dev.vigil.hosts.registry.HostsRegistry;

/**
 * A WatchHosts stream's messages, as pages: a snapshot is every entry, page by page in id order,
 * then one {@link SnapshotComplete} carrying the newest change id read before the first page (a
 * lower bound of what the entries reflect). Ids never change, so while writes go on an entry that
 * exists throughout is sent exactly once, never skipped or repeated because an update moved it.
 * Between snapshots it has nothing to say (an empty page) until the next one is
 * {@linkplain #due() due}.
 */
public final class WatchSnapshots implements Supplier<List<WatchHostsResponse>> {

	/**
	 * What {@code contract_version} says: the version of the template data contract, as the public
	 * router_hosts.v1 server serves it. A public sink refuses a snapshot of any other version before
	 * it writes anything, so this is part of the wire contract, not a label of Vigil's.
	 */
	static final String CONTRACT_VERSION = "1";

	private final HostsRegistry registry;

	private final int pageSize;

	private final Clock clock;

	private boolean due = true;

	/** Whether a snapshot is being sent. */
	private boolean sending;

	/** The last id sent in this snapshot; null before its first page. */
	private String after;

	/** Whether the last page read was short, so the snapshot's entries are all sent. */
	private boolean exhausted;

	private Change change;

	private int count;

	public WatchSnapshots(HostsRegistry registry, int pageSize, Clock clock) {
		this.registry = registry;
		this.pageSize = pageSize;
		this.clock = clock;
	}

	/** Another snapshot is wanted, after the one being sent (if any). */
	synchronized void due() {
		this.due = true;
	}

	@Override
	public synchronized List<WatchHostsResponse> get() {
		if (!this.sending) {
			if (!this.due) {
				return List.of();
			}
			this.due = false;
			this.change = this.registry.newestChange();
			this.count = 0;
			this.after = null;
			this.exhausted = false;
			this.sending = true;
		}
		List<Host> page = this.exhausted ? List.of() : this.registry.pageById(this.after, this.pageSize);
		this.exhausted = page.size() < this.pageSize;
		if (!page.isEmpty()) {
			this.count += page.size();
			this.after = page.get(page.size() - 1).id();
			return HostMessages.messages(page, (entry) -> WatchHostsResponse.newBuilder().setEntry(entry).build());
		}
		this.sending = false;
		return List.of(WatchHostsResponse.newBuilder()
			.setComplete(SnapshotComplete.newBuilder()
				.setCount(this.count)
				.setGeneratedAt(HostMessages.timestamp(this.clock.instant()))
				.setContractVersion(CONTRACT_VERSION)
				.setChangeId(this.change.id()))
			.build());
	}

}
