package dev.vigil.hosts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.grpc.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.CreateSnapshotRequest;
import dev.vigil.api.routerhosts.v1.CreateSnapshotResponse;
import dev.vigil.api.routerhosts.v1.DeleteHostRequest;
import dev.vigil.api.routerhosts.v1.DeleteSnapshotRequest;
import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.api.routerhosts.v1.ListSnapshotsRequest;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotRequest;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotResponse;
import dev.vigil.api.routerhosts.v1.Snapshot;
import dev.vigil.api.routerhosts.v1.UpdateHostRequest;
import dev.vigil.hosts.registry.Change;
import dev.vigil.hosts.snapshots.Snapshots;
import dev.vigil.testing.Doors;
import dev.vigil.testing.ImportCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static dev.vigil.hosts.AbstractHostsApiTest.assertStatus;
import static dev.vigil.testing.TextFiles.readOrEmpty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The snapshot RPCs over a real gRPC channel: create, list, rollback (and its undo), delete,
 * retention, scheduled snapshots, every refusal, and what health and metrics show. Run nested in
 * the host API tests, so each database's context serves both. The enclosing test keeps at most
 * five snapshots and sets a one-hour schedule, which these tests drive by hand.
 */
abstract class AbstractSnapshotsApiTest extends HostsRpcTest {

	static final int MAX_SNAPSHOTS = 5;

	@Autowired
	Snapshots snapshots;

	@Autowired
	ApplicationContext context;

	@BeforeEach
	void noSnapshots() {
		this.jdbc.update("DELETE FROM host_snapshot_entries");
		this.jdbc.update("DELETE FROM host_snapshots");
	}

	@Test
	void snapshotsAreListedNewestFirstWithLimitAndOffset() {
		this.hosts.add("10.0.0.1", "a.example");
		CreateSnapshotResponse first = create("first", "");
		this.hosts.add("10.0.0.2", "b.example");
		CreateSnapshotResponse second = create("", "");
		CreateSnapshotResponse third = create("third", "nightly");
		assertThat(List.of(first.getEntryCount(), second.getEntryCount(), third.getEntryCount())).containsExactly(1, 2, 2);

		List<Snapshot> all = list(0, 0);
		assertThat(all).extracting(Snapshot::getSnapshotId)
			.containsExactly(third.getSnapshotId(), second.getSnapshotId(), first.getSnapshotId());
		assertThat(all).extracting(Snapshot::getTrigger).containsExactly("nightly", "manual", "manual");
		assertThat(all).extracting(Snapshot::getEntryCount).containsExactly(2, 2, 1);
		assertThat(all.get(0).getName()).isEqualTo("third");
		assertThat(all.get(1).getName()).matches("snapshot-\\d{8}T\\d{6}Z");
		assertThat(all.get(2).getCreatedAt()).isEqualTo(first.getCreatedAt());

		assertThat(list(2, 0)).extracting(Snapshot::getSnapshotId)
			.containsExactly(third.getSnapshotId(), second.getSnapshotId());
		assertThat(list(1, 1)).extracting(Snapshot::getSnapshotId).containsExactly(second.getSnapshotId());
		assertThat(list(0, 3)).isEmpty();
		assertThat(list(-1, 0)).as("limit is unsigned: 2^32-1 is all").hasSize(3);
	}

