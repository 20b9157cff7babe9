package dev.vigil.health;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures in a row, per thing run, ended by a success; and every record runs the check at once.
 */
class OutcomeRecorderTest {

	private final OutcomeRecorder<String, Boolean> outcomes = new OutcomeRecorder<>((succeeded) -> succeeded);

	@Test
	void countsFailuresInARowPerKeyUntilASuccess() {
		assertThat(this.outcomes.record("a", false)).isEqualTo(1);
		assertThat(this.outcomes.record("a", false)).isEqualTo(2);
		assertThat(this.outcomes.record("b", false)).isEqualTo(1);
		assertThat(this.outcomes.latest("a")).hasValue(new OutcomeRecorder.Outcome<>(false, 2));
		assertThat(this.outcomes.record("a", true)).isZero();
		assertThat(this.outcomes.record("a", false)).isEqualTo(1);
		assertThat(this.outcomes.latest("b")).hasValue(new OutcomeRecorder.Outcome<>(false, 1));
		assertThat(this.outcomes.latest("c")).isEmpty();
	}

	@Test
	void everyRecordRunsTheCheckOnceItIsSet() {
		AtomicInteger refreshes = new AtomicInteger();
		this.outcomes.record("a", true);
		this.outcomes.refreshWith(refreshes::incrementAndGet);
		this.outcomes.record("a", false);
		this.outcomes.record("a", true);
		assertThat(refreshes).hasValue(2);
	}

}
