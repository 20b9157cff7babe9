package dev.vigil.hosts.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.health.HealthStatuses;
import dev.vigil.hosts.HostsFileRenderedEvent;
import dev.vigil.hosts.HostsProperties.HostsFileSettings;
import dev.vigil.hosts.registry.Change;
import dev.vigil.hosts.registry.ControlledRegistry;
import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostFields;
import dev.vigil.testing.TestScheduling;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The renderer's coalescing and failure handling, on a registry the test controls.
 */
class HostsFileRendererTest {

	@TempDir
	Path directory;

	private final List<HostsFileRenderedEvent> events = new CopyOnWriteArrayList<>();

	private final ControlledRegistry registry = new ControlledRegistry();

	private HostsFileRenderer renderer;

	private HostsFileHealthCheck status;

	private final TestScheduling scheduling = new TestScheduling();

	@AfterEach
	void stop() {
		this.renderer.stop();
		this.scheduling.close();
	}

	@Test
	void requestsWhileOneRenderRunsBecomeOneMoreRender() throws Exception {
		this.registry.gate = new CountDownLatch(1);
		start(this.directory.resolve("hosts"));
		assertThat(this.registry.entered.await(5, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 10; i++) {
			this.renderer.requestRender();
		}
		this.registry.gate.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 2);
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> this.events.size() == 2);
		assertThat(this.events).extracting(HostsFileRenderedEvent::result)
			.containsExactly(HostsFileRenderedEvent.Result.WRITTEN, HostsFileRenderedEvent.Result.UNCHANGED);
	}

	@Test
	void underAStreamOfChangesRenderingTakesAtMostATenthOfTheTime() {
		this.registry.readTakes = Duration.ofMillis(50);
		start(this.directory.resolve("hosts"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 1);
		long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
		while (System.nanoTime() < until) {
			this.renderer.requestRender();
			LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
		}
		// 50 ms each after a 20 ms delay would be about 21 renders; spaced, about 3.
		assertThat(this.events.size() - 1).as("renders during 1.5 s of changes").isBetween(1, 5);
	}

	@Test
	void failuresKeepTheOldFileAndShowAsDegradedUntilARenderSucceeds() throws Exception {
		Path hosts = this.directory.resolve("hosts");
		start(hosts);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 1);
		String before = Files.readString(hosts);

		this.registry.failure.set(new CannotGetJdbcConnectionException("Connection to db:5432 refused"));
		this.renderer.requestRender();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 2);
		assertThat(this.events.get(1)).isEqualTo(
				new HostsFileRenderedEvent(HostsFileRenderedEvent.Result.FAILED, 0, "", "database unavailable"));
		Health degraded = this.status.check();
		assertThat(degraded.getStatus()).isEqualTo(HealthStatuses.DEGRADED);
		assertThat(degraded.getDetails()).containsEntry("consecutiveFailures", 1).containsEntry("error", "database unavailable");
		assertThat(Files.readString(hosts)).isEqualTo(before);

		this.registry.failure.set(null);
		this.registry.host = new Host("01ARZ3NDEKTSV4RRFFQ69G5FAV",
				new HostFields("10.0.0.1", "a.example", List.of(), null, List.of()), Instant.EPOCH, Instant.EPOCH, 1);
		this.renderer.requestRender();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 3);
		assertThat(this.events.get(2).result()).isEqualTo(HostsFileRenderedEvent.Result.WRITTEN);
		assertThat(this.status.check().getStatus()).isEqualTo(Status.UP);
		assertThat(this.status.check().getDetails()).containsEntry("consecutiveFailures", 0).containsEntry("entries", 1L);
		assertThat(Files.readString(hosts)).endsWith("10.0.0.1\ta.example\n");
	}

	@Test
	void aRenderIsAsOfTheChangeReadWithItsEntriesAndReadsOnce() throws Exception {
		Change committed = new Change(1, "01ARZ3NDEKTSV4RRFFQ69G5FAV");
		// The change read with the entries, then a later one: the entries are one snapshot, so
		// nothing is read again.
		this.registry.answers.clear();
		this.registry.answers.addAll(List.of(committed, new Change(2, "01ARZ3NDEKTSV4RRFFQ69G5FAW")));
		start(this.directory.resolve("hosts"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 1);
		assertThat(this.events.get(0).changeId()).isEqualTo(committed.id());
		assertThat(this.registry.reads.get()).isEqualTo(1);
	}

	@Test
	void aFailedReadIsTheDatabaseFailureSignalOfTheRegistry() {
		CannotGetJdbcConnectionException refused = new CannotGetJdbcConnectionException("Connection to db:5432 refused");
		this.registry.failure.set(refused);
		start(this.directory.resolve("hosts"));
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.events.isEmpty());
		assertThat(this.events.get(0).result()).isEqualTo(HostsFileRenderedEvent.Result.FAILED);
		assertThat(this.registry.reported).first().isSameAs(refused);
	}

	@Test
	void aFailedRenderIsRetriedWithoutAnyNewChange() {
		this.registry.failure.set(new CannotGetJdbcConnectionException("refused"));
		start(this.directory.resolve("hosts"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 1);
		this.registry.failure.set(null);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 2);
		assertThat(this.events).extracting(HostsFileRenderedEvent::result)
			.containsExactly(HostsFileRenderedEvent.Result.FAILED, HostsFileRenderedEvent.Result.WRITTEN);
		assertThat(this.status.check().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void aPathThatCannotBeReplacedFailsWithTheReason() throws Exception {
		Path hosts = this.directory.resolve("hosts");
		Files.createDirectories(hosts.resolve("occupied"));
		start(hosts);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 1);
		assertThat(this.events.get(0).result()).isEqualTo(HostsFileRenderedEvent.Result.FAILED);
		assertThat(this.events.get(0).error()).contains("FileSystemException").contains("Is a directory");
		try (var files = Files.list(this.directory)) {
			assertThat(files.map(Path::getFileName).map(Path::toString)).containsExactly("hosts");
		}
	}

	private void start(Path path) {
		this.status = new HostsFileHealthCheck(path, this.registry.feed(), Clock.systemUTC());
		this.renderer = new HostsFileRenderer(this.registry.registry(), new HostsFileSettings(path, "0644", Duration.ofMillis(20)), 500,
				this.status, this.scheduling.scheduler(),
				(event) -> this.events.add((HostsFileRenderedEvent) event), new SimpleMeterRegistry(), ObservationRegistry.NOOP,
				Clock.systemUTC());
		this.renderer.start();
	}

}
