package dev.vigil.hosts.rpc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import dev.vigil.api.routerhosts.v1.HostEntries;
import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.api.routerhosts.v1.WatchHostsResponse;
import dev.vigil.hosts.registry.Change;
import dev.vigil.hosts.registry.Host;
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
final class SharedSnapshots {

	private final HostsRegistry registry;

	private final int pageSize;

	private final int limit;

	/** Oldest first; guarded by itself, held only to look up, add or drop, never while building. */
	private final ArrayDeque<Shared> live = new ArrayDeque<>();

	/** Held while building, so followers due the same change wait for one build, not read again. */
	private final Object building = new Object();

	/** Each build as a span, {@code watch snapshot}: one per change, however many followers share it. */
	private final ObservationRegistry observations;

	/**
	 * Registers the gauges of what is live: how many snapshots, and their encoded bytes. A scrape
	 * reads them without waiting for a build.
	 */
	public SharedSnapshots(HostsRegistry registry, int pageSize, int limit, MeterRegistry meters,
			ObservationRegistry observations) {
		this.registry = registry;
		this.observations = observations;
		this.pageSize = pageSize;
		this.limit = limit;
		Gauge.builder("vigil.hosts.watch.shared.snapshots", this, SharedSnapshots::liveCount)
			.description("WatchHosts snapshots held to share with followers")
			.register(meters);
		Gauge.builder("vigil.hosts.watch.shared.bytes", this, SharedSnapshots::liveBytes)
			.baseUnit("bytes")
			.description("Encoded entries of the WatchHosts snapshots held to share with followers")
			.register(meters);
	}

	/** The snapshot of the newest change, built now unless one is live; empty when sharing is off. */
	Optional<Shared> newest() {
		if (this.limit == 0) {
			return Optional.empty();
		}
		Change change = this.registry.newestChange();
		Optional<Shared> held = held(change);
		if (held.isPresent()) {
			return held;
		}
		synchronized (this.building) {
			held = held(change);
			if (held.isPresent()) {
				return held;
			}
			Shared built = Observation.createNotStarted("vigil.hosts.watch.snapshot", this.observations)
				.contextualName("watch snapshot")
				.observe(() -> build(change));
			synchronized (this.live) {
				this.live.addLast(built);
				while (this.live.size() > this.limit) {
					this.live.removeFirst().revoke();
				}
			}
			return Optional.of(built);
		}
	}

	private Optional<Shared> held(Change change) {
		synchronized (this.live) {
			return this.live.stream().filter((shared) -> shared.change().equals(change)).findFirst();
		}
	}

	private double liveCount() {
		synchronized (this.live) {
			return this.live.size();
		}
	}

	private double liveBytes() {
		synchronized (this.live) {
			return this.live.stream().mapToLong(Shared::bytes).sum();
		}
	}

	private Shared build(Change change) {
		List<Part> single = new ArrayList<>();
		List<Part> batched = new ArrayList<>();
		String after = null;
		List<Host> page;
		do {
			page = this.registry.pageById(after, this.pageSize);
			List<HostEntry> entries = new ArrayList<>(page.size());
			for (Host host : page) {
				HostEntry entry = HostMessages.entry(host);
				entries.add(entry);
				single.add(new Part(host.id(), 1, encode(entry)));
			}
			if (!page.isEmpty()) {
				after = page.get(page.size() - 1).id();
				batched.add(new Part(after, page.size(), encodeBatch(entries)));
			}
		}
		while (page.size() == this.pageSize);
		return new Shared(change, single, batched);
	}

	/** An entry as the WatchHosts message that carries it. */
	static EncodedResponse encode(HostEntry entry) {
		return EncodedResponse.of(WatchHostsResponse.newBuilder().setEntry(entry).build());
	}

	/** Consecutive entries as one WatchHosts message, for a follower that asked for batches. */
	static EncodedResponse encodeBatch(List<HostEntry> entries) {
		return EncodedResponse
			.of(WatchHostsResponse.newBuilder().setEntries(HostEntries.newBuilder().addAllEntries(entries)).build());
	}

	/**
	 * One message of a snapshot: an entry, or a batch of them, with the last id it carries, from
	 * which a follower of a revoked snapshot goes on.
	 */
	record Part(String lastId, int entries, EncodedResponse message) {
	}

	/**
	 * One change's snapshot: every entry in id order, read after the change id, encoded both ways,
	 * one entry to a message and in batches of a page.
	 */
	static final class Shared {

		private final Change change;

		private final long bytes;

		private volatile List<Part> single;

		private volatile List<Part> batched;

		private Shared(Change change, List<Part> single, List<Part> batched) {
			this.change = change;
			this.single = single;
			this.batched = batched;
			this.bytes = Stream.concat(single.stream(), batched.stream()).mapToLong((part) -> part.message().size()).sum();
		}

		private long bytes() {
			return this.bytes;
		}

		Change change() {
			return this.change;
		}

		/** The messages, one entry each or batched, or null once revoked. */
		List<Part> parts(boolean inBatches) {
			return inBatches ? this.batched : this.single;
		}

		private void revoke() {
			this.single = null;
			this.batched = null;
		}

	}

}