	@Test
	void aRollbackRestoresTheExactEarlierEntriesInOneChangeAndItsPreRollbackSnapshotUndoesIt() {
		HostEntry kept = this.hosts.blocking()
			.updateHost(UpdateHostRequest.newBuilder()
				.setId(this.hosts.add("10.0.0.1", "kept.example", "prod").getId())
				.setComment("stays as it is")
				.build())
			.getEntry();
		HostEntry changed = this.hosts.add("10.0.0.2", "changed.example");
		HostEntry deleted = this.hosts.add("10.0.0.3", "deleted.example", "old");
		List<HostEntry> atSnapshot = this.hosts.listAll();
		CreateSnapshotResponse snapshot = create("before the import", "");
		assertThat(snapshot.getEntryCount()).isEqualTo(3);

		HostsClient.ImportResult imported = this.hosts.importHosts(document(1000, "10.2"), "hosts", "skip", false, 60_000);
		assertThat(imported.last().getCreated()).isEqualTo(1000);
		HostEntry changedLater = this.hosts.blocking()
			.updateHost(UpdateHostRequest.newBuilder().setId(changed.getId()).setHostname("renamed.example").build())
			.getEntry();
		this.hosts.blocking().deleteHost(DeleteHostRequest.newBuilder().setId(deleted.getId()).build());
		List<HostEntry> beforeRollback = this.hosts.listAll();
		assertThat(beforeRollback).hasSize(1002);
		long changesBefore = newestChange();
		double succeeded = rollbacks("success");

		RollbackToSnapshotResponse rollback = rollback(snapshot.getSnapshotId());
		assertThat(rollback.getSuccess()).isTrue();
		assertThat(rollback.getRestoredEntryCount()).isEqualTo(3);
		assertThat(newestChange()).as("one change in the feed").isEqualTo(changesBefore + 1);
		assertThat(rollbacks("success")).isEqualTo(succeeded + 1);

		List<HostEntry> restored = this.hosts.listAll();
		assertThat(content(restored)).isEqualTo(content(atSnapshot));
		assertThat(find(restored, kept.getId())).isEqualTo(kept);
		assertThat(find(restored, deleted.getId())).as("comes back as it was, version and all").isEqualTo(deleted);
		HostEntry changedBack = find(restored, changed.getId());
		assertThat(changedBack.getHostname()).isEqualTo("changed.example");
		assertThat(changedBack.getVersion()).isNotIn(changed.getVersion(), changedLater.getVersion());
		assertStatus(() -> this.hosts.blocking()
			.updateHost(UpdateHostRequest.newBuilder()
				.setId(changed.getId())
				.setExpectedVersion(changedLater.getVersion())
				.setComment("stale")
				.build()), Status.Code.ABORTED, "version mismatch");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(readOrEmpty(this.hostsFile))
			.contains("kept.example", "changed.example", "deleted.example")
			.doesNotContain("renamed.example", "host0.example"));

		Snapshot preRollback = list(1, 0).get(0);
		assertThat(preRollback.getSnapshotId()).isEqualTo(rollback.getNewSnapshotId());
		assertThat(preRollback.getTrigger()).isEqualTo("pre-rollback");
		assertThat(preRollback.getName()).isEqualTo("before rollback to " + snapshot.getSnapshotId());
		assertThat(preRollback.getEntryCount()).isEqualTo(1002);

