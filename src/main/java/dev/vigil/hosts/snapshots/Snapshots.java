package dev.vigil.hosts.snapshots;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.hosts.HostsProperties.SnapshotSettings;
import dev.vigil.hosts.registry.ChangeLog;
import dev.vigil.hosts.registry.ChangedEntries;
import dev.vigil.hosts.registry.HostValidator;
import dev.vigil.hosts.registry.HostWrites.WriteCaller;
import dev.vigil.hosts.registry.HostWrites;
import dev.vigil.hosts.registry.HostsException;
import dev.vigil.hosts.registry.HostsRegistry;
import dev.vigil.support.OneLine;

/**
 * Takes, lists, deletes and rolls back to snapshots of the registry. Every snapshot is copied
 * under the write lock, so it is exactly the registry after the change it records; a rollback,
 * taken with a pre-rollback snapshot first, is one transaction and one change in the feed.
 * Retention ({@code max-snapshots}, {@code max-age}) is applied whenever a snapshot is taken.
 */
public class Snapshots {

	private static final int MAX_NAME = 255;

	private static final int MAX_TRIGGER = 64;

	private static final Logger logger = LoggerFactory.getLogger(Snapshots.class);

	private static final DateTimeFormatter GENERATED_NAME = DateTimeFormatter.ofPattern("'snapshot-'yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final HostsRegistry registry;

	private final HostWrites writes;

	private final SnapshotRepository store;

	private final ChangeLog changes;

	private final SnapshotSettings settings;

	private final Map<RollbackResult, Counter> rollbacks = new EnumMap<>(RollbackResult.class);

	public Snapshots(HostsRegistry registry, HostWrites writes, SnapshotRepository store, ChangeLog changes, SnapshotSettings settings,
			MeterRegistry meters) {
		this.registry = registry;
		this.writes = writes;
		this.store = store;
		this.changes = changes;
		this.settings = settings;
		for (RollbackResult result : RollbackResult.values()) {
			this.rollbacks.put(result, Counter.builder("vigil.hosts.rollbacks")
				.description("RollbackToSnapshot calls, by result")
				.tag("result", result.name().toLowerCase(Locale.ROOT))
				.register(meters));
		}
	}

	/** Takes a snapshot; an empty name is generated, an empty trigger is {@code manual}. */
	public Snapshot create(String name, String trigger) {
		String checkedName = name.isEmpty() ? "" : HostValidator.label("name", name, MAX_NAME);
		String checkedTrigger = trigger.isEmpty() ? Snapshot.MANUAL : HostValidator.label("trigger", trigger, MAX_TRIGGER);
		return logCreated(this.writes.underWriteLock(() -> takeAndPrune(checkedName, checkedTrigger)));
	}

	/** Snapshots newest first: {@code size} of them at most, after skipping {@code offset}. */
	public List<Snapshot> page(int offset, int size) {
		return this.registry.read(() -> this.store.page(offset, size));
	}

	/** Deletes a snapshot; NOT_FOUND when there is none with this id. */
	public void delete(String snapshotId) {
		String id = HostsRegistry.checkId("snapshot_id", snapshotId);
		if (!this.writes.underWriteLock(() -> this.store.delete(id))) {
			throw notFound(id);
		}
		logger.info("hosts.snapshot.deleted id={}", id);
	}

	/**
	 * Makes the registry exactly the snapshot's entries, in one transaction that first takes a
	 * {@code pre-rollback} snapshot of what it replaces. Refused (and nothing written) while another
	 * rollback or an import is being applied on any replica.
	 */
	public Rollback rollback(String snapshotId, WriteCaller caller) {
		Rollback rollback = counted(() -> {
			String id = HostsRegistry.checkId("snapshot_id", snapshotId);
			return this.writes.writeExclusive(caller, (history) -> rollBack(id, caller, history),
					(done) -> done.restored().changedAnything());
		});
		logger.info("hosts.snapshot.rolled_back id={} pre_rollback={} entries={} deleted={} inserted={} changed={}",
				rollback.target().id(), rollback.before().id(), rollback.target().entryCount(),
				rollback.restored().deleted(), rollback.restored().inserted(), rollback.restored().changed());
		return rollback;
	}

	/** The rollback's transaction, holding the bulk and write locks; each entry it touches is a {@code restored} row. */
	private Rollback rollBack(String id, WriteCaller caller, ChangedEntries history) {
		Snapshot target = this.store.find(id).orElseThrow(() -> notFound(id));
		Snapshot before = take("before rollback to " + id, Snapshot.PRE_ROLLBACK);
		SnapshotRepository.Restored restored = this.store.restore(id, this.writes.now(), history);
		prune(before.createdAt());
		caller.check();
		return new Rollback(before, target, restored);
	}

	/**
	 * A {@code scheduled} snapshot, unless nothing changed since the newest snapshot or another
	 * replica took a scheduled one within half the interval. Never throws: a failure is logged and
	 * the next run tries again.
	 */
	public void takeScheduled() {
		try {
			Snapshot taken = this.writes.underWriteLock(() -> {
				List<Snapshot> all = this.store.all();
				Instant recent = this.writes.now().minus(this.settings.scheduleInterval().dividedBy(2));
				boolean unchanged = !all.isEmpty() && all.get(0).changeId().equals(this.changes.newest().id());
				boolean takenElsewhere = all.stream()
					.anyMatch((snapshot) -> Snapshot.SCHEDULED.equals(snapshot.trigger()) && snapshot.createdAt().isAfter(recent));
				return (unchanged || takenElsewhere) ? null : takeAndPrune("", Snapshot.SCHEDULED);
			});
			if (taken != null) {
				logCreated(taken);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("hosts.snapshot.scheduled_failed error=\"{}\"", OneLine.of(ex));
		}
	}

	private static Snapshot logCreated(Snapshot snapshot) {
		logger.info("hosts.snapshot.created id={} trigger={} entries={}", snapshot.id(), snapshot.trigger(),
				snapshot.entryCount());
		return snapshot;
	}

	private Snapshot takeAndPrune(String name, String trigger) {
		Snapshot snapshot = take(name, trigger);
		prune(snapshot.createdAt());
		return snapshot;
	}

	/** Copies the registry; call holding the write lock, so the copy is exactly the newest change's state. */
	private Snapshot take(String name, String trigger) {
		Instant now = this.writes.now();
		return this.store.take(this.writes.newId(), name.isEmpty() ? GENERATED_NAME.format(now) : name, trigger, now,
				this.changes.newest());
	}

	/** Keeps the newest {@code max-snapshots}, and of those only the ones younger than {@code max-age}. */
	private void prune(Instant now) {
		Instant oldest = now.minus(this.settings.maxAge());
		List<Snapshot> all = this.store.all();
		for (int index = 0; index < all.size(); index++) {
			Snapshot snapshot = all.get(index);
			if (index >= this.settings.maxSnapshots() || snapshot.createdAt().isBefore(oldest)) {
				this.store.delete(snapshot.id());
				logger.info("hosts.snapshot.pruned id={} trigger={}", snapshot.id(), snapshot.trigger());
			}
		}
	}

	private Rollback counted(Supplier<Rollback> rollback) {
		try {
			Rollback done = rollback.get();
			this.rollbacks.get(RollbackResult.SUCCESS).increment();
			return done;
		}
		catch (HostsException ex) {
			this.rollbacks.get(RollbackResult.of(ex.reason())).increment();
			throw ex;
		}
		catch (RuntimeException ex) {
			this.rollbacks.get(RollbackResult.FAILED).increment();
			throw ex;
		}
	}

	private static HostsException notFound(String id) {
		return new HostsException(HostsException.Reason.NOT_FOUND, "no snapshot with id " + id);
	}

	/**
	 * A rollback done.
	 *
	 * @param before the pre-rollback snapshot, which undoes it
	 * @param target the snapshot rolled back to
	 * @param restored what it wrote
	 */
	public record Rollback(Snapshot before, Snapshot target, SnapshotRepository.Restored restored) {
	}

	/** The {@code result} tag of {@code vigil_hosts_rollbacks_total}. */
	private enum RollbackResult {

		SUCCESS, ABORTED, NOT_FOUND, INVALID, UNAVAILABLE, FAILED;

		static RollbackResult of(HostsException.Reason reason) {
			return switch (reason) {
				case VERSION_CONFLICT, CONCURRENT_WRITE -> ABORTED;
				case NOT_FOUND -> NOT_FOUND;
				case INVALID -> INVALID;
				case UNAVAILABLE -> UNAVAILABLE;
				default -> FAILED;
			};
		}

	}

}
