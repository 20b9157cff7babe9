package dev.vigil.hosts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.ComponentHealth;
import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.SinkStatus;
import dev.vigil.api.routerhosts.v1.UpdateHostRequest;
import dev.vigil.api.routerhosts.v1.WatchHostsRequest;
import dev.vigil.api.routerhosts.v1.WatchHostsResponse;
import dev.vigil.hosts.registry.HostsRegistry;
import dev.vigil.security.Callers;
import dev.vigil.testing.Channels;
import dev.vigil.testing.Doors;
import dev.vigil.testing.HostsFollower;
import dev.vigil.testing.VigilTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WatchHosts over a real channel: one snapshot or a followed series, consumers' statuses turned
 * into the {@code sinks} component on every door without touching readiness, and bad input or a
 * consumer that never reads met with a clear error or bounded behaviour.
 */
@VigilTest
class WatchHostsTest {

	static final Duration WAIT = Duration.ofSeconds(10);

	static final int SHARED_SNAPSHOTS = 3;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:sqlite:target/test-data/watch-hosts.db");
		registry.add("vigil.hosts.file.path", () -> "target/test-data/hosts-watch");
		registry.add("vigil.hosts.sinks.grace", () -> "300ms");
		registry.add("vigil.hosts.page-size", () -> "50");
		registry.add("vigil.hosts.changes.follower-shared-snapshots", () -> SHARED_SNAPSHOTS);
	}

	/** The template data contract version of the public router_hosts.v1 server and its sinks. */
	static final String TEMPLATE_CONTRACT_VERSION = "1";

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	HostsRegistry changes;

	Doors doors;

	@BeforeEach
	void clean() {
		this.jdbc.update("DELETE FROM host_entries");
		// With a change, as every write makes one, so no snapshot shared before the delete is reused.
		this.jdbc.update("INSERT INTO host_changes (seq, change_id, committed_at) SELECT COALESCE(MAX(seq), 0) + 1, ?, ? FROM host_changes",
				String.format("%026d", System.nanoTime()), System.currentTimeMillis() * 1000);
		this.doors = Doors.of(this.context);
	}

	@AfterEach
	void close() throws InterruptedException {
		this.doors.close();
	}

	@Test
	void withoutFollowOneSnapshotOfEveryEntryThenTheCallEnds() throws Exception {
		addHosts("once", 120);
		try (HostsFollower once = HostsFollower.open(this.doors.grpcPort(), WatchHostsRequest.getDefaultInstance())) {
			assertThat(once.awaitEnd(WAIT).getCode()).isEqualTo(Status.Code.OK);
			assertThat(once.snapshots()).hasSize(1);
			HostsFollower.Snapshot snapshot = once.snapshots().get(0);
			assertThat(snapshot.count()).isEqualTo(120).isEqualTo(snapshot.entries().size());
			assertThat(snapshot.changeId()).isEqualTo(this.changes.newestChange().id());
		}
	}

	@Test
	void aClientThatAsksForBatchesGetsTheSameSnapshotAPageToAMessage() throws Exception {
		addHosts("batch", 120);
		ManagedChannel channel = Channels.local(this.doors.grpcPort());
		try {
			List<List<WatchHostsResponse>> both = new ArrayList<>();
			for (boolean batched : List.of(false, true)) {
				AtomicReference<Status> ended = new AtomicReference<>();
				List<WatchHostsResponse> received = new CopyOnWriteArrayList<>();
				Recorder reader = new Recorder(ended, received);
				HostsServiceGrpc.newStub(channel).watchHosts(reader).onNext(WatchHostsRequest.newBuilder().setBatched(batched).build());
				reader.call.request(Integer.MAX_VALUE);
				assertThat(awaitEnd(ended).getCode()).isEqualTo(Status.Code.OK);
				both.add(received);
			}
			List<WatchHostsResponse> single = both.get(0);
			List<WatchHostsResponse> batches = both.get(1);
			assertThat(single).hasSize(121).allSatisfy((r) -> assertThat(r.hasEntries()).isFalse());
			// Pages of 50 (vigil.hosts.page-size here): 50, 50 and 20, then the complete.
			assertThat(batches).hasSize(4);
			assertThat(batches.subList(0, 3)).extracting((r) -> r.getEntries().getEntriesCount()).containsExactly(50, 50, 20);
			assertThat(batches.stream().flatMap((r) -> r.getEntries().getEntriesList().stream()).toList())
				.isEqualTo(single.subList(0, 120).stream().map(WatchHostsResponse::getEntry).toList());
			assertThat(batches.get(3).getComplete().getCount()).isEqualTo(120);
			assertThat(batches.get(3).getComplete().getChangeId()).isEqualTo(single.get(120).getComplete().getChangeId());
		}
		finally {
			Channels.close(channel);
		}
	}

	@Test
	void aFollowerGetsAFreshSnapshotAfterChangesAndABurstIsAFewSnapshots() throws Exception {
		try (HostsFollower follower = HostsFollower.follow(this.doors.grpcPort())) {
			String first = follower.awaitSnapshot((snapshot) -> true, WAIT).changeId();
			long started = System.nanoTime();
			addHosts("burst", 300);
			String newest = this.changes.newestChange().id();
			HostsFollower.Snapshot last = follower.awaitSnapshot((snapshot) -> snapshot.changeId().equals(newest), WAIT);
			Duration burst = Duration.ofNanos(System.nanoTime() - started);
			assertThat(last.count()).isEqualTo(300);
			assertThat(newest).isNotEqualTo(first);
			// Coalesced: at most one snapshot per coalescing delay (100 ms) after the first, each one whole.
			assertThat(follower.snapshots()).hasSizeLessThanOrEqualTo(2 + (int) (burst.toMillis() / 100))
				.hasSizeLessThan(300)
				.allSatisfy((snapshot) -> assertThat(snapshot.entries()).hasSize(snapshot.count()));
			assertThat(follower.ended()).isNull();
		}
	}

	@Test
	void sinkStatusesMakeSinksDegradedOnEveryDoorWhileReadinessStaysUp() throws Exception {
		addHosts("sink", 3);
		try (HostsFollower follower = HostsFollower.follow(this.doors.grpcPort())) {
			String current = follower.awaitSnapshot((snapshot) -> true, WAIT).changeId();
			follower.report(status(current, 0, false));
			await().atMost(WAIT).until(() -> sinksOnEveryDoor().equals(List.of("UP", "UP")));

			follower.report(status(current, 0, true));
			await().atMost(WAIT).until(() -> sinksOnEveryDoor().equals(List.of("DEGRADED", "DEGRADED")));
			assertThat(sinksReason()).isEqualTo(Callers.ANONYMOUS + ": reload failed");
			Doors.View view = this.doors.read();
			assertThat(view.readyAnswers()).containsOnly(true);
			assertThat(view.ipc().state()).isEqualTo("Degraded");
			assertThat(this.doors.get("/actuator/prometheus").body())
				.contains("vigil_sinks_converged{sink=\"anonymous\"} 0.0")
				.contains("vigil_sinks_reload_failed{sink=\"anonymous\"} 1.0")
				.contains("vigil_sinks_consecutive_failures{sink=\"anonymous\"} 0.0")
				.contains("vigil_sinks_last_seen_seconds{sink=\"anonymous\"}")
				.contains("vigil_sinks_last_success_seconds{sink=\"anonymous\"}");

			follower.report(status(current, 0, false));
			await().atMost(WAIT).until(() -> sinksOnEveryDoor().equals(List.of("UP", "UP")));

			addHosts("newer", 1);
			await().atMost(WAIT).until(() -> sinksOnEveryDoor().equals(List.of("DEGRADED", "DEGRADED")));
			assertThat(sinksReason()).contains("renders change " + current + ", newest is " + this.changes.newestChange().id());
			assertThat(this.doors.read().readyAnswers()).containsOnly(true);
			follower.report(status(this.changes.newestChange().id(), 0, false));
			await().atMost(WAIT).until(() -> sinksOnEveryDoor().equals(List.of("UP", "UP")));
		}
	}

	/**
	 * A sink written to the public contract declares template data contract version "1" and, as the
	 * public sink does, refuses any snapshot of another version before it writes anything; against
	 * Vigil it writes, reports, and counts as converged.
	 */
	@Test
	void aSinkOfThePublicTemplateContractConverges() throws Exception {
		addHosts("contract", 2);
		try (HostsFollower follower = HostsFollower.follow(this.doors.grpcPort())) {
			HostsFollower.Snapshot snapshot = follower.awaitSnapshot((received) -> true, WAIT);
			assertThat(snapshot.contractVersion()).as("what a public sink compares with its template's version")
				.isEqualTo(TEMPLATE_CONTRACT_VERSION);
			follower.report(status(snapshot.changeId(), 0, false));
			await().atMost(WAIT).until(() -> sinksOnEveryDoor().equals(List.of("UP", "UP")));
			assertThat(this.doors.get("/actuator/prometheus").body())
				.contains("vigil_sinks_converged{sink=\"anonymous\"} 1.0");
		}
	}

	@Test
	void absurdStatusesAndAMissingFirstMessageAreInvalidArguments() throws Exception {
		List<SinkStatus> absurd = List.of(SinkStatus.newBuilder().setConsecutiveFailures(-1).build(),
				SinkStatus.newBuilder().setRenderedChangeId("not-a-change").build(),
				SinkStatus.newBuilder().setLastSuccessUnix(Instant.now().plus(Duration.ofDays(400)).getEpochSecond()).build(),
				SinkStatus.newBuilder().setLastReloadSuccessUnix(-5).build(),
				SinkStatus.newBuilder().setContractVersion("v1\u0000").build(),
				SinkStatus.newBuilder().setContractVersion("x".repeat(65)).build());
		for (SinkStatus status : absurd) {
			try (HostsFollower follower = HostsFollower.open(this.doors.grpcPort(),
					WatchHostsRequest.newBuilder().setFollow(true).setStatus(status).build())) {
				Status ended = follower.awaitEnd(WAIT);
				assertThat(ended.getCode()).as("%s", status).isEqualTo(Status.Code.INVALID_ARGUMENT);
				assertThat(ended.getDescription()).startsWith("status.");
			}
		}
		ManagedChannel channel = Channels.local(this.doors.grpcPort());
		try {
			AtomicReference<Status> ended = new AtomicReference<>();
			List<WatchHostsResponse> received = new CopyOnWriteArrayList<>();
			Recorder recorder = new Recorder(ended, received);
			HostsServiceGrpc.newStub(channel).watchHosts(recorder).onCompleted();
			recorder.call.request(1);
			await().atMost(WAIT).until(() -> ended.get() != null);
			assertThat(ended.get().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
			// Nothing is sent before the first message says what the call is.
			assertThat(received).isEmpty();
		}
		finally {
			Channels.close(channel);
		}
	}

	@Test
	void aConsumerThatNeverReadsHoldsNoConnectionAndLosesNothing() throws Exception {
		ManagedChannel channel = Channels.local(this.doors.grpcPort());
		try {
			StringBuilder document = new StringBuilder();
			for (int i = 0; i < 2_000; i++) {
				document.append("10.7.").append(i / 250).append('.').append(i % 250).append(" slow").append(i).append(".example\n");
			}
			assertThat(new HostsClient(channel)
				.importHosts(document.toString().getBytes(StandardCharsets.UTF_8), "hosts", "skip", false, 30_000)
				.status()
				.isOk()).isTrue();
			AtomicReference<Status> ended = new AtomicReference<>();
			List<WatchHostsResponse> received = new CopyOnWriteArrayList<>();
			Recorder slow = new Recorder(ended, received);
			HostsServiceGrpc.newStub(channel).watchHosts(slow).onNext(WatchHostsRequest.newBuilder().setFollow(true).build());
			// A follower that reads makes a shared snapshot of nearly every change; the stalled one
			// keeps none of them alive past the limit.
			try (HostsFollower reading = HostsFollower.follow(this.doors.grpcPort())) {
				// SQLite's pool has one connection: writes go through only if the stalled stream holds none.
				for (int i = 0; i < 20; i++) {
					HostsServiceGrpc.newBlockingStub(channel)
						.withDeadlineAfter(5, TimeUnit.SECONDS)
						.addHost(AddHostRequest.newBuilder().setIpAddress("10.9.1." + i).setHostname("during" + i + ".example").build());
					String change = this.changes.newestChange().id();
					reading.awaitSnapshot((snapshot) -> snapshot.changeId().equals(change), WAIT);
					assertThat(this.meters.get("vigil.hosts.watch.shared.snapshots").gauge().value())
						.isLessThanOrEqualTo(SHARED_SNAPSHOTS);
				}
			}
			assertThat(received).isEmpty();
			slow.call.request(Integer.MAX_VALUE);
			String newest = this.changes.newestChange().id();
			await().atMost(WAIT).until(() -> received.stream()
				.anyMatch((response) -> response.hasComplete() && response.getComplete().getChangeId().equals(newest)));
			WatchHostsResponse last = received.stream().filter(WatchHostsResponse::hasComplete).reduce((a, b) -> b).orElseThrow();
			assertThat(last.getComplete().getCount()).isEqualTo(2_020);
			assertThat(ended.get()).isNull();
		}
		finally {
			Channels.close(channel);
		}
	}

	@Test
	void everyEntryIsSentOnceWhileUpdatesMoveEntriesAcrossTheSnapshot() throws Exception {
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", this.doors.grpcPort())
			.usePlaintext()
			// A small window, so the server cannot read ahead: most pages are read after the moves.
			.flowControlWindow(16 * 1024)
			.build();
		try {
			HostsClient hosts = new HostsClient(channel);
			StringBuilder document = new StringBuilder();
			for (int i = 0; i < 1_000; i++) {
				document.append("10.6.").append(i / 250).append('.').append(i % 250).append(" moving").append(i).append(".example\n");
			}
			assertThat(hosts.importHosts(document.toString().getBytes(StandardCharsets.UTF_8), "hosts", "skip", false, 30_000)
				.status()
				.isOk()).isTrue();
			List<HostEntry> added = hosts.listAll();
			AtomicReference<Status> ended = new AtomicReference<>();
			List<WatchHostsResponse> received = new CopyOnWriteArrayList<>();
			Recorder reader = new Recorder(ended, received);
			HostsServiceGrpc.newStub(channel).watchHosts(reader).onNext(WatchHostsRequest.getDefaultInstance());
			reader.call.request(100);
			await().atMost(WAIT).until(() -> received.size() == 100);
			// Every other entry not yet sent moves to the front of the hosts-file order.
			List<HostEntry> unsent = added.subList(100, added.size());
			for (int i = 0; i < unsent.size(); i += 2) {
				HostEntry entry = unsent.get(i);
				hosts.blocking().updateHost(UpdateHostRequest.newBuilder()
					.setId(entry.getId())
					.setIpAddress("10.5." + entry.getIpAddress().substring("10.6.".length()))
					.build());
			}
			reader.call.request(Integer.MAX_VALUE);
			assertThat(awaitEnd(ended).getCode()).isEqualTo(Status.Code.OK);
			List<String> ids = received.stream().filter(WatchHostsResponse::hasEntry).map((response) -> response.getEntry().getId()).toList();
			assertThat(ids).hasSize(1_000).doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(added.stream().map(HostEntry::getId).toList());
		}
		finally {
			Channels.close(channel);
		}
	}

	private static Status awaitEnd(AtomicReference<Status> ended) {
		await().atMost(WAIT).until(() -> ended.get() != null);
		return ended.get();
	}

	private List<String> sinksOnEveryDoor() throws Exception {
		JsonNode http = JsonMapper.shared().readTree(this.doors.get("/actuator/health").body());
		String grpc = this.doors.health()
			.getComponentsList()
			.stream()
			.filter((component) -> component.getName().equals(HostsHealthComponents.SINKS))
			.map(ComponentHealth::getStatus)
			.findFirst()
			.orElse("missing");
		return List.of(http.path("components").path(HostsHealthComponents.SINKS).path("status").asString(), grpc);
	}

	private String sinksReason() {
		return this.doors.health()
			.getComponentsList()
			.stream()
			.filter((component) -> component.getName().equals(HostsHealthComponents.SINKS))
			.map(ComponentHealth::getReason)
			.findFirst()
			.orElseThrow();
	}

	private static SinkStatus status(String renderedChangeId, int failures, boolean reloadFailed) {
		long now = Instant.now().getEpochSecond();
		return SinkStatus.newBuilder()
			.setRenderedChangeId(renderedChangeId)
			.setConsecutiveFailures(failures)
			.setReloadFailed(reloadFailed)
			.setLastSuccessUnix(now)
			.setLastReloadSuccessUnix(reloadFailed ? 0 : now)
			.setContractVersion(TEMPLATE_CONTRACT_VERSION)
			.build();
	}

	private void addHosts(String prefix, int count) {
		ManagedChannel channel = Channels.local(this.doors.grpcPort());
		try {
			HostsServiceGrpc.HostsServiceBlockingStub hosts = HostsServiceGrpc.newBlockingStub(channel);
			for (int i = 0; i < count; i++) {
				hosts.addHost(AddHostRequest.newBuilder()
					.setIpAddress("10.8." + (i / 250) + "." + (i % 250))
					.setHostname(prefix + i + ".example")
					.build());
			}
		}
		finally {
			try {
				Channels.close(channel);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Records what a WatchHosts call receives; reads nothing until the test asks for it. */
	static final class Recorder implements ClientResponseObserver<WatchHostsRequest, WatchHostsResponse> {

		final AtomicReference<Status> ended;

		final List<WatchHostsResponse> received;

		ClientCallStreamObserver<WatchHostsRequest> call;

		Recorder(AtomicReference<Status> ended, List<WatchHostsResponse> received) {
			this.ended = ended;
			this.received = received;
		}

		@Override
		public void beforeStart(ClientCallStreamObserver<WatchHostsRequest> call) {
			this.call = call;
			call.disableAutoRequestWithInitial(0);
		}

		@Override
		public void onNext(WatchHostsResponse response) {
			this.received.add(response);
		}

		@Override
		public void onError(Throwable failure) {
			this.ended.set(Status.fromThrowable(failure));
		}

		@Override
		public void onCompleted() {
			this.ended.set(Status.OK);
		}

	}

}
