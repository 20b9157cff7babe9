package dev.vigil.hosts.registry;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.vigil.database.WritePath;

/**
 * The ends of a group's transaction that its statements carry on PostgreSQL, so that a lone
 * AddHost is one round trip: the write lock ahead of the first statement sent, and the commit
 * behind the last member's. Only a group of creations carries them, whose statements are all
 * {@link ChangeLog#appendCreating}'s and nothing follows the last: any other write reads before it
 * writes, so the lock is taken first, on its own, and the transaction manager commits.
 * <p>
 * A member that fails before its statement leaves the lock to the next one; a last member that
 * fails before its statement leaves the commit to the transaction manager, which finds it to do.
 */
final class TransactionEnds {

	private final WritePath.Turn turn;

	private final QueuedWrite<?> last;

	private final boolean locksAlone;

	/** Whether a statement has still to carry the lock. */
	private boolean lockToCarry;

	private QueuedWrite<?> current;

	private TransactionEnds(WritePath.Turn turn, QueuedWrite<?> last, boolean locksAlone) {
		this.turn = turn;
		this.last = last;
		this.locksAlone = locksAlone;
		this.lockToCarry = (last != null);
	}

	/**
	 * The ends of the {@code members}' transaction, with a write lock {@code acrossReplicas}
	 * (PostgreSQL): carried by their statements when creations {@code carry} them (their one
	 * statement is {@link ChangeLog#appendCreating}'s) and every member is a creation; else the
	 * lock is taken on its own, first, and the transaction manager commits. Without a lock across
	 * replicas (SQLite), the write's turn in the process is the whole lock.
	 */
	static TransactionEnds of(WritePath.Turn turn, List<QueuedWrite<?>> members, boolean acrossReplicas, boolean carry) {
		boolean carried = acrossReplicas && carry
				&& members.stream().allMatch((member) -> member.kind() == QueuedWrite.Kind.CREATION);
		return new TransactionEnds(turn, carried ? members.get(members.size() - 1) : null, acrossReplicas && !carried);
	}

	/** Whether the lock across replicas is to be taken on its own, before the statements. */
	boolean locksAlone() {
		return this.locksAlone;
	}

	/** The member whose statements are sent next. */
	void applying(QueuedWrite<?> member) {
		this.current = member;
	}

	/** The lock to send ahead of the next statement, until one has carried it. */
	Optional<WritePath.LockStatement> lock() {
		return this.lockToCarry ? this.turn.lockStatement() : Optional.empty();
	}

	/** Whether the next statement is the transaction's last, so carries its commit. */
	boolean commit() {
		return this.current != null && this.current == this.last;
	}

	/** Runs {@code statement}, which carries what {@link #lock} and {@link #commit} said, and notes it carried them. */
	<T> T send(boolean lock, boolean commit, Supplier<T> statement) {
		this.turn.carrying(lock, commit);
		T answer;
		try {
			answer = statement.get();
		}
		catch (RuntimeException ex) {
			throw lock ? this.turn.refused(ex) : ex;
		}
		this.lockToCarry = false;
		this.turn.carried();
		return answer;
	}

}
