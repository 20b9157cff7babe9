package dev.vigil.hosts.rpc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.api.routerhosts.v1.WatchHostsResponse;
import dev.vigil.hosts.entries.Host;
import dev.vigil.hosts.feed.Change;
import dev.vigil.hosts.registry.HostsRegistry;

/**
 * The WatchHosts snapshots followers share: for each change id, the entries are read once and each
 * message encoded once, however many followers are due a snapshot of it (after a write, or all at
 * once when a fleet reconnects). A follower asks for the newest: the change id is read from the
 * database first, as for a snapshot of its own, and a live snapshot of that id is as good as a new
 * read, since nothing committed in between.
 * <p>
 * At most {@code limit} snapshots are live. Building one more revokes the oldest: its encoded
 * entries are dropped, and a follower still sending it goes on from the last entry it sent with
 * paged reads of its own, which keep every promise of a snapshot. So memory is bounded by the
 * limit, not by the number of followers or how slowly they read. A limit of 0 shares nothing:
 * every follower reads its own pages.
 */
public final class SharedSnapshots {

	private final HostsRegistry registry;

	private final int pageSize;

	private final int limit;

	/** Oldest first. */
	private final ArrayDeque<Shared> live = new ArrayDeque<>();

	public SharedSnapshots(HostsRegistry registry, int pageSize, int limit) {
		this.registry = registry;
		this.pageSize = pageSize;
		this.limit = limit;
	}

	/** The snapshot of the newest change, built now unless one is live; empty when sharing is off. */
	Optional<Shared> newest() {
		if (this.limit == 0) {
			return Optional.empty();
		}
		Change change = this.registry.newestChange();
		// One build at a time: followers due the same change wait for its build instead of
		// reading the entries again.
		synchronized (this) {
			for (Shared shared : this.live) {
				if (shared.change().equals(change)) {
					return Optional.of(shared);
				}
			}
			Shared built = build(change);
			this.live.addLast(built);
			while (this.live.size() > this.limit) {
				this.live.removeFirst().revoke();
			}
			return Optional.of(built);
		}
	}

	private Shared build(Change change) {
		List<Entry> entries = new ArrayList<>();
		String after = null;
		List<Host> page;
		do {
			page = this.registry.pageById(after, this.pageSize);
			for (Host host : page) {
				entries.add(new Entry(host.id(), encode(HostMessages.entry(host))));
			}
			if (!page.isEmpty()) {
				after = page.get(page.size() - 1).id();
			}
		}
		while (page.size() == this.pageSize);
		return new Shared(change, entries);
	}

	/** An entry as the WatchHosts message that carries it. */
	static EncodedResponse encode(HostEntry entry) {
		return EncodedResponse.of(WatchHostsResponse.newBuilder().setEntry(entry).build());
	}

	/** One encoded entry, and its id, from which a follower of a revoked snapshot goes on. */
	record Entry(String id, EncodedResponse message) {
	}

	/** One change's snapshot: every entry in id order, read after the change id. */
	static final class Shared {

		private final Change change;

		private volatile List<Entry> entries;

		private Shared(Change change, List<Entry> entries) {
			this.change = change;
			this.entries = entries;
		}

		Change change() {
			return this.change;
		}

		/** The entries, or null once revoked. */
		List<Entry> entries() {
			return this.entries;
		}

		private void revoke() {
			this.entries = null;
		}

	}

}
