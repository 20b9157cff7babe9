package dev.vigil.hosts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import io.grpc.Status;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.database.WritePath;
import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostFields;
import dev.vigil.hosts.registry.HostUpdate;
import dev.vigil.hosts.registry.HostWrites;
import dev.vigil.hosts.registry.HostWrites.WriteCaller;
import dev.vigil.hosts.registry.HostsException;
import dev.vigil.testing.CapturedLog;
import dev.vigil.testing.FixedAndFreshSeeds;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Group commit on a real database: writes queued behind one that holds the write path commit
 * together, and each ends as it would have alone, in queue order: its own answer, its own change,
 * its own history rows. Subclasses choose the database.
 */
abstract class AbstractGroupCommitTest extends HostsRpcTest {

	@Autowired
	WritePath writePath;

	@Autowired
	HostWrites writes;

	private final String run = Long.toHexString(System.nanoTime());

	/**
	 * Writes queued behind one that holds the write path commit together, each with its own
	 * change in commit order and its own answer: the duplicates among them fail alone.
	 */
	@Test
	void writesArrivingTogetherCommitTogetherAndADuplicateFailsAlone() throws Exception {
		this.hosts.add("10.9.0.1", "taken.example");
		int writers = 12;
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		List<Future<HostEntry>> calls = new ArrayList<>();
		try (WritePath.Turn held = this.writePath.enter(Optional.empty(), () -> {
		})) {
			for (int i = 0; i < writers; i++) {
				// Every third one is a duplicate of the entry that exists.
				String host = (i % 3 == 2) ? "taken.example" : "group" + i + ".example";
				String address = (i % 3 == 2) ? "10.9.0.1" : "10.9.1." + i;
				calls.add(pool.submit(() -> this.hosts.add(address, host)));
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.meters.get("vigil.hosts.writes.queued").gauge().value() >= writers - 1);
		}
		finally {
			pool.shutdown();
		}
		List<HostEntry> added = new ArrayList<>();
		int duplicates = 0;
		for (Future<HostEntry> call : calls) {
			try {
				added.add(call.get(30, TimeUnit.SECONDS));
			}
			catch (ExecutionException ex) {
				assertThat(Status.fromThrowable(ex.getCause()).getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
				duplicates++;
			}
		}
		assertThat(duplicates).isEqualTo(writers / 3);
		assertThat(added).hasSize(writers - writers / 3);
		assertThat(this.meters.get("vigil.hosts.writes.group").summary().max()).as("writes in one commit")
			.isGreaterThan(1);
		List<Long> sequences = this.jdbc.queryForList("SELECT change_seq FROM host_history WHERE entry_id IN ("
				+ String.join(",", Collections.nCopies(added.size(), "?")) + ") ORDER BY change_seq", Long.class,
				added.stream().map(HostEntry::getId).toArray());
		assertThat(sequences).as("one change each, in commit order, none lost between them").hasSize(added.size())
			.doesNotHaveDuplicates();
		assertThat(sequences.get(sequences.size() - 1) - sequences.get(0)).isEqualTo(added.size() - 1);
	}

	/**
	 * An update of a group whose caller leaves after it has written undoes the group's transaction,
	 * which is run again without it: it stands nowhere, and every other write commits, each with
	 * its own change, the changes consecutive.
	 */
	@Test
	void aWriteWhoseCallerLeavesAfterWritingIsUndoneAndTheOthersCommit() throws Exception {
		Host target = this.writes.add(new HostFields("10.9.3.9", "undone2.example", List.of(), null, List.of()),
				WriteCaller.UNATTENDED);
		LeavingCaller leavesAfterWriting = new LeavingCaller("leaves", Leaves.AFTER_WRITING);
		int writers = 5;
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		List<Future<Host>> calls = new ArrayList<>();
		try (WritePath.Turn held = this.writePath.enter(Optional.empty(), () -> {
		})) {
			for (int i = 0; i < writers; i++) {
				HostFields fields = new HostFields("10.9.3." + i, "undone" + i + ".example", List.of(), null, List.of());
				calls.add(pool.submit(() -> (fields.hostname().equals("undone2.example"))
						? this.writes.update(target.id(), comment("left"), leavesAfterWriting)
						: this.writes.add(fields, WriteCaller.UNATTENDED)));
				int queued = i + 1;
				// In this order, so the one that leaves is in the middle of the group.
				await().atMost(Duration.ofSeconds(10))
					.until(() -> this.meters.get("vigil.hosts.writes.queued").gauge().value() >= queued);
			}
		}
		finally {
			pool.shutdown();
		}
		assertThatThrownBy(() -> calls.get(2).get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(HostsException.class)
			.hasMessageContaining("caller gone");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < writers; i++) {
			if (i != 2) {
				ids.add(calls.get(i).get(30, TimeUnit.SECONDS).id());
			}
		}
		assertThat(leavesAfterWriting.checksInside).as("looked at inside the transaction: before and after its write")
			.hasValue(2);
		assertThat(this.hosts.listAll()).extracting(HostEntry::getHostname)
			.contains("undone0.example", "undone1.example", "undone3.example", "undone4.example");
		assertThat(this.jdbc.queryForObject("SELECT comment FROM host_entries WHERE id = ?", String.class, target.id()))
			.as("the update undone").isNull();
		List<Long> sequences = this.jdbc.queryForList("SELECT change_seq FROM host_history WHERE entry_id IN ("
				+ String.join(",", Collections.nCopies(ids.size(), "?")) + ") ORDER BY change_seq", Long.class,
				ids.toArray());
		assertThat(sequences).as("one change each, consecutive").hasSize(ids.size()).doesNotHaveDuplicates();
		assertThat(sequences.get(sequences.size() - 1) - sequences.get(0)).isEqualTo(ids.size() - 1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM host_history WHERE caller = 'leaves'", Long.class))
			.isZero();
	}

	/**
	 * The write lock's timer (and span) times a wait only where the lock is taken on its own: on
	 * PostgreSQL for an update, never for an AddHost, whose statement carries it, and never on
	 * SQLite, where the write's turn in the process is the lock.
	 */
	@Test
	void theWriteLockIsTimedOnlyWhereItIsTakenOnItsOwn() {
		Host host = this.writes.add(fields("timed0.example"), WriteCaller.UNATTENDED);
		long before = lockTimings();
		this.writes.add(fields("timed1.example"), WriteCaller.UNATTENDED);
		assertThat(lockTimings()).as("an AddHost").isEqualTo(before);
		this.writes.update(host.id(), comment("timed"), WriteCaller.UNATTENDED);
		assertThat(lockTimings()).as("an UpdateHost").isEqualTo(before + (this.writePath.acrossReplicas() ? 1 : 0));
	}

	private long lockTimings() {
		return this.meters.find("vigil.hosts.write.lock").timers().stream().mapToLong(Timer::count).sum();
	}

	/** A write that waits in the queue past its deadline gives up with its caller's status, never INTERNAL. */
	@Test
	void aQueuedWritePastItsDeadlineGivesUpHavingWrittenNothing() {
		try (CapturedLog errors = CapturedLog.only("dev.vigil.hosts.rpc.GrpcErrors", Level.ERROR);
				WritePath.Turn held = this.writePath.enter(Optional.empty(), () -> {
				})) {
			assertThatThrownBy(() -> this.hosts.blocking()
				.withDeadlineAfter(300, TimeUnit.MILLISECONDS)
				.addHost(AddHostRequest.newBuilder().setIpAddress("10.9.2.1").setHostname("late.example").build()))
				.satisfies((ex) -> assertThat(Status.fromThrowable(ex).getCode()).isIn(Status.Code.DEADLINE_EXCEEDED,
						Status.Code.UNAVAILABLE));
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.meters.get("vigil.hosts.writes.queued").gauge().value() == 0);
			assertThat(errors.events()).as("no internal error logged").isEmpty();
		}
		assertThat(this.hosts.list(ListHostsRequest.getDefaultInstance())).extracting(HostEntry::getHostname)
			.doesNotContain("late.example");
	}


	/**
	 * Random mixes of writes queued together (new entries, duplicates of an entry or of a write
	 * before them in the queue, updates of an entry, callers that leave before or after their
	 * write) end exactly as the same writes one at a time in queue order would: the same answers,
	 * one change each for those that stand, consecutive in queue order, and history rows naming
	 * their own callers. Only updates look at their caller after writing: a creation's statement
	 * may carry the commit. Runs with the project's fixed seed ({@link FixedAndFreshSeeds#SEED}),
	 * then a fresh one, which a failure names.
	 */
	@Test
	void randomGroupsEndAsTheirWritesOneAtATimeWould() throws Exception {
		for (long seed : new long[] { Long.parseLong(FixedAndFreshSeeds.SEED), System.nanoTime() }) {
			Random random = new Random(seed);
			for (int trial = 0; trial < 8; trial++) {
				groupEndsAsOneAtATime(random, "r" + Long.toHexString(seed) + "t" + trial);
			}
		}
	}

	private void groupEndsAsOneAtATime(Random random, String trial) throws Exception {
		List<String> existing = List.of(trial + "-old0.example", trial + "-old1.example");
		Map<String, String> ids = new HashMap<>();
		for (String name : existing) {
			ids.put(name, this.writes.add(fields(name), WriteCaller.UNATTENDED).id());
		}
		int count = 2 + random.nextInt(9);
		List<String> names = new ArrayList<>();
		List<Boolean> updates = new ArrayList<>();
		List<LeavingCaller> callers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int kind = random.nextInt(7);
			updates.add(kind == 6);
			names.add(switch (kind) {
				case 0, 6 -> existing.get(random.nextInt(existing.size()));
				case 1 -> (i > 0) ? names.get(random.nextInt(i)) : trial + "-new" + i + ".example";
				default -> trial + "-new" + i + ".example";
			});
			int leaves = random.nextInt(5);
			// A creation looks at its caller once, before its statement: only an update looks after.
			// Named for this run too: the history outlives the entries, and a seed's trials repeat.
			callers.add(new LeavingCaller(trial + "-caller" + i + "-" + this.run, (leaves == 0) ? Leaves.BEFORE_WRITING
					: (leaves == 1 && kind == 6) ? Leaves.AFTER_WRITING : Leaves.NEVER));
		}
		List<Future<Host>> calls = queueTogether(names, updates, ids, callers);
		Set<String> present = new HashSet<>(existing);
		List<Long> sequences = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String plan = trial + " write " + i + " of " + names + " (updates " + updates + ") by " + callers;
			LeavingCaller caller = callers.get(i);
			boolean update = updates.get(i);
			HostsException.Reason expected = (caller.leaves == Leaves.BEFORE_WRITING) ? HostsException.Reason.CANCELLED
					: (!update && present.contains(names.get(i))) ? HostsException.Reason.ALREADY_EXISTS
							: (caller.leaves == Leaves.AFTER_WRITING) ? HostsException.Reason.CANCELLED : null;
			Future<Host> call = calls.get(i);
			if (expected == null) {
				Host host = call.get(30, TimeUnit.SECONDS);
				assertThat(host.fields().hostname()).as(plan).isEqualTo(names.get(i));
				present.add(names.get(i));
				assertThat(this.jdbc.queryForList("SELECT entry_id FROM host_history WHERE caller = ?", String.class,
						caller.name())).as(plan + ": its own row, naming its caller").containsExactly(host.id());
				sequences.add(this.jdbc.queryForObject("SELECT change_seq FROM host_history WHERE caller = ?", Long.class,
						caller.name()));
			}
			else {
				assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS)).as(plan)
					.isInstanceOf(ExecutionException.class)
					.cause()
					.isInstanceOfSatisfying(HostsException.class, (ex) -> assertThat(ex.reason()).isEqualTo(expected));
				assertThat(this.jdbc.queryForObject("SELECT count(*) FROM host_history WHERE caller = ?", Long.class,
						caller.name())).as(plan).isZero();
			}
		}
		assertThat(this.jdbc.queryForList("SELECT hostname FROM host_entries WHERE hostname LIKE ?", String.class, trial + "-%"))
			.as(trial).containsExactlyInAnyOrderElementsOf(present);
		assertThat(sequences).as(trial + " changes in queue order, consecutive").isSorted().doesNotHaveDuplicates();
		if (!sequences.isEmpty()) {
			assertThat(sequences.get(sequences.size() - 1) - sequences.get(0)).as(trial).isEqualTo(sequences.size() - 1);
		}
	}

	/**
	 * Submits each write (an update of the entry named, or a creation) once the one before it is
	 * queued, all behind a held write path, then lets them go.
	 */
	private List<Future<Host>> queueTogether(List<String> names, List<Boolean> updates, Map<String, String> ids,
			List<LeavingCaller> callers) {
		ExecutorService pool = Executors.newFixedThreadPool(names.size());
		List<Future<Host>> calls = new ArrayList<>();
		try (WritePath.Turn held = this.writePath.enter(Optional.empty(), () -> {
		})) {
			for (int i = 0; i < names.size(); i++) {
				HostFields fields = fields(names.get(i));
				WriteCaller caller = callers.get(i);
				String updated = updates.get(i) ? ids.get(names.get(i)) : null;
				calls.add(pool.submit(() -> (updated != null) ? this.writes.update(updated, comment(caller.name()), caller)
						: this.writes.add(fields, caller)));
				int queued = i + 1;
				await().atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofMillis(2))
					.until(() -> this.meters.get("vigil.hosts.writes.queued").gauge().value() >= queued);
			}
		}
		finally {
			pool.shutdown();
		}
		return calls;
	}

	private static HostFields fields(String name) {
		return new HostFields("10.9.4.1", name, List.of(), null, List.of());
	}

	private static HostUpdate comment(String comment) {
		return new HostUpdate(Optional.empty(), Optional.empty(), Optional.of(comment), Optional.empty(), Optional.empty(),
				Optional.empty());
	}

	/** When a {@link LeavingCaller} leaves: at its write's first look inside the transaction, its second, or never. */
	enum Leaves {

		NEVER, BEFORE_WRITING, AFTER_WRITING

	}

	/**
	 * A caller that leaves at its write's first look inside the transaction (before it writes), at
	 * its second (after it wrote), or never; looks outside the transaction, while queued, pass.
	 */
	static final class LeavingCaller implements WriteCaller {

		final AtomicInteger checksInside = new AtomicInteger();

		final Leaves leaves;

		private final String name;

		LeavingCaller(String name, Leaves leaves) {
			this.name = name;
			this.leaves = leaves;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public void check() {
			// The ordinal is the look that leaves: 1 before the write, 2 after it; NEVER's 0 never comes.
			if (TransactionSynchronizationManager.isActualTransactionActive()
					&& this.checksInside.incrementAndGet() == this.leaves.ordinal()) {
				throw new HostsException(HostsException.Reason.CANCELLED, "caller gone");
			}
		}

		@Override
		public String toString() {
			return this.name + " (leaves " + this.leaves + ")";
		}

	}

}
