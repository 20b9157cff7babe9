package dev.vigil.hosts.history;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.hosts.HostsProperties.HistorySettings;
import dev.vigil.hosts.registry.FieldChange;
import dev.vigil.hosts.registry.HistoryOperation;
import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostColumns;
import dev.vigil.hosts.registry.HostRepository;
import dev.vigil.hosts.registry.HostWrites;
import dev.vigil.hosts.registry.HostsException;
import dev.vigil.hosts.registry.HostsRegistry;
import dev.vigil.hosts.registry.Ulid;
import dev.vigil.support.OneLine;

/**
 * Reads each entry's history, and keeps it bounded: retention by count and by age, and
 * CompactAggregates, which folds an entry's rows into one. The rows themselves are written only by
 * the registry, in each change's own transaction; nothing here changes an entry, the change log,
 * the hosts file or a snapshot.
 */
public class HostHistory {

	private static final Logger logger = LoggerFactory.getLogger(HostHistory.class);

	private final HostsRegistry registry;

	private final HostWrites writes;

	private final HistoryRepository store;

	private final HostRepository entries;

	private final HistorySettings settings;

	private final Clock clock;

	/** Counts the compactions and prunes that deleted rows, so that a count of the rows knows to read again. */
	private final AtomicLong maintenance = new AtomicLong();