		RollbackToSnapshotResponse undo = rollback(rollback.getNewSnapshotId());
		assertThat(undo.getRestoredEntryCount()).isEqualTo(1002);
		List<HostEntry> undone = this.hosts.listAll();
		assertThat(content(undone)).isEqualTo(content(beforeRollback));
		assertThat(find(undone, beforeRollback.get(500).getId())).isEqualTo(beforeRollback.get(500));
	}

	@Test
	void deletedSnapshotsAreGoneAndEveryRefusalHasItsCodeAndWritesNothing() {
		CreateSnapshotResponse snapshot = create("", "");
		assertThat(this.hosts.blocking()
			.deleteSnapshot(DeleteSnapshotRequest.newBuilder().setSnapshotId(snapshot.getSnapshotId()).build())
			.getSuccess()).isTrue();
		assertThat(list(0, 0)).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM host_snapshot_entries", Integer.class)).isZero();
		double notFound = rollbacks("not_found");
		double invalid = rollbacks("invalid");

		assertStatus(() -> this.hosts.blocking()
			.deleteSnapshot(DeleteSnapshotRequest.newBuilder().setSnapshotId(snapshot.getSnapshotId()).build()),
				Status.Code.NOT_FOUND, "no snapshot with id " + snapshot.getSnapshotId());
		assertStatus(() -> rollback(snapshot.getSnapshotId()), Status.Code.NOT_FOUND, "no snapshot with id");
		assertStatus(() -> rollback("not-a-ulid"), Status.Code.INVALID_ARGUMENT,
				"snapshot_id: must be a ULID (26 Crockford base-32 characters), got \"not-a-ulid\"");
		assertStatus(() -> this.hosts.blocking().deleteSnapshot(DeleteSnapshotRequest.getDefaultInstance()),
				Status.Code.INVALID_ARGUMENT, "snapshot_id: must be a ULID");
		assertStatus(() -> create("n".repeat(256), ""), Status.Code.INVALID_ARGUMENT,
				"name: must be at most 255 printable characters");
		assertStatus(() -> create("two\nlines", ""), Status.Code.INVALID_ARGUMENT, "name: must be at most 255");
		assertStatus(() -> create("", "t".repeat(65)), Status.Code.INVALID_ARGUMENT,
				"trigger: must be at most 64 printable characters");
		assertStatus(() -> create("", "tab\there"), Status.Code.INVALID_ARGUMENT, "trigger:");
		assertThat(list(0, 0)).isEmpty();
		assertThat(rollbacks("not_found")).isEqualTo(notFound + 1);
		assertThat(rollbacks("invalid")).isEqualTo(invalid + 1);

	}

	@Test
	void retentionOnEveryCreateKeepsTheNewestAndDropsTheOldPreRollbackSnapshotsIncluded() {
		String old = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
		long monthAgo = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now().minus(Duration.ofDays(31)));
		this.jdbc.update("INSERT INTO host_snapshots (id, name, cause, created_at, entry_count, change_id) "
				+ "VALUES (?, 'old', 'manual', ?, 1, ?)", old, monthAgo, Change.NONE.id());
		this.jdbc.update("INSERT INTO host_snapshot_entries (snapshot_id, id, ip_address, ip_key, hostname, hostname_key, "
				+ "aliases, comment, tags, tag_keys, search_text, created_at, updated_at, version) "
				+ "VALUES (?, ?, '10.9.9.9', '4', 'old.example', 'old.example', '', NULL, '', '', '', ?, ?, 1)", old, old,
				monthAgo, monthAgo);
		this.hosts.add("10.0.0.1", "a.example");

		List<String> created = IntStream.range(0, MAX_SNAPSHOTS + 1)
			.mapToObj((i) -> create("s" + i, "").getSnapshotId())
			.toList();
		assertThat(list(0, 0)).extracting(Snapshot::getSnapshotId)
			.as("older than max-age, and then past max-snapshots")
			.containsExactly(created.get(5), created.get(4), created.get(3), created.get(2), created.get(1));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM host_snapshot_entries WHERE snapshot_id IN (?, ?)",
				Integer.class, old, created.get(0))).isZero();

		RollbackToSnapshotResponse rollback = rollback(created.get(3));
		List<Snapshot> after = list(0, 0);
		assertThat(after).hasSize(MAX_SNAPSHOTS);
		assertThat(after.get(0).getSnapshotId()).isEqualTo(rollback.getNewSnapshotId());
		assertThat(after).extracting(Snapshot::getSnapshotId).doesNotContain(created.get(1));
	}

	@Test
	void scheduledSnapshotsAreTakenOnlyWhenTheRegistryChangedAndNotTwiceWithinHalfTheInterval() {
		assertThat(this.context.containsBean("scheduledSnapshots")).isTrue();
		this.hosts.add("10.0.0.1", "a.example");
		this.snapshots.takeScheduled();
		List<Snapshot> one = list(0, 0);
		assertThat(one).extracting(Snapshot::getTrigger).containsExactly("scheduled");
		assertThat(one.get(0).getName()).matches("snapshot-\\d{8}T\\d{6}Z");

		this.snapshots.takeScheduled();
		assertThat(list(0, 0)).as("nothing changed").hasSize(1);
		create("manual", "");
		this.hosts.add("10.0.0.2", "b.example");
		this.snapshots.takeScheduled();
		assertThat(list(0, 0)).as("a scheduled one was taken within half the interval").hasSize(2);
	}

	@Test
	void aRollbackWhileAnImportIsBeingAppliedIsAbortedAndWritesNothing() {
		this.hosts.add("10.0.0.1", "seed.example");
		CreateSnapshotResponse snapshot = create("", "");
		double aborted = rollbacks("aborted");
		ImportCall importing = this.hosts.startImport(document(10_000, "10.3"), "hosts", "skip", false, 60_000);
		assertThat(importing.firstResponse().orTimeout(30, TimeUnit.SECONDS).join().getCreated())
			.as("progress: the import is inside its transaction").isPositive();

		assertStatus(() -> rollback(snapshot.getSnapshotId()), Status.Code.ABORTED,
				"another rollback or import is being applied; nothing was written");
		assertThat(importing.await().getCode()).isEqualTo(Status.Code.OK);
		assertThat(importing.responses().get(importing.responses().size() - 1).getCreated()).isEqualTo(10_000);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM host_entries", Integer.class)).isEqualTo(10_001);
		assertThat(list(0, 0)).as("the refused rollback took no pre-rollback snapshot").hasSize(1);
		assertThat(rollbacks("aborted")).isEqualTo(aborted + 1);
	}

	@Test
	void theDbComponentAndTheGaugeCountSnapshots() throws Exception {
		try (Doors doors = Doors.of(this.context)) {
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				JsonNode details = JsonMapper.shared().readTree(doors.get("/actuator/health/db").body()).path("details");
				assertThat(details.path("snapshots").asInt(-1)).isZero();
				assertThat(details.has("newestSnapshotAgeSeconds")).as("no age without a snapshot").isFalse();
			});
		}
		create("", "");
		create("", "");
		try (Doors doors = Doors.of(this.context)) {
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				JsonNode details = JsonMapper.shared().readTree(doors.get("/actuator/health/db").body()).path("details");
				assertThat(details.path("snapshots").asInt()).isEqualTo(2);
				assertThat(details.path("newestSnapshotAgeSeconds").isNumber()).isTrue();
				assertThat(this.meters.get("vigil.hosts.snapshots").gauge().value()).isEqualTo(2);
			});
		}
	}

	private CreateSnapshotResponse create(String name, String trigger) {
		return this.hosts.blocking()
			.createSnapshot(CreateSnapshotRequest.newBuilder().setName(name).setTrigger(trigger).build());
	}

	private RollbackToSnapshotResponse rollback(String id) {
		return this.hosts.blocking()
			.rollbackToSnapshot(RollbackToSnapshotRequest.newBuilder().setSnapshotId(id).build());
	}

	private List<Snapshot> list(int limit, int offset) {
		List<Snapshot> snapshots = new ArrayList<>();
		this.hosts.blocking()
			.listSnapshots(ListSnapshotsRequest.newBuilder().setLimit(limit).setOffset(offset).build())
			.forEachRemaining((response) -> snapshots.add(response.getSnapshot()));
		return snapshots;
	}

	private long newestChange() {
		return this.jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM host_changes", Long.class);
	}

	private double rollbacks(String result) {
		return this.meters.get("vigil.hosts.rollbacks").tag("result", result).counter().count();
	}

	/** Every entry without what a rollback renews on a changed entry (version, updated_at). */
	private static Set<HostEntry> content(List<HostEntry> entries) {
		return entries.stream()
			.map((entry) -> entry.toBuilder().clearVersion().clearUpdatedAt().build())
			.collect(Collectors.toSet());
	}

	private static HostEntry find(List<HostEntry> entries, String id) {
		return entries.stream().filter((entry) -> entry.getId().equals(id)).findFirst().orElseThrow();
	}

	private static byte[] document(int entries, String prefix) {
		return IntStream.range(0, entries)
			.mapToObj((i) -> prefix + "." + (i / 250) + "." + (i % 250) + "\thost" + i + ".example\n")
			.collect(Collectors.joining())
			.getBytes(StandardCharsets.UTF_8);
	}

}
