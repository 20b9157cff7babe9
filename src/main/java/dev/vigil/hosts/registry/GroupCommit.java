package dev.vigil.hosts.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import dev.vigil.database.WritePath;
import dev.vigil.hosts.registry.HostWrites.WriteCaller;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the registry's writes in transactions under the write lock, and commits together the writes
 * that arrive while another is committing: they wait in a queue, and the next write to lead takes
 * up to {@code maxGroup} of them, in arrival order, into one transaction, one lock acquisition and
 * one commit. Each keeps its own change (ids in commit order), its own history rows with its own
 * caller and its own answer; a write that fails (a duplicate, a version conflict, a caller gone)
 * fails alone: having written nothing, it leaves the transaction as it was; having written, it
 * undoes it, and the others run again without it. No write is answered before its commit; a
 * failure of the transaction itself fails every write in it, none of which then stands.
 * <p>
 * A write waiting in the queue waits at most its caller's remaining deadline, or
 * {@code vigil.database.writes.lock-wait}; until a leader has taken it, it can still give up,
 * having written nothing. Once taken, it waits for the commit, which is never cancelled.
 */
final class GroupCommit {

	private final Queue<QueuedWrite<?>> queue = new ConcurrentLinkedQueue<>();

	/** Whether a write is leading: taking the turn and committing groups. */
	private final AtomicBoolean leading = new AtomicBoolean();

	/** Queued writes wait on it for their outcome, or for the lead to be free. */
	private final Object signal = new Object();

	private final WritePath writes;

	private final TransactionTemplate transactions;

	private final DatabaseCalls database;

	private final ChangeLog changes;

	private final HostRepository repository;

	private final ChangeFeed feed;

	private final BulkLocks bulk;

	private final Supplier<Instant> clock;

	/** Each group's transaction and its wait for the write lock, as spans of the call that led it. */
	private final ObservationRegistry observations;

	/** Writes per commit: how much grouping saves. */
	private final DistributionSummary groups;

	GroupCommit(WritePath writes, TransactionTemplate transactions, DatabaseCalls database, ChangeLog changes,
			HostRepository repository, ChangeFeed feed, BulkLocks bulk, Supplier<Instant> clock,
			ObservationRegistry observations, MeterRegistry meters) {
		this.writes = writes;
		this.transactions = transactions;
		this.database = database;
		this.changes = changes;
		this.repository = repository;
		this.feed = feed;
		this.bulk = bulk;
		this.clock = clock;
		this.observations = observations;
		this.groups = DistributionSummary.builder("vigil.hosts.writes.group")
			.description("Writes committed together in one transaction")
			.register(meters);
		Gauge.builder("vigil.hosts.writes.queued", this.queue, Queue::size)
			.description("Writes waiting to join the next commit")
			.register(meters);
	}

