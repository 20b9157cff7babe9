package dev.vigil.hosts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.CompactAggregatesRequest;
import dev.vigil.api.routerhosts.v1.CompactAggregatesResponse;
import dev.vigil.api.routerhosts.v1.CreateSnapshotRequest;
import dev.vigil.api.routerhosts.v1.DeleteHostRequest;
import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotRequest;
import dev.vigil.api.routerhosts.v1.UpdateHostRequest;
import dev.vigil.api.v1.EntryHistoryRequest;
import dev.vigil.api.v1.FieldChange;
import dev.vigil.api.v1.HistoryEvent;
import dev.vigil.api.v1.HistoryOperation;
import dev.vigil.api.v1.HistoryPage;
import dev.vigil.api.v1.HostHistoryGrpc;
import dev.vigil.api.v1.ListChangesRequest;
import dev.vigil.database.DatabaseBackend;
import dev.vigil.health.BackgroundHealthIndicator;
import dev.vigil.health.HealthStatuses;
import dev.vigil.hosts.history.HostHistory;
import dev.vigil.security.TokenDigest;
import dev.vigil.testing.Channels;
import dev.vigil.testing.Doors;
import dev.vigil.testing.HostsFollower;
import dev.vigil.testing.ImportCall;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Each entry's history over real channels, with the access rules on: two writers' adds, updates
 * and deletes named with their before and after, an import's and a rollback's one row per entry,
 * refused calls that write none, the reads' filters and pages, CompactAggregates dry and for real
 * leaving entries, the hosts file and followers alone, and {@code db} DEGRADED (readiness still
 * serving) while an entry's history is past its warning size. Subclasses choose the database.
 */
abstract class AbstractHostHistoryTest {

	static final String ALICE = "alice-token-for-the-history-test";

	static final String BOB = "bob-token-for-the-history-test";

	static final String READER = "reader-token-for-the-history-test";

	/** The history size past which {@code db} is DEGRADED, in these tests. */
	static final int WARN = 4;

	/** The rows each entry keeps, in these tests. */
	static final int KEPT = 6;

	/** Tokens for alice and bob (both may write) and a reader; a small warning size, counted at once. */
	static void settings(DynamicPropertyRegistry registry) {
		String[][] tokens = { { "alice", ALICE, "hosts:read,hosts:write" }, { "bob", BOB, "hosts:read,hosts:write" },
				{ "reader", READER, "hosts:read" } };
		for (int i = 0; i < tokens.length; i++) {
			String[] token = tokens[i];
			registry.add("vigil.security.tokens[" + i + "].name", () -> token[0]);
			registry.add("vigil.security.tokens[" + i + "].sha256",
					() -> HexFormat.of().formatHex(TokenDigest.sha256(token[1])));
			registry.add("vigil.security.tokens[" + i + "].roles", () -> token[2]);
		}
		registry.add("vigil.hosts.history.warn-entry-size", () -> WARN);
		registry.add("vigil.hosts.history.max-per-entry", () -> KEPT);
		registry.add("vigil.hosts.history.summary-interval", () -> "100ms");
		registry.add("vigil.health.defaults.interval", () -> "200ms");
	}

	@Autowired
	GrpcServerLifecycle grpcServer;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	HostHistory history;

	@Autowired
	DatabaseBackend backend;

	@Autowired
	@Qualifier("dbHealthIndicator")
	BackgroundHealthIndicator db;

	@Autowired
	@Qualifier("hostsFileHealthIndicator")
	BackgroundHealthIndicator hostsFileHealth;

	@LocalServerPort
	int httpPort;

	@Value("${vigil.hosts.file.path}")
	Path hostsFile;

	private ManagedChannel channel;

	@BeforeEach
	void connect() {
		this.jdbc.update("DELETE FROM host_entries");
		this.jdbc.update("DELETE FROM host_history");
		this.channel = Channels.local(this.grpcServer.getPort());
	}

