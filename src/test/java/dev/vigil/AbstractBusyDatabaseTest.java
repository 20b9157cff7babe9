package dev.vigil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.CreateSnapshotRequest;
import dev.vigil.api.routerhosts.v1.GetHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotRequest;
import dev.vigil.testing.Doors;
import dev.vigil.testing.HostDocuments;
import dev.vigil.testing.HostsFollower;
import dev.vigil.testing.ImportCall;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database busy with long work is not a database that is down: while an import of 165,000
 * entries (12 MB, under the 16 MB limit) or a rollback restoring 100,000 runs, every readiness door stays
 * ready, GetHost and ListHosts answer within 500 ms, and a WatchHosts follower keeps its stream;
 * afterwards the registry, the hosts file and the change log agree. The db check's timeout here is
 * 500 ms, a quarter of the shipped one.
 */
abstract class AbstractBusyDatabaseTest {

	static final int IMPORTED = 165_000;

	static final int ROLLED_BACK = 100_000;

	static final Duration READ_BOUND = Duration.ofMillis(500);

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@Value("${vigil.hosts.file.path}")
	Path hostsFile;

	Doors doors;

	ManagedChannel channel;

	HostsServiceGrpc.HostsServiceBlockingStub hosts;

	String seedId;

	@BeforeEach
	void seed() {
		this.jdbc.update("DELETE FROM host_entries");
		this.doors = Doors.of(this.context);
		this.channel = this.doors.channel();
		this.hosts = HostsServiceGrpc.newBlockingStub(this.channel);
		this.seedId = this.hosts
			.addHost(AddHostRequest.newBuilder().setIpAddress("192.0.2.1").setHostname("seed.example").build())
			.getId();
	}

	@AfterEach
	void close() throws InterruptedException {
		this.doors.close();
	}

	@Test
	void aLargeImportLeavesProbesReadersAndFollowersAlone() throws Exception {
		long changesBefore = changes();
		try (HostsFollower follower = HostsFollower.follow(this.doors.grpcPort())) {
			follower.awaitSnapshot((snapshot) -> snapshot.count() == 1, Duration.ofSeconds(10));
			String document = HostDocuments.document("10.1", "bulk", IMPORTED);
			assertThat(document.length()).as("a 12 MB hosts file").isBetween(11_000_000, 16_000_000);
			ImportCall call = HostDocuments.start(this.channel, document);
			whileRunning(call.done()).assertUndisturbed();
			assertThat(call.done().join().isOk()).as("the import: %s", call.done().join()).isTrue();
			assertThat(call.responses().get(call.responses().size() - 1).getCreated()).isEqualTo(IMPORTED);

			HostsFollower.Snapshot last = follower.awaitSnapshot((snapshot) -> snapshot.count() == IMPORTED + 1,
					Duration.ofSeconds(60));
			assertThat(follower.ended()).as("the follower's stream").isNull();
			assertThat(last.entries()).hasSize(IMPORTED + 1);
			assertThat(entries()).isEqualTo(IMPORTED + 1);
			assertThat(changes()).as("one change for the import").isEqualTo(changesBefore + 1);
			assertThat(last.changeId()).isEqualTo(newestChange());
			await().atMost(Duration.ofSeconds(30)).until(() -> entryLines() == IMPORTED + 1);
		}
	}

	@Test
	void aLargeRollbackLeavesProbesAndReadersAlone() throws Exception {
		HostDocuments.importHosts(this.channel, HostDocuments.document("10.2", "undo", ROLLED_BACK));
		String snapshot = this.hosts.createSnapshot(CreateSnapshotRequest.getDefaultInstance()).getSnapshotId();
		// Gone behind the registry's back, so the rollback has every entry to put back.
		this.jdbc.update("DELETE FROM host_entries WHERE id <> ?", this.seedId);
		CompletableFuture<?> rollback = CompletableFuture.runAsync(() -> this.hosts
			.rollbackToSnapshot(RollbackToSnapshotRequest.newBuilder().setSnapshotId(snapshot).build()));
		whileRunning(rollback).assertUndisturbed();
		rollback.join();
		assertThat(entries()).isEqualTo(ROLLED_BACK + 1);
		await().atMost(Duration.ofSeconds(30)).until(() -> entryLines() == ROLLED_BACK + 1);
	}

	/** Reads every readiness door and both RPCs, one after another, until the work has finished. */
	private Busy whileRunning(CompletableFuture<?> work) {
		Busy busy = new Busy();
		HostsServiceGrpc.HostsServiceBlockingStub reads = this.hosts.withDeadlineAfter(30, TimeUnit.SECONDS);
		while (!work.isDone()) {
			busy.readyAnswers.addAll(this.doors.read().readyAnswers());
			busy.getHost.add(timed(() -> reads.getHost(GetHostRequest.newBuilder().setId(this.seedId).build())));
			busy.listHosts.add(timed(() -> reads.listHosts(ListHostsRequest.newBuilder().setLimit(1).build())
				.forEachRemaining((entry) -> {
				})));
		}
		return busy;
	}

	private long entries() {
		return this.jdbc.queryForObject("SELECT count(*) FROM host_entries", Long.class);
	}

	private long changes() {
		return this.jdbc.queryForObject("SELECT count(*) FROM host_changes", Long.class);
	}

	private String newestChange() {
		return this.jdbc.queryForObject("SELECT change_id FROM host_changes ORDER BY seq DESC LIMIT 1", String.class);
	}

	private long entryLines() throws Exception {
		if (!Files.exists(this.hostsFile)) {
			return -1;
		}
		try (var lines = Files.lines(this.hostsFile)) {
			return lines.filter((line) -> !line.isBlank() && !line.startsWith("#")).count();
		}
	}

	static Duration timed(Runnable call) {
		long start = System.nanoTime();
		call.run();
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/** What the doors and readers saw while the long work ran. */
	private static final class Busy {

		final List<Boolean> readyAnswers = new ArrayList<>();

		final List<Duration> getHost = new ArrayList<>();

		final List<Duration> listHosts = new ArrayList<>();

		void assertUndisturbed() {
			assertThat(this.getHost).as("reads taken while the work ran").hasSizeGreaterThanOrEqualTo(2);
			assertThat(this.readyAnswers).as("every readiness door throughout").containsOnly(true);
			assertThat(this.getHost).as("GetHost").allSatisfy((took) -> assertThat(took).isLessThan(READ_BOUND));
			assertThat(this.listHosts).as("ListHosts").allSatisfy((took) -> assertThat(took).isLessThan(READ_BOUND));
		}

	}

}