	/** A write that changes the registry, committed alone or with the writes queued beside it. */
	<T> T write(WriteCaller caller, QueuedWrite.Kind kind, Function<ChangedEntries, T> work) {
		caller.check();
		QueuedWrite<T> mine = new QueuedWrite<>(caller, work, (result) -> true, kind);
		this.queue.add(mine);
		Duration bound = caller.remaining().orElse(this.writes.lockWait());
		long since = System.nanoTime();
		boolean interrupted = false;
		while (!mine.done()) {
			if (this.leading.compareAndSet(false, true)) {
				try {
					lead(mine);
				}
				finally {
					this.leading.set(false);
					wake();
				}
			}
			else {
				interrupted |= awaitTurn(mine, bound, bound.toNanos() - (System.nanoTime() - since));
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		return mine.outcome();
	}

	/**
	 * A write committed alone, first taking its turn as any write does: a rollback, an import (both
	 * {@code EXCLUSIVE}: refused while another is applied on any replica) or work under the write
	 * lock that appends a change only when {@code changed} says so.
	 */
	<T> T alone(WriteCaller caller, Function<ChangedEntries, T> work, Predicate<T> changed, QueuedWrite.Kind kind) {
		caller.check();
		QueuedWrite<T> mine = new QueuedWrite<>(caller, work, changed, kind);
		mine.take();
		WritePath.Turn turn;
		try {
			turn = this.writes.enter(caller.remaining(), caller::check);
		}
		catch (RuntimeException ex) {
			throw this.database.failed(ex);
		}
		try (turn) {
			commit(turn, List.of(mine));
		}
		return mine.outcome();
	}

	/** Takes the turn and commits groups from the queue until {@code mine} is among the committed. */
	private void lead(QueuedWrite<?> mine) {
		WritePath.Turn turn;
		try {
			turn = this.writes.enter(mine.caller().remaining(), mine.caller()::check);
		}
		catch (RuntimeException ex) {
			giveUp(mine, ex);
			return;
		}
		try (turn) {
			while (!mine.done()) {
				List<QueuedWrite<?>> group = takeGroup();
				if (group.isEmpty()) {
					return;
				}
				commit(turn, group);
				wake();
			}
		}
	}

	/** Up to {@code max-group} queued writes, in arrival order, each taken so it can no longer give up. */
	private List<QueuedWrite<?>> takeGroup() {
		List<QueuedWrite<?>> group = new ArrayList<>();
		QueuedWrite<?> next;
		while (group.size() < this.writes.maxGroup() && (next = this.queue.poll()) != null) {
			if (next.take()) {
				group.add(next);
			}
		}
		return group;
	}

	/**
	 * Waits for the outcome, or for the lead to be free. A write still queued past its bound, or
	 * whose caller has gone, gives up without having written anything; once a leader has taken it,
	 * it waits for the commit, however long. Returns whether the wait was interrupted.
	 */
	private boolean awaitTurn(QueuedWrite<?> mine, Duration bound, long remainingNanos) {
		if (mine.queued()) {
			try {
				mine.caller().check();
				if (remainingNanos <= 0) {
					throw this.writes.notFreeWithin(bound);
				}
			}
			catch (RuntimeException ex) {
				giveUp(mine, ex);
				return false;
			}
		}
		try {
			synchronized (this.signal) {
				if (!mine.done() && this.leading.get()) {
					TimeUnit.NANOSECONDS.timedWait(this.signal,
							mine.queued() ? Math.min(WritePath.LOOK_NANOS, remainingNanos) : WritePath.LOOK_NANOS);
				}
			}
			return false;
		}
		catch (InterruptedException ex) {
			giveUp(mine, new HostsException(HostsException.Reason.CANCELLED, "interrupted; nothing was written"));
			return true;
		}
	}

	private void giveUp(QueuedWrite<?> mine, RuntimeException reason) {
		if (mine.withdraw()) {
			this.queue.remove(mine);
			mine.fail(this.database.failed(reason));
		}
	}

	private void wake() {
		synchronized (this.signal) {
			this.signal.notifyAll();
		}
	}

	/**
	 * Runs the group's transaction, again without a write that undid it (no savepoints, whose round
	 * trips every write would pay), and answers each write once its transaction has committed.
	 */
	private void commit(WritePath.Turn turn, List<QueuedWrite<?>> group) {
		List<QueuedWrite<?>> members = new ArrayList<>(group);
		try {
			while (!members.isEmpty() && transaction(turn, members)) {
				members.removeIf(QueuedWrite::done);
			}
		}
		catch (RuntimeException ex) {
			members.forEach((member) -> member.fail(ex));
			return;
		}
		catch (Error ex) {
			// Nothing of the group stands: its writers must not wait for an answer that never comes.
			members.forEach((member) -> member.fail(new IllegalStateException("write failed: " + ex, ex)));
			throw ex;
		}
		try {
			members.stream().map(QueuedWrite::change).flatMap(Optional::stream).reduce((first, last) -> last).ifPresent(this.feed::moveTo);
		}
		finally {
			// Committed, whatever the feed's subscribers did.
			members.forEach(QueuedWrite::committed);
		}
	}

	/** One transaction of the members, whose statements may carry its ends; true when one of them undid it, having failed. */
	private boolean transaction(WritePath.Turn turn, List<QueuedWrite<?>> members) {
		this.groups.record(members.size());
		TransactionEnds ends = TransactionEnds.of(turn, members, this.writes.acrossReplicas(), this.changes.appendsWithCreation());
		return Boolean.TRUE.equals(this.database.run(() -> observed("vigil.hosts.write", "hosts write").observe(() -> this.transactions.execute((status) -> {
			if (members.get(0).kind() == QueuedWrite.Kind.EXCLUSIVE && !this.bulk.tryBulkAcrossReplicas()) {
				throw HostWrites.concurrentBulkWrite();
			}
			if (ends.locksAlone()) {
				observed("vigil.hosts.write.lock", "hosts write lock").observe(turn::lockAcrossReplicas);
			}
			for (QueuedWrite<?> member : members) {
				ends.applying(member);
				if (!apply(member, members.size() > 1, ends)) {
					status.setRollbackOnly();
					return true;
				}
			}
			turn.committing();
			return false;
		}))));
	}

	/**
	 * One write; false when its failure undoes the transaction: it had written, the database refused
	 * its statement, or it is alone. One that fails having written nothing leaves it as it was.
	 */
	private <T> boolean apply(QueuedWrite<T> member, boolean withOthers, TransactionEnds ends) {
		ChangedEntries entries = new ChangedEntries(this.repository, this.changes, member.caller().name(), this.clock, ends);
		try {
			member.caller().check();
			T result = member.work().apply(entries);
			member.staged(result, entries.change(member.changed().test(result)));
			return true;
		}
		catch (HostsException | DataIntegrityViolationException ex) {
			member.fail(DatabaseCalls.translate(ex));
			return withOthers && ex instanceof HostsException && entries.untouched();
		}
	}

	private Observation observed(String name, String spanName) {
		return Observation.createNotStarted(name, this.observations).contextualName(spanName);
	}

}
