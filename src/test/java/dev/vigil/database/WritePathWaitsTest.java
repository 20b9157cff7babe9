package dev.vigil.database;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the write path says a write waits for, as the {@code db} check reports it: the lock, the
 * commit, or both when one statement carries them; and the lock as a statement, bounded by what
 * remains of the write's wait.
 */
class WritePathWaitsTest {

	private final AtomicLong now = new AtomicLong();

	@Test
	void aStatementCarryingTheLockAndTheCommitIsReportedAsWaitingForEither() {
		WritePath path = path(DatabaseBackend.POSTGRESQL);
		try (WritePath.Turn turn = path.enter(Optional.empty(), () -> {
		})) {
			assertThat(path.oldestWait()).map(WritePath.Stall::waitingFor).contains(WritePath.Wait.LOCK);
			turn.carrying(true, true);
			elapse(Duration.ofMillis(3200));
			assertThat(path.oldestWait()).map(WritePath.Stall::describe)
				.contains("a write has waited 3.2 s for the write lock or its commit");
			turn.carried();
			assertThat(path.oldestWait()).isEmpty();
			turn.carrying(false, true);
			elapse(Duration.ofMillis(1500));
			assertThat(path.oldestWait()).map(WritePath.Stall::describe).contains("a commit has waited 1.5 s");
			turn.carrying(true, false);
			assertThat(path.oldestWait()).map(WritePath.Stall::waitingFor).contains(WritePath.Wait.LOCK);
			turn.carrying(false, false);
			assertThat(path.oldestWait()).isEmpty();
		}
		assertThat(path.oldestWait()).isEmpty();
	}

	@Test
	void theLockAsAStatementIsBoundedByWhatRemainsOfTheWait() {
		WritePath path = path(DatabaseBackend.POSTGRESQL);
		try (WritePath.Turn turn = path.enter(Optional.of(Duration.ofSeconds(2)), () -> {
		})) {
			elapse(Duration.ofMillis(750));
			assertThat(turn.lockStatement()).contains(new WritePath.LockStatement(WritePath.WRITE_LOCK, "1250ms"));
			elapse(Duration.ofMillis(1250));
			assertThatExceptionOfType(DatabaseUnavailableException.class).isThrownBy(turn::lockStatement)
				.withMessageStartingWith("the write lock was not free within 2.0 s");
		}
		WritePath sqlite = path(DatabaseBackend.SQLITE);
		try (WritePath.Turn turn = sqlite.enter(Optional.empty(), () -> {
		})) {
			assertThat(turn.lockStatement()).as("on SQLite the turn is the lock").isEmpty();
			assertThat(sqlite.oldestWait()).as("so once it has come, no wait for a lock remains").isEmpty();
		}
	}

	private WritePath path(DatabaseBackend backend) {
		return new WritePath(backend, null, Duration.ofSeconds(10), 32, this.now::get);
	}

	private void elapse(Duration duration) {
		this.now.addAndGet(duration.toNanos());
	}

}
