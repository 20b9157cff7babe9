package dev.vigil.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health timeline: a change of status is an event with its previous status and how long that
 * lasted; a new reason under the same status is not; past its capacity the oldest go and are
 * counted; reads filter by time and component.
 */
class HealthTimelineTest {

	private final AtomicLong nanos = new AtomicLong();

	private final MutableClock clock = new MutableClock();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final HealthTimeline timeline = new HealthTimeline(3, null, this.meters, this.clock, this.nanos::get);

	@Test
	void aStatusChangeIsAnEventWithWhatItReplacedAndHowLongThatLasted() {
		change("db", Status.DOWN, "no result yet", Status.UP, "");
		pass(Duration.ofSeconds(12));
		change("db", Status.UP, "", HealthStatuses.DEGRADED, "a commit has waited 3.1 s");
		pass(Duration.ofSeconds(1));
		change("db", HealthStatuses.DEGRADED, "a commit has waited 3.1 s", HealthStatuses.DEGRADED, "a commit has waited 4.2 s");
		pass(Duration.ofSeconds(80));
		change("db", HealthStatuses.DEGRADED, "a commit has waited 84 s", Status.UP, "");

		HealthTimeline.Events kept = this.timeline.events(Optional.empty(), Optional.empty());
		assertThat(kept.events()).extracting(HealthTimeline.HealthEvent::status)
			.containsExactly(Status.UP, HealthStatuses.DEGRADED, Status.UP);
		HealthTimeline.HealthEvent degraded = kept.events().get(1);
		assertThat(degraded.previous()).isEqualTo(Status.UP);
		assertThat(degraded.lasted()).isEqualTo(Duration.ofSeconds(12));
		assertThat(degraded.reason()).isEqualTo("a commit has waited 3.1 s");
		HealthTimeline.HealthEvent recovered = kept.events().get(2);
		assertThat(recovered.lasted()).isEqualTo(Duration.ofSeconds(81));
		assertThat(recovered.reason()).isEmpty();
		assertThat(this.timeline.heldFor("db")).contains(Duration.ZERO);
		assertThat(kept.dropped()).isZero();
	}

	@Test
	void pastItsCapacityTheOldestAreDroppedAndCounted() {
		Status[] statuses = { Status.DOWN, Status.UP };
		for (int i = 0; i < 5; i++) {
			change("acme", statuses[i % 2], "", statuses[(i + 1) % 2], "");
		}
		HealthTimeline.Events kept = this.timeline.events(Optional.empty(), Optional.empty());
		assertThat(kept.events()).hasSize(3);
		assertThat(kept.dropped()).isEqualTo(2);
		assertThat(kept.capacity()).isEqualTo(3);
		assertThat(this.meters.get("vigil.health.timeline.dropped").counter().count()).isEqualTo(2);
	}

	@Test
	void readsFilterByTimeAndComponent() {
		change("db", Status.DOWN, "x", Status.UP, "");
		pass(Duration.ofMinutes(10));
		Instant later = this.clock.instant();
		change("acme", Status.DOWN, "x", Status.UP, "");
		change("db", Status.UP, "", Status.DOWN, "connection refused");
		assertThat(this.timeline.events(Optional.of(later), Optional.empty()).events()).hasSize(2);
		assertThat(this.timeline.events(Optional.of(later), Optional.of("db")).events()).singleElement()
			.satisfies((event) -> assertThat(event.reason()).isEqualTo("connection refused"));
		assertThat(this.timeline.events(Optional.empty(), Optional.of("nothing")).events()).isEmpty();
	}

	private void change(String component, Status before, String beforeReason, Status after, String afterReason) {
		this.timeline.changed(new HealthChangedEvent(component, new ComponentState(component, before, beforeReason, Map.of()),
				new ComponentState(component, after, afterReason, Map.of())));
	}

	private void pass(Duration time) {
		this.nanos.addAndGet(time.toNanos());
		this.clock.now = this.clock.now.plus(time);
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-12-07T03:12:00Z");

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