	HostHistory(HostsRegistry registry, HostWrites writes, HistoryRepository store, HostRepository entries, HistorySettings settings,
			Clock clock) {
		this.registry = registry;
		this.writes = writes;
		this.store = store;
		this.entries = entries;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * One entry's rows, newest first, a deleted entry's included; NOT_FOUND when the id is neither an
	 * entry nor in the history.
	 */
	public HistoryPage entry(String id, String pageToken, int pageSize) {
		String key = HostsRegistry.checkId("id", id);
		long before = pageToken.isEmpty() ? Long.MAX_VALUE : sequenceToken(pageToken);
		int size = pageSize(pageSize);
		return this.registry.read(() -> {
			List<HistoryEvent> rows = this.store.entry(key, before, size + 1);
			if (rows.isEmpty() && pageToken.isEmpty() && this.entries.find(key).isEmpty()) {
				throw new HostsException(HostsException.Reason.NOT_FOUND, "no entry and no history with id " + key);
			}
			boolean more = rows.size() > size;
			List<HistoryEvent> page = more ? rows.subList(0, size) : rows;
			return new HistoryPage(page, more ? Long.toString(page.get(page.size() - 1).sequence()) : "");
		});
	}

	/**
	 * The rows after a change or a time (all without either), in commit order, filtered by caller
	 * and operation; NOT_FOUND when neither the change log nor the history holds the change id.
	 */
	public HistoryPage changes(HistoryQuery query, String pageToken, int pageSize) {
		Optional<String> since = query.sinceChangeId().map((id) -> HostsRegistry.checkId("since_change_id", id));
		query.caller().ifPresent((caller) -> bounded("caller", caller));
		int size = pageSize(pageSize);
		Position start = pageToken.isEmpty() ? null : positionToken(pageToken);
		return this.registry.read(() -> {
			Position from = start;
			if (from == null) {
				long sequence = since.map((id) -> this.store.sequenceOf(id)
					.orElseThrow(() -> new HostsException(HostsException.Reason.NOT_FOUND,
							"no change with id " + id + " is kept in the change log or the history")))
					.orElse(0L);
				from = new Position(sequence, null);
			}
			List<HistoryEvent> rows = this.store.since(query, from.sequence(), from.entryId(), size + 1);
			boolean more = rows.size() > size;
			List<HistoryEvent> page = more ? rows.subList(0, size) : rows;
			HistoryEvent last = page.isEmpty() ? null : page.get(page.size() - 1);
			return new HistoryPage(page, more ? last.sequence() + "." + last.entryId() : "");
		});
	}

	/**
	 * Folds the history of one entry ({@code entryId}), or of every entry with more than
	 * {@code overThreshold} rows, into one row each: for a live entry a {@code compacted} row holding
	 * its current fields and version, as of its newest change and that change's caller; for a deleted
	 * one its {@code deleted} row. A dry run reports the same and changes nothing. In steps of
	 * {@code vigil.hosts.history.compact-batch} entries, each its own short transaction under the
	 * write lock appending no change, so that other writes wait for one step, never for the whole.
	 */
	public Compaction compact(Optional<String> entryId, long overThreshold, boolean dryRun) {
		Optional<String> key = entryId.map((id) -> HostsRegistry.checkId("aggregate_id", id));
		if (key.isEmpty() && overThreshold < 0) {
			throw HostsException.invalid("over_threshold", "must not be negative, got " + overThreshold);
		}
		List<String> targets = key.map(List::of)
			.orElseGet(() -> List.copyOf(this.registry.read(() -> this.store.over(Math.max(1, overThreshold))).keySet()));
		List<Compaction.Entry> done = new ArrayList<>(targets.size());
		for (int from = 0; from < targets.size(); from += this.settings.compactBatch()) {
			List<String> step = targets.subList(from, Math.min(targets.size(), from + this.settings.compactBatch()));
			done.addAll(this.writes.underWriteLock(
					() -> step.stream().map((id) -> compact(id, this.store.count(id), dryRun)).toList()));
		}
		Compaction compaction = new Compaction(done, dryRun);
		if (!dryRun && compaction.reclaimed() > 0) {
			this.maintenance.incrementAndGet();
		}
		logger.info("hosts.history.compacted entries={} reclaimed={} dry_run={} steps={}", compaction.entries().size(),
				compaction.reclaimed(), dryRun, (targets.size() + this.settings.compactBatch() - 1) / this.settings.compactBatch());
		return compaction;
	}

	private Compaction.Entry compact(String id, long rows, boolean dryRun) {
		Optional<Host> live = this.entries.find(id);
		Optional<HistoryEvent> newest = this.store.entry(id, Long.MAX_VALUE, 1).stream().findFirst();
		if (live.isEmpty() && newest.isEmpty()) {
			throw new HostsException(HostsException.Reason.NOT_FOUND, "no entry and no history with id " + id);
		}
		long version = live.map(Host::version).orElseGet(() -> newest.get().version());
		if (rows <= 1) {
			return new Compaction.Entry(id, rows, rows, version);
		}
		if (!dryRun) {
			if (live.isPresent()) {
				HistoryEvent last = newest.get();
				this.store.deleteEntry(id);
				this.store.insert(new HistoryEvent(id, last.sequence(), last.changeId(), last.changedAt(),
						HistoryOperation.COMPACTED, last.caller(), FieldChange.between(null, live.get().fields()), version));
			}
			else {
				this.store.deleteAllButNewest(id);
			}
		}
		return new Compaction.Entry(id, rows, 1, version);
	}

	/**
	 * Applies retention: rows older than {@code max-age} go (but never a live entry's newest), then
	 * each entry keeps its newest {@code max-per-entry}. Never throws: a failure is logged and the
	 * next run tries again.
	 */
	public void prune() {
		try {
			long oldest = HostColumns.micros(this.clock.instant().minus(this.settings.maxAge()));
			Pruned pruned = this.writes.underWriteLock(() -> new Pruned(this.store.deleteOlderThan(oldest),
					this.store.deleteBeyond(this.settings.maxPerEntry())));
			if (pruned.byAge() + pruned.byCount() > 0) {
				this.maintenance.incrementAndGet();
				logger.info("hosts.history.pruned by_age={} by_count={}", pruned.byAge(), pruned.byCount());
			}
		}
		catch (RuntimeException ex) {
			logger.warn("hosts.history.prune_failed error=\"{}\"", OneLine.of(ex));
		}
	}

	/** How many compactions and prunes here have deleted rows. */
	long maintenance() {
		return this.maintenance.get();
	}

	private int pageSize(int requested) {
		if (requested < 0) {
			throw HostsException.invalid("page_size", "must not be negative");
		}
		return (requested == 0) ? this.settings.defaultPage() : Math.min(requested, this.settings.maxPage());
	}

	private String bounded(String field, String text) {
		if (text.length() > this.settings.maxText()) {
			throw HostsException.invalid(field, "must be at most " + this.settings.maxText() + " characters, got "
					+ text.length());
		}
		return text;
	}

	private long sequenceToken(String token) {
		try {
			long sequence = Long.parseLong(bounded("page_token", token));
			if (sequence > 0) {
				return sequence;
			}
		}
		catch (NumberFormatException ex) {
			// Refused below, as any other token this server did not give.
		}
		throw badToken();
	}

	private Position positionToken(String token) {
		int dot = bounded("page_token", token).indexOf('.');
		if (dot > 0) {
			try {
				long sequence = Long.parseLong(token.substring(0, dot));
				String entryId = token.substring(dot + 1);
				if (sequence >= 0 && Ulid.isValid(entryId)) {
					return new Position(sequence, entryId);
				}
			}
			catch (NumberFormatException ex) {
				// Refused below.
			}
		}
		throw badToken();
	}

	private static HostsException badToken() {
		return HostsException.invalid("page_token", "is not a token this server gave; send the next_page_token of the page before");
	}

	/** Rows a retention run deleted, for being too old and for being more than an entry keeps. */
	private record Pruned(int byAge, int byCount) {
	}

	/** Where a read in commit order goes on from: after this change, and after this entry of it (null: the whole change). */
	private record Position(long sequence, String entryId) {
	}

}
