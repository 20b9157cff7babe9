package dev.vigil.hosts;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import dev.vigil.api.routerhosts.v1.SnapshotComplete;
import dev.vigil.api.routerhosts.v1.WatchHostsResponse;

/**
 * A WatchHosts stream's messages, as pages: a snapshot is every entry in hosts-file order, page by
 * page, then one {@link SnapshotComplete} carrying the newest change id read before the first
 * page (a lower bound of what the entries reflect). Between snapshots it has nothing to say (an
 * empty page) until the next one is {@linkplain #due() due}.
 */
final class WatchSnapshots implements Supplier<List<WatchHostsResponse>> {

	/** What {@code contract_version} says: the API these snapshots follow. */
	static final String CONTRACT_VERSION = "router_hosts.v1";

	private final HostsRegistry registry;

	private final int pageSize;

	private final Clock clock;

	private boolean due = true;

	private HostPages pages;

	private Change change;

	private int count;

	WatchSnapshots(HostsRegistry registry, int pageSize, Clock clock) {
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
		if (this.pages == null) {
			if (!this.due) {
				return List.of();
			}
			this.due = false;
			this.change = this.registry.newestChange();
			this.count = 0;
			this.pages = new HostPages(this.registry::page, HostQuery.all(), 0, 0, this.pageSize);
		}
		List<Host> page = this.pages.get();
		if (!page.isEmpty()) {
			this.count += page.size();
			return page.stream()
				.map((host) -> WatchHostsResponse.newBuilder().setEntry(HostMessages.entry(host)).build())
				.toList();
		}
		this.pages = null;
		return List.of(WatchHostsResponse.newBuilder()
			.setComplete(SnapshotComplete.newBuilder()
				.setCount(this.count)
				.setGeneratedAt(HostMessages.timestamp(this.clock.instant()))
				.setContractVersion(CONTRACT_VERSION)
				.setChangeId(this.change.id()))
			.build());
	}

}
