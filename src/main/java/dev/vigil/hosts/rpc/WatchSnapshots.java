package dev.vigil.hosts.rpc;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import dev.vigil.api.routerhosts.v1.SnapshotComplete;
import dev.vigil.api.routerhosts.v1.WatchHostsResponse;
import dev.vigil.hosts.registry.Change;
import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostsRegistry;

/**
 * A WatchHosts stream's messages, as pages: a snapshot is every entry, page by page in id order
 * (one entry to a message, or, for a client that asked, a page to a message), then one
 * {@link SnapshotComplete} carrying the newest change id read before the first entry (a
 * lower bound of what the entries reflect). The entries come from the {@link SharedSnapshots} of
 * that change id, or, when sharing is off or the shared one is revoked midway, from paged reads
 * of its own that go on after the last id sent. Ids never change, so while writes go on an entry
 * that exists throughout is sent exactly once, never skipped or repeated because an update moved
 * it. Between snapshots it has nothing to say (an empty page) until the next one is
 * {@linkplain #due() due}.
 */
final class WatchSnapshots implements Supplier<List<EncodedResponse>> {

	/**
	 * What {@code contract_version} says: the version of the template data contract, as the public
	 * router_hosts.v1 server serves it. A public sink refuses a snapshot of any other version before
	 * it writes anything, so this is part of the wire contract, not a label of Vigil's.
	 */
	static final String CONTRACT_VERSION = "1";

	private final SharedSnapshots shared;

	private final HostsRegistry registry;

	private final int pageSize;

	private final Clock clock;

	private boolean due = true;

	/** Whether a snapshot is being sent. */
	private boolean sending;

	/** The shared snapshot being sent; null when this stream reads its own pages. */
	private SharedSnapshots.Shared source;

	/** How many of the snapshot's entries are sent. */
	private int count;

	/** How many of the shared snapshot's messages are sent. */
	private int parts;

	/** Whether entries go out in batches of a page (the client asked), or one to a message. */
	private boolean batched;

	/** The last id sent in this snapshot; null before its first entry. */
	private String after;

	/** Whether the last page read was short, so the snapshot's entries are all sent. */
	private boolean exhausted;

	private Change change;

	private final ObservationRegistry observations;

	/** The send of the snapshot under way, as a span ({@code watch send}); null between snapshots. */
	private Observation send;

	/** The WatchHosts call's span, parent of the first snapshot's send; null after it. */
	private Observation call;

	public WatchSnapshots(SharedSnapshots shared, HostsRegistry registry, int pageSize, Clock clock,
			ObservationRegistry observations) {
		this.shared = shared;
		this.registry = registry;
		this.pageSize = pageSize;
		this.clock = clock;
		this.observations = observations;
	}

	/** From now on entries go out in batches of a page; call before the first snapshot. */
	synchronized void batched() {
		this.batched = true;
	}

	/**
	 * The call has started, on its own thread, where its span is the current one: the first
	 * snapshot, sent later on the followers' thread, is traced under it.
	 */
	synchronized void started() {
		this.call = this.observations.getCurrentObservation();
	}

	/** Another snapshot is wanted, after the one being sent (if any). */
	synchronized void due() {
		this.due = true;
	}

	@Override
	public synchronized List<EncodedResponse> get() {
		if (!this.sending) {
			if (!this.due) {
				return List.of();
			}
			this.due = false;
			begin();
		}
		List<EncodedResponse> page = (this.source != null) ? sharedPage() : ownPage();
		if (!page.isEmpty()) {
			return page;
		}
		this.sending = false;
		this.source = null;
		this.send.highCardinalityKeyValue("vigil.change", this.change.id())
			.highCardinalityKeyValue("vigil.entries", Integer.toString(this.count))
			.stop();
		this.send = null;
		return List.of(EncodedResponse.of(WatchHostsResponse.newBuilder()
			.setComplete(SnapshotComplete.newBuilder()
				.setCount(this.count)
				.setGeneratedAt(HostMessages.timestamp(this.clock.instant()))
				.setContractVersion(CONTRACT_VERSION)
				.setChangeId(this.change.id()))
			.build()));
	}

	/** The stream ended: a snapshot cut short ends its span too. */
	synchronized void ended() {
		if (this.send != null) {
			this.send.lowCardinalityKeyValue("completed", "false").stop();
			this.send = null;
		}
	}

	/**
	 * Starts a snapshot's send, in a span of its own that the build of a shared snapshot, if this
	 * one builds it, is a child of.
	 */
	private void begin() {
		this.send = Observation.createNotStarted("vigil.hosts.watch.send", this.observations)
			.contextualName("watch send")
			.lowCardinalityKeyValue("completed", "true")
			.parentObservation(this.call)
			.start();
		this.call = null;
		try (Observation.Scope scope = this.send.openScope()) {
			this.source = this.shared.newest().orElse(null);
		}
		this.change = (this.source != null) ? this.source.change() : this.registry.newestChange();
		this.count = 0;
		this.parts = 0;
		this.after = null;
		this.exhausted = false;
		this.sending = true;
	}

	/** Up to a page of entries from the shared snapshot: a page of single entries, or one batch. */
	private List<EncodedResponse> sharedPage() {
		List<SharedSnapshots.Part> all = this.source.parts(this.batched);
		if (all == null) {
			this.source = null;
			return ownPage();
		}
		List<EncodedResponse> page = new ArrayList<>();
		int entries = 0;
		while (this.parts < all.size() && entries < this.pageSize) {
			SharedSnapshots.Part part = all.get(this.parts++);
			page.add(part.message());
			entries += part.entries();
			this.after = part.lastId();
		}
		this.count += entries;
		return page;
	}

	private List<EncodedResponse> ownPage() {
		List<Host> page = this.exhausted ? List.of() : this.registry.pageById(this.after, this.pageSize);
		this.exhausted = page.size() < this.pageSize;
		if (!page.isEmpty()) {
			this.count += page.size();
			this.after = page.get(page.size() - 1).id();
		}
		if (this.batched) {
			return page.isEmpty() ? List.of()
					: List.of(SharedSnapshots.encodeBatch(HostMessages.messages(page, Function.identity())));
		}
		return HostMessages.messages(page, SharedSnapshots::encode);
	}

}