	/** Each test ends once its writes are rendered, so no render runs into the database's stop after the last. */
	@AfterEach
	void disconnect() throws InterruptedException {
		Channels.close(this.channel);
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			Map<String, Object> details = this.hostsFileHealth.health().getDetails();
			return details.get("renderedChangeId") != null
					&& details.get("renderedChangeId").equals(details.get("feedChangeId"));
		});
	}

	@Test
	void eachChangeNamesItsCallerAndTheFieldsBeforeAndAfterNewestFirst() {
		HostEntry added = hosts(ALICE).addHost(AddHostRequest.newBuilder()
			.setIpAddress("192.168.1.10")
			.setHostname("nas.home")
			.addTags("storage")
			.build()).getEntry();
		HostEntry moved = hosts(BOB).updateHost(UpdateHostRequest.newBuilder()
			.setId(added.getId())
			.setIpAddress("192.168.1.20")
			.setComment("moved to the new switch")
			.build()).getEntry();
		hosts(ALICE).deleteHost(DeleteHostRequest.newBuilder().setId(added.getId()).build());

		List<HistoryEvent> events = history(READER).entryHistory(EntryHistoryRequest.newBuilder().setId(added.getId()).build())
			.getEventsList();
		assertThat(events).extracting(HistoryEvent::getOperation, HistoryEvent::getCaller, HistoryEvent::getVersion)
			.containsExactly(tuple(HistoryOperation.HISTORY_OPERATION_DELETED, "alice", moved.getVersion()),
					tuple(HistoryOperation.HISTORY_OPERATION_UPDATED, "bob", moved.getVersion()),
					tuple(HistoryOperation.HISTORY_OPERATION_CREATED, "alice", added.getVersion()));
		assertThat(changes(events.get(1))).containsExactly("ip_address: [192.168.1.10] -> [192.168.1.20]",
				"comment: [] -> [moved to the new switch]");
		assertThat(changes(events.get(2))).containsExactly("ip_address: [] -> [192.168.1.10]", "hostname: [] -> [nas.home]",
				"tags: [] -> [storage]");
		assertThat(changes(events.get(0))).containsExactly("ip_address: [192.168.1.20] -> []", "hostname: [nas.home] -> []",
				"comment: [moved to the new switch] -> []", "tags: [storage] -> []");
		assertThat(events.get(0).getSequence()).isGreaterThan(events.get(1).getSequence());
		assertThat(events.get(1).getChangedAt().getSeconds()).isBetween(Instant.now().getEpochSecond() - 60,
				Instant.now().getEpochSecond() + 1);

		// The same three, oldest first, by caller and by operation, a page at a time.
		assertThat(collect(ListChangesRequest.newBuilder().setPageSize(1))).extracting(HistoryEvent::getOperation)
			.containsExactly(HistoryOperation.HISTORY_OPERATION_CREATED, HistoryOperation.HISTORY_OPERATION_UPDATED,
					HistoryOperation.HISTORY_OPERATION_DELETED);
		assertThat(collect(ListChangesRequest.newBuilder().setCaller("alice"))).extracting(HistoryEvent::getOperation)
			.containsExactly(HistoryOperation.HISTORY_OPERATION_CREATED, HistoryOperation.HISTORY_OPERATION_DELETED);
		assertThat(collect(ListChangesRequest.newBuilder().setOperation(HistoryOperation.HISTORY_OPERATION_UPDATED)))
			.extracting(HistoryEvent::getCaller)
			.containsExactly("bob");
		assertThat(collect(ListChangesRequest.newBuilder().setSinceChangeId(events.get(2).getChangeId())))
			.extracting(HistoryEvent::getOperation)
			.containsExactly(HistoryOperation.HISTORY_OPERATION_UPDATED, HistoryOperation.HISTORY_OPERATION_DELETED);
		Timestamp future = Timestamp.newBuilder().setSeconds(Instant.now().plusSeconds(3600).getEpochSecond()).build();
		assertThat(collect(ListChangesRequest.newBuilder().setSinceTime(future))).isEmpty();
	}

	@Test
	void refusedCallsWriteNoHistoryAndBadReadsAreRefusedByName() {
		HostEntry entry = hosts(ALICE)
			.addHost(AddHostRequest.newBuilder().setIpAddress("10.9.0.1").setHostname("kept.example").build())
			.getEntry();
		long rows = rows();
		AbstractHostsApiTest.assertStatus(() -> hosts(READER)
			.addHost(AddHostRequest.newBuilder().setIpAddress("10.9.0.2").setHostname("no.example").build()),
				Status.Code.PERMISSION_DENIED, "");
		AbstractHostsApiTest.assertStatus(() -> hosts(ALICE)
			.addHost(AddHostRequest.newBuilder().setIpAddress("10.9.0.300").setHostname("no.example").build()),
				Status.Code.INVALID_ARGUMENT, "ip_address");
		AbstractHostsApiTest.assertStatus(() -> hosts(BOB)
			.addHost(AddHostRequest.newBuilder().setIpAddress("10.9.0.1").setHostname("kept.example").build()),
				Status.Code.ALREADY_EXISTS, "already exists");
		AbstractHostsApiTest.assertStatus(() -> hosts(BOB).updateHost(UpdateHostRequest.newBuilder()
			.setId(entry.getId())
			.setExpectedVersion("41")
			.setHostname("other.example")
			.build()), Status.Code.ABORTED, "version mismatch");
		AbstractHostsApiTest.assertStatus(() -> hosts(READER).deleteHost(DeleteHostRequest.newBuilder().setId(entry.getId()).build()),
				Status.Code.PERMISSION_DENIED, "");
		assertThat(rows()).isEqualTo(rows);

		AbstractHostsApiTest.assertStatus(() -> history(READER).entryHistory(EntryHistoryRequest.newBuilder().setId("01ARZ3NDEKTSV4RRFFQ69G5FAV").build()),
				Status.Code.NOT_FOUND, "no entry and no history");
		AbstractHostsApiTest.assertStatus(() -> history(READER).entryHistory(EntryHistoryRequest.newBuilder().setId("nas.home").build()),
				Status.Code.INVALID_ARGUMENT, "id: must be a ULID");
		AbstractHostsApiTest.assertStatus(() -> history(READER).listChanges(ListChangesRequest.newBuilder().setPageToken("x").build()),
				Status.Code.INVALID_ARGUMENT, "page_token");
		AbstractHostsApiTest.assertStatus(() -> history(READER).listChanges(ListChangesRequest.newBuilder().setCaller("c".repeat(2000)).build()),
				Status.Code.INVALID_ARGUMENT, "caller: must be at most 1024 characters");
		AbstractHostsApiTest.assertStatus(() -> history(READER)
			.listChanges(ListChangesRequest.newBuilder().setSinceChangeId("01ARZ3NDEKTSV4RRFFQ69G5FAV").build()),
				Status.Code.NOT_FOUND, "no change with id");
		AbstractHostsApiTest.assertStatus(() -> history(READER).listChanges(ListChangesRequest.newBuilder()
			.setSinceTime(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE))
			.build()), Status.Code.INVALID_ARGUMENT, "since_time");
		AbstractHostsApiTest.assertStatus(() -> history(READER).listChanges(ListChangesRequest.newBuilder().setOperationValue(99).build()),
				Status.Code.INVALID_ARGUMENT, "operation");
	}

	@Test
	void anImportAndARollbackWriteOneRowPerEntryTheyTouch() {
		HostEntry replaced = hosts(ALICE)
			.addHost(AddHostRequest.newBuilder().setIpAddress("10.8.0.1").setHostname("one.example").build())
			.getEntry();
		String snapshot = hosts(ALICE).createSnapshot(CreateSnapshotRequest.getDefaultInstance()).getSnapshotId();
		ImportCall imported = ImportCall.start(Channels.withToken(this.channel, BOB),
				"10.8.0.1 one.example # replaced\n10.8.0.2 two.example\n10.8.0.3 three.example\n"
					.getBytes(StandardCharsets.UTF_8),
				1000, "hosts", "replace", false, Duration.ofSeconds(20));
		assertThat(imported.await().isOk()).isTrue();
		List<HistoryEvent> importRows = collect(
				ListChangesRequest.newBuilder().setOperation(HistoryOperation.HISTORY_OPERATION_IMPORTED));
		assertThat(importRows).hasSize(3).allSatisfy((event) -> assertThat(event.getCaller()).isEqualTo("bob"));
		assertThat(importRows).extracting(HistoryEvent::getChangeId).containsOnly(importRows.get(0).getChangeId());
		HistoryEvent replacedRow = importRows.stream()
			.filter((event) -> event.getEntryId().equals(replaced.getId()))
			.findFirst()
			.orElseThrow();
		assertThat(changes(replacedRow)).containsExactly("comment: [] -> [replaced]");

		// Back to one entry without a comment: two removed, one changed back.
		hosts(ALICE).rollbackToSnapshot(RollbackToSnapshotRequest.newBuilder().setSnapshotId(snapshot).build());
		List<HistoryEvent> restored = collect(
				ListChangesRequest.newBuilder().setOperation(HistoryOperation.HISTORY_OPERATION_RESTORED));
		assertThat(restored).hasSize(3).allSatisfy((event) -> assertThat(event.getCaller()).isEqualTo("alice"));
		assertThat(restored.stream().filter((event) -> event.getEntryId().equals(replaced.getId())).map(this::changes))
			.containsExactly(List.of("comment: [replaced] -> []"));
		assertThat(restored.stream().filter((event) -> !event.getEntryId().equals(replaced.getId())))
			.allSatisfy((event) -> assertThat(event.getChangesList()).extracting(FieldChange::getAfterCount).containsOnly(0));

		// More rows than PostgreSQL takes in the change's own statement: they follow it in batches.
		StringBuilder many = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			many.append("10.8.1.").append(i).append(" many").append(i).append(".example\n");
		}
		ImportCall more = ImportCall.start(Channels.withToken(this.channel, BOB), many.toString().getBytes(StandardCharsets.UTF_8),
				1000, "hosts", "replace", false, Duration.ofSeconds(20));
		assertThat(more.await().isOk()).isTrue();
		List<HistoryEvent> manyRows = collect(
				ListChangesRequest.newBuilder().setOperation(HistoryOperation.HISTORY_OPERATION_IMPORTED))
			.stream()
			.filter((event) -> !event.getChangeId().equals(importRows.get(0).getChangeId()))
			.toList();
		assertThat(manyRows).hasSize(20).allSatisfy((event) -> assertThat(event.getCaller()).isEqualTo("bob"));
		assertThat(manyRows).extracting(HistoryEvent::getChangeId).containsOnly(manyRows.get(0).getChangeId());
	}

	@Test
	void compactionFoldsHistoryAndLeavesEntriesHostsFileAndFollowersAlone() throws Exception {
		HostEntry busy = hosts(ALICE)
			.addHost(AddHostRequest.newBuilder().setIpAddress("10.7.0.1").setHostname("busy.example").build())
			.getEntry();
		HostEntry quiet = hosts(ALICE)
			.addHost(AddHostRequest.newBuilder().setIpAddress("10.7.0.2").setHostname("quiet.example").build())
			.getEntry();
		HostEntry updated = busy;
		for (int i = 1; i <= WARN; i++) {
			updated = hosts((i % 2 == 0) ? ALICE : BOB)
				.updateHost(UpdateHostRequest.newBuilder().setId(busy.getId()).setComment("change " + i).build())
				.getEntry();
		}
		HostEntry current = updated;
		assertThat(rows(busy.getId())).isEqualTo(WARN + 1);

		// Past the warning size db is DEGRADED naming the entry, and readiness still serves.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Health health = this.db.health();
			assertThat(health.getStatus()).isEqualTo(HealthStatuses.DEGRADED);
			assertThat(health.getDetails().get("reason").toString()).contains(busy.getId() + " (" + (WARN + 1) + ")");
			assertThat(health.getDetails()).containsEntry("largestEntryHistory", (long) WARN + 1);
			assertThat(health.getDetails().containsKey("walPendingFrames")).as("SQLite's checkpoint among db's details")
				.isEqualTo(this.backend == DatabaseBackend.SQLITE);
		});
		try (Doors doors = new Doors(this.httpPort, this.grpcServer.getPort());
				HostsFollower follower = HostsFollower.follow(this.grpcServer.getPort(), READER)) {
			assertThat(doors.status("/readyz")).isEqualTo(200);
			HostsFollower.Snapshot before = follower.awaitSnapshot((snapshot) -> snapshot.has("busy.example"),
					Duration.ofSeconds(10));
			List<HostEntry> entries = listAll();
			String hostsFile = Files.readString(this.hostsFile);
			String newestChange = newestChange();

			CompactAggregatesResponse dry = hosts(BOB).compactAggregates(
					CompactAggregatesRequest.newBuilder().setOverThreshold(1).setDryRun(true).build());
			assertThat(dry.getTotalEventsReclaimed()).isEqualTo(WARN);
			assertThat(dry.getCompactedList()).singleElement().satisfies((entry) -> {
				assertThat(entry.getAggregateId()).isEqualTo(busy.getId());
				assertThat(entry.getEventsBefore()).isEqualTo(WARN + 1);
				assertThat(entry.getEventsAfter()).isEqualTo(1);
			});
			assertThat(rows(busy.getId())).isEqualTo(WARN + 1);

			CompactAggregatesResponse done = hosts(BOB)
				.compactAggregates(CompactAggregatesRequest.newBuilder().setAggregateId(busy.getId()).build());
			assertThat(done.getTotalEventsReclaimed()).isEqualTo(WARN);
			assertThat(done.getCompacted(0).getVersion()).isEqualTo(Long.parseLong(current.getVersion()));
			List<HistoryEvent> folded = history(READER)
				.entryHistory(EntryHistoryRequest.newBuilder().setId(busy.getId()).build())
				.getEventsList();
			assertThat(folded).singleElement().satisfies((event) -> {
				assertThat(event.getOperation()).isEqualTo(HistoryOperation.HISTORY_OPERATION_COMPACTED);
				assertThat(event.getVersion()).isEqualTo(current.getVersion());
				assertThat(changes(event)).contains("comment: [] -> [change " + WARN + "]");
			});
			// Nothing to fold for an entry with one row; the registry, the file and the feed never moved.
			assertThat(hosts(BOB).compactAggregates(
					CompactAggregatesRequest.newBuilder().setAggregateId(quiet.getId()).build()).getTotalEventsReclaimed())
				.isZero();
			assertThat(listAll()).isEqualTo(entries);
			assertThat(Files.readString(this.hostsFile)).isEqualTo(hostsFile);
			assertThat(newestChange()).isEqualTo(newestChange);
			await().atMost(Duration.ofSeconds(10)).until(() -> org.springframework.boot.health.contributor.Status.UP.equals(this.db.health().getStatus()));

			// The follower's next snapshot is the next change's, not one a compaction made.
			hosts(ALICE).addHost(AddHostRequest.newBuilder().setIpAddress("10.7.0.3").setHostname("next.example").build());
			HostsFollower.Snapshot next = follower.awaitSnapshot((snapshot) -> snapshot.has("next.example"),
					Duration.ofSeconds(10));
			assertThat(follower.snapshots()).extracting(HostsFollower.Snapshot::changeId)
				.containsExactly(before.changeId(), next.changeId());
		}

		AbstractHostsApiTest.assertStatus(() -> hosts(BOB)
			.compactAggregates(CompactAggregatesRequest.newBuilder().setAggregateId("01ARZ3NDEKTSV4RRFFQ69G5FAV").build()),
				Status.Code.NOT_FOUND, "no entry and no history");
		AbstractHostsApiTest.assertStatus(() -> hosts(BOB).compactAggregates(CompactAggregatesRequest.newBuilder().setOverThreshold(-1).build()),
				Status.Code.INVALID_ARGUMENT, "over_threshold: must not be negative");
		AbstractHostsApiTest.assertStatus(() -> hosts(BOB).compactAggregates(CompactAggregatesRequest.getDefaultInstance()),
				Status.Code.INVALID_ARGUMENT, "aggregate_id or over_threshold");
		AbstractHostsApiTest.assertStatus(() -> hosts(READER)
			.compactAggregates(CompactAggregatesRequest.newBuilder().setAggregateId(busy.getId()).build()),
				Status.Code.PERMISSION_DENIED, "");
	}

	@Test
	void retentionKeepsEachEntrysNewestRowsAndALiveEntrysNewestWhateverItsAge() {
		HostEntry kept = hosts(ALICE)
			.addHost(AddHostRequest.newBuilder().setIpAddress("10.6.0.1").setHostname("kept.example").build())
			.getEntry();
		HostEntry last = kept;
		for (int i = 1; i <= KEPT + 1; i++) {
			last = hosts(BOB).updateHost(UpdateHostRequest.newBuilder().setId(kept.getId()).setComment("c" + i).build())
				.getEntry();
		}
		String newest = last.getVersion();
		HostEntry gone = hosts(ALICE)
			.addHost(AddHostRequest.newBuilder().setIpAddress("10.6.0.2").setHostname("gone.example").build())
			.getEntry();
		hosts(ALICE).deleteHost(DeleteHostRequest.newBuilder().setId(gone.getId()).build());
		long twoYearsAgo = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now().minus(Duration.ofDays(730)));
		this.jdbc.update("UPDATE host_history SET changed_at = ? WHERE entry_id = ?", twoYearsAgo, gone.getId());

		this.history.prune();
		assertThat(rows(kept.getId())).isEqualTo(KEPT);
		assertThat(history(READER).entryHistory(EntryHistoryRequest.newBuilder().setId(kept.getId()).build())
			.getEvents(0)
			.getVersion()).isEqualTo(newest);
		assertThat(rows(gone.getId())).as("a deleted entry's history ages out whole").isZero();

		this.jdbc.update("UPDATE host_history SET changed_at = ? WHERE entry_id = ?", twoYearsAgo, kept.getId());
		this.history.prune();
		assertThat(history(READER).entryHistory(EntryHistoryRequest.newBuilder().setId(kept.getId()).build())
			.getEventsList()).as("a live entry's newest row is kept").singleElement()
			.satisfies((event) -> assertThat(event.getVersion()).isEqualTo(newest));
	}

	private List<HostEntry> listAll() {
		List<HostEntry> entries = new ArrayList<>();
		hosts(READER).listHosts(ListHostsRequest.getDefaultInstance())
			.forEachRemaining((response) -> entries.add(response.getEntry()));
		return entries;
	}

	private List<HistoryEvent> collect(ListChangesRequest.Builder request) {
		List<HistoryEvent> events = new ArrayList<>();
		String token = "";
		do {
			HistoryPage page = history(READER).listChanges(request.clone().setPageToken(token).build());
			events.addAll(page.getEventsList());
			token = page.getNextPageToken();
		}
		while (!token.isEmpty());
		return events;
	}

	private List<String> changes(HistoryEvent event) {
		return event.getChangesList()
			.stream()
			.map((change) -> change.getField() + ": " + change.getBeforeList() + " -> " + change.getAfterList())
			.toList();
	}

	private long rows() {
		return this.jdbc.queryForObject("SELECT count(*) FROM host_history", Long.class);
	}

	private long rows(String entryId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM host_history WHERE entry_id = ?", Long.class, entryId);
	}

	private String newestChange() {
		return this.jdbc.queryForObject("SELECT change_id FROM host_changes ORDER BY seq DESC LIMIT 1", String.class);
	}

	private HostsServiceGrpc.HostsServiceBlockingStub hosts(String token) {
		return HostsServiceGrpc.newBlockingStub(Channels.withToken(this.channel, token)).withDeadlineAfter(20, TimeUnit.SECONDS);
	}

	private HostHistoryGrpc.HostHistoryBlockingStub history(String token) {
		return HostHistoryGrpc.newBlockingStub(Channels.withToken(this.channel, token)).withDeadlineAfter(20, TimeUnit.SECONDS);
	}

}
