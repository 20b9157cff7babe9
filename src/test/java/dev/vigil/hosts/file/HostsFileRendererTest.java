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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.database.DatabaseBackend;
import dev.vigil.health.HealthStatuses;
import dev.vigil.hosts.entries.Host;
import dev.vigil.hosts.entries.HostFields;
import dev.vigil.hosts.events.HostsFileRenderedEvent;
import dev.vigil.hosts.feed.Change;
import dev.vigil.hosts.feed.ChangeFeed;
import dev.vigil.hosts.feed.ChangeLog;
import dev.vigil.hosts.store.HostQuery;
import dev.vigil.hosts.store.HostRepository;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The renderer's coalescing and failure handling, on a repository the test controls.
 */
class HostsFileRendererTest {

	@TempDir
	Path directory;

	private final List<HostsFileRenderedEvent> events = new CopyOnWriteArrayList<>();

	private final ControlledRepository repository = new ControlledRepository();

	private final ControlledChangeLog changes = new ControlledChangeLog();

	private HostsFileRenderer renderer;

	private HostsFileHealthCheck status;

	@AfterEach
	void stop() {
		this.renderer.stop();
	}

	@Test
	void requestsWhileOneRenderRunsBecomeOneMoreRender() throws Exception {
		this.repository.gate = new CountDownLatch(1);
		start(this.directory.resolve("hosts"));
		assertThat(this.repository.entered.await(5, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 10; i++) {
			this.renderer.requestRender();
		}
		this.repository.gate.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 2);
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> this.events.size() == 2);
		assertThat(this.events).extracting(HostsFileRenderedEvent::result)
			.containsExactly(HostsFileRenderedEvent.Result.WRITTEN, HostsFileRenderedEvent.Result.UNCHANGED);
	}

	@Test
	void failuresKeepTheOldFileAndShowAsDegradedUntilARenderSucceeds() throws Exception {
		Path hosts = this.directory.resolve("hosts");
		start(hosts);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 1);
		String before = Files.readString(hosts);

		this.repository.failure.set(new CannotGetJdbcConnectionException("Connection to db:5432 refused"));
		this.renderer.requestRender();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 2);
		assertThat(this.events.get(1)).isEqualTo(
				new HostsFileRenderedEvent(HostsFileRenderedEvent.Result.FAILED, 0, "", "database unavailable"));
		Health degraded = this.status.check();
		assertThat(degraded.getStatus()).isEqualTo(HealthStatuses.DEGRADED);
		assertThat(degraded.getDetails()).containsEntry("consecutiveFailures", 1).containsEntry("error", "database unavailable");
		assertThat(Files.readString(hosts)).isEqualTo(before);

		this.repository.failure.set(null);
		this.repository.host = new Host("01ARZ3NDEKTSV4RRFFQ69G5FAV",
				new HostFields("10.0.0.1", "a.example", List.of(), null, List.of()), Instant.EPOCH, Instant.EPOCH, 1);
		this.renderer.requestRender();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 3);
		assertThat(this.events.get(2).result()).isEqualTo(HostsFileRenderedEvent.Result.WRITTEN);
		assertThat(this.status.check().getStatus()).isEqualTo(Status.UP);
		assertThat(this.status.check().getDetails()).containsEntry("consecutiveFailures", 0).containsEntry("entries", 1L);
		assertThat(Files.readString(hosts)).endsWith("10.0.0.1\ta.example\n");
	}

	@Test
	void aChangeCommittedDuringTheReadMakesTheRenderReadAgain() throws Exception {
		Change committed = new Change(1, "01ARZ3NDEKTSV4RRFFQ69G5FAV");
		// Before the read, after it (a change came in), before the second read, after it.
		this.changes.answers.clear();
		this.changes.answers.addAll(List.of(Change.NONE, committed, committed));
		start(this.directory.resolve("hosts"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 1);
		assertThat(this.events.get(0).changeId()).isEqualTo(committed.id());
		assertThat(this.changes.reads.get()).isEqualTo(4);
	}

	@Test
	void aFailedRenderIsRetriedWithoutAnyNewChange() {
		this.repository.failure.set(new CannotGetJdbcConnectionException("refused"));
		start(this.directory.resolve("hosts"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 1);
		this.repository.failure.set(null);
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
		this.status = new HostsFileHealthCheck(path, new ChangeFeed(this.changes, Clock.systemUTC()), () -> false,
				Clock.systemUTC());
		this.renderer = new HostsFileRenderer(this.repository, this.changes, new HostsFileSettings(path, "0644", Duration.ofMillis(20)), 500,
				this.status,
				(event) -> this.events.add((HostsFileRenderedEvent) event), new SimpleMeterRegistry(), Clock.systemUTC());
		this.renderer.start();
	}

	/** A log whose newest change the test sets, counting the reads of it. */
	static final class ControlledChangeLog extends ChangeLog {

		final List<Change> answers = new CopyOnWriteArrayList<>(List.of(Change.NONE));

		final AtomicInteger reads = new AtomicInteger();

		ControlledChangeLog() {
			super(null, DatabaseBackend.SQLITE, Clock.systemUTC(), 1);
		}

		/** Answers in turn, the last one from then on. */
		@Override
		public Change newest() {
			int read = this.reads.getAndIncrement();
			return this.answers.get(Math.min(read, this.answers.size() - 1));
		}

	}

	/** Serves zero or one entry, and can hold a render inside its read or fail it. */
	static final class ControlledRepository extends HostRepository {

		final CountDownLatch entered = new CountDownLatch(1);

		final AtomicReference<RuntimeException> failure = new AtomicReference<>();

		volatile CountDownLatch gate = new CountDownLatch(0);

		volatile Host host;

		ControlledRepository() {
			super(null);
		}

		@Override
		public List<Host> page(HostQuery query, Cursor after, int offset, int size) {
			this.entered.countDown();
			try {
				this.gate.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			RuntimeException ex = this.failure.get();
			if (ex != null) {
				throw ex;
			}
			return (this.host != null) ? List.of(this.host) : List.of();
		}

	}

}
