package dev.vigil.health;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

import dev.vigil.support.SecretRedactor;
import dev.vigil.testing.LogLevels;
import dev.vigil.testing.TestScheduling;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class HealthCheckSchedulerTest {

	private final List<HealthChangedEvent> events = new CopyOnWriteArrayList<>();

	private final ApplicationEventPublisher publisher = (event) -> this.events.add((HealthChangedEvent) event);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final CountDownLatch release = new CountDownLatch(1);

	private final TestScheduling scheduling = new TestScheduling();

	private HealthCheckScheduler scheduler;

	@AfterEach
	void stop() {
		this.release.countDown();
		if (this.scheduler != null) {
			this.scheduler.stop();
		}
		this.scheduling.close();
	}

	@Test
	void recordsEachResultAndTimesTheCheck() {
		BackgroundHealthIndicator indicator = start(Duration.ofMillis(20), Duration.ofSeconds(1),
				() -> Health.up().withDetail("answer", 42).build());
		await().atMost(Duration.ofSeconds(5)).until(() -> Status.UP.equals(indicator.health().getStatus()));
		assertThat(indicator.health().getDetails()).containsEntry("answer", 42);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.meters.get("vigil.health.check.duration").tag("component", "test").timer().count() >= 3);
	}

	@Test
	void startsAgainAfterStop() {
		AtomicInteger runs = new AtomicInteger();
		start(Duration.ofMillis(20), Duration.ofSeconds(1), () -> {
			runs.incrementAndGet();
			return Health.up().build();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 2);
		this.scheduler.stop();
		int stoppedAt = runs.get();
		this.scheduler.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= stoppedAt + 2);
	}

	@Test
	void hangingCheckTimesOutAndProbesNeverWait() {
		ComponentCheck hanging = new ComponentCheck() {
			@Override
			public Health check() throws Exception {
				HealthCheckSchedulerTest.this.release.await();
				return Health.up().build();
			}

			@Override
			public Map<String, Object> describe() {
				return Map.of("backend", "sqlite");
			}
		};
		BackgroundHealthIndicator indicator = start(Duration.ofMillis(50), Duration.ofMillis(100), hanging);
		await().atMost(Duration.ofSeconds(5)).until(() -> "timeout after 100ms".equals(reason(indicator)));
		Health health = assertTimeoutPreemptively(Duration.ofMillis(100),
				(ThrowingSupplier<Health>) indicator::health);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("backend", "sqlite");
	}

	@Test
	void exceptionBecomesDownWithItsMessageRedacted() {
		BackgroundHealthIndicator indicator = start(Duration.ofMillis(50), Duration.ofSeconds(1), () -> {
			throw new SQLException("FATAL: password authentication failed, password was hunter2");
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> Status.DOWN.equals(indicator.health().getStatus())
				&& !BackgroundHealthIndicator.PENDING_REASON.equals(reason(indicator)));
		assertThat(reason(indicator)).isEqualTo("FATAL: password authentication failed, password was ******");
	}

	@Test
	void checkIgnoringCancellationIsNotJoinedByAnother() {
		AtomicInteger runs = new AtomicInteger();
		AtomicBoolean done = new AtomicBoolean();
		BackgroundHealthIndicator indicator = start(Duration.ofMillis(20), Duration.ofMillis(50), () -> {
			runs.incrementAndGet();
			while (!done.get()) {
				Thread.onSpinWait();
			}
			return Health.up().build();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> "timeout after 50ms".equals(reason(indicator)));
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 1);
		assertThat(this.meters.get("vigil.health.check.duration").timer().count())
			.as("one check ran, so one duration was timed").isEqualTo(1);
		assertThat(reason(indicator)).as("still reported as timed out, not stale").isEqualTo("timeout after 50ms");
		done.set(true);
		await().atMost(Duration.ofSeconds(5)).until(() -> Status.UP.equals(indicator.health().getStatus()));
	}

	@Test
	void slowCheckWithinItsTimeoutIsNotCutShortByTheNextInterval() {
		BackgroundHealthIndicator indicator = start(Duration.ofMillis(20), Duration.ofSeconds(2), () -> {
			Thread.sleep(150);
			return Health.up().build();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> Status.UP.equals(indicator.health().getStatus()));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.meters.get("vigil.health.check.duration").timer().count() >= 3);
		assertThat(this.events).extracting((event) -> event.current().status()).containsExactly(Status.UP);
	}

	@Test
	void publishesOnlyWhenStatusOrReasonChanges() {
		AtomicBoolean failing = new AtomicBoolean();
		BackgroundHealthIndicator indicator = start(Duration.ofMillis(10), Duration.ofSeconds(1),
				() -> failing.get() ? Health.down().withDetail("reason", "gone").build() : Health.up().build());
		await().atMost(Duration.ofSeconds(5)).until(() -> this.meters.get("vigil.health.check.duration").timer().count() >= 10);
		assertThat(this.events).hasSize(1);
		failing.set(true);
		await().atMost(Duration.ofSeconds(5)).until(() -> "gone".equals(reason(indicator)));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.meters.get("vigil.health.check.duration").timer().count() >= 20);
		assertThat(this.events).extracting((event) -> event.current().reason()).containsExactly("", "gone");
		assertThat(this.events.get(1).previous().status()).isEqualTo(Status.UP);
	}

	@Test
	void failingListenerDoesNotStopTheSweep() {
		AtomicLong clock = new AtomicLong();
		List<String> delivered = new CopyOnWriteArrayList<>();
		HealthProperties properties = new HealthProperties(
				new CheckSettings(Duration.ofMillis(10), Duration.ofSeconds(30), null),
				Map.of("a", new CheckSettings(null, null, Duration.ofSeconds(1)), "b",
						new CheckSettings(null, null, Duration.ofSeconds(3))),
				Duration.ofMillis(10), null, null);
		this.scheduler = this.scheduling.configure(new HealthCheckScheduler(properties, this.scheduling.scheduler(), (event) -> {
			HealthChangedEvent change = (HealthChangedEvent) event;
			delivered.add(change.component() + ":" + change.current().status());
			throw new IllegalStateException("listener broke");
		}, this.meters, new SecretRedactor(List.of()), clock::get));
		this.scheduler.schedule("a", upOnceThenHang());
		this.scheduler.schedule("b", upOnceThenHang());
		try (LogLevels quiet = LogLevels.silence(HealthCheckScheduler.class)) {
			this.scheduler.start();
			await().atMost(Duration.ofSeconds(5)).until(() -> delivered.containsAll(List.of("a:UP", "b:UP")));
			clock.addAndGet(Duration.ofMillis(1500).toNanos());
			await().atMost(Duration.ofSeconds(5)).until(() -> delivered.contains("a:DOWN"));
			// The sweep that delivered a's change saw the listener throw; it must still notice b.
			clock.addAndGet(Duration.ofSeconds(2).toNanos());
			await().atMost(Duration.ofSeconds(5)).until(() -> delivered.contains("b:DOWN"));
			this.scheduler.stop();
		}
	}

	@Test
	void sweepReportsAResultTurningStale() {
		AtomicLong clock = new AtomicLong();
		AtomicInteger runs = new AtomicInteger();
		HealthProperties properties = properties(Duration.ofMillis(10), Duration.ofSeconds(30), Duration.ofSeconds(1));
		this.scheduler = this.scheduling.configure(new HealthCheckScheduler(properties, this.scheduling.scheduler(),
				this.publisher, this.meters, new SecretRedactor(List.of()), clock::get));
		BackgroundHealthIndicator indicator = this.scheduler.schedule("test", () -> {
			if (runs.incrementAndGet() > 1) {
				this.release.await();
			}
			return Health.up().build();
		});
		this.scheduler.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> Status.UP.equals(indicator.health().getStatus()));
		clock.addAndGet(Duration.ofMillis(1500).toNanos());
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 2);
		assertThat(this.events.get(1).current().status()).isEqualTo(Status.DOWN);
		assertThat(this.events.get(1).current().reason()).isEqualTo("stale: no result for more than 1000ms");
	}

	private ComponentCheck upOnceThenHang() {
		AtomicInteger runs = new AtomicInteger();
		return () -> {
			if (runs.incrementAndGet() > 1) {
				this.release.await();
			}
			return Health.up().build();
		};
	}

	@Test
	void aFailedRequestTurnsTheComponentDownAtOnceAndItsCheckRunsNow() {
		AtomicBoolean healthy = new AtomicBoolean(true);
		AtomicInteger runs = new AtomicInteger();
		BackgroundHealthIndicator indicator = start(Duration.ofHours(1), Duration.ofSeconds(1), () -> {
			runs.incrementAndGet();
			return healthy.get() ? Health.up().build() : Health.down().withDetail("reason", "refused").build();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> Status.UP.equals(indicator.health().getStatus()));
		healthy.set(false);
		// An hour's interval: only the report can make the component notice.
		this.scheduler.reportFailure("test", "connection to hunter2@db refused");
		await().atMost(Duration.ofSeconds(1)).until(() -> "refused".equals(reason(indicator)));
		assertThat(this.events).extracting((event) -> event.current().reason())
			.contains("request failed: connection to ******@db refused");
		assertThat(runs.get()).isEqualTo(2);
	}

	@Test
	void aFailureReportThatTheCheckDoesNotConfirmIsCleared() {
		BackgroundHealthIndicator indicator = start(Duration.ofHours(1), Duration.ofSeconds(1), () -> Health.up().build());
		await().atMost(Duration.ofSeconds(5)).until(() -> Status.UP.equals(indicator.health().getStatus()));
		this.scheduler.reportFailure("test", "reset by peer");
		await().atMost(Duration.ofSeconds(2)).until(() -> this.events.size() >= 3);
		assertThat(this.events).extracting((event) -> event.current().status())
			.containsExactly(Status.UP, Status.DOWN, Status.UP);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void failureReportsStartAtMostOneCheckPerSpacing() {
		AtomicInteger runs = new AtomicInteger();
		start(Duration.ofHours(1), Duration.ofSeconds(1), () -> {
			runs.incrementAndGet();
			return Health.up().build();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
		long started = System.nanoTime();
		for (int i = 0; i < 1000; i++) {
			this.scheduler.reportFailure("test", "refused");
		}
		// The default spacing is 250ms; the loop takes far less.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
		await().atMost(Duration.ofSeconds(2)).until(() -> runs.get() >= 2);
		await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> runs.get() == 2);
	}

	@Test
	void aDownComponentIsCheckedAgainSoonerThanItsInterval() {
		AtomicBoolean healthy = new AtomicBoolean(false);
		BackgroundHealthIndicator indicator = start(Duration.ofHours(1), Duration.ofSeconds(1),
				() -> healthy.get() ? Health.up().build() : Health.down().withDetail("reason", "away").build());
		await().atMost(Duration.ofSeconds(5)).until(() -> "away".equals(reason(indicator)));
		healthy.set(true);
		// Rechecks while DOWN come after 250ms, 500ms, then every 1s: never an hour.
		await().atMost(Duration.ofMillis(2500)).until(() -> Status.UP.equals(indicator.health().getStatus()));
	}

	private BackgroundHealthIndicator start(Duration interval, Duration timeout, ComponentCheck check) {
		this.scheduler = this.scheduling.configure(new HealthCheckScheduler(properties(interval, timeout, null),
				this.scheduling.scheduler(), this.publisher, this.meters, new SecretRedactor(List.of("hunter2"))));
		BackgroundHealthIndicator indicator = this.scheduler.schedule("test", check);
		this.scheduler.start();
		return indicator;
	}

	private static HealthProperties properties(Duration interval, Duration timeout, Duration staleness) {
		return new HealthProperties(new CheckSettings(interval, timeout, staleness), Map.of(), Duration.ofMillis(10), null, null);
	}

	private static String reason(BackgroundHealthIndicator indicator) {
		return ComponentState.of("test", indicator.health()).reason();
	}

}
