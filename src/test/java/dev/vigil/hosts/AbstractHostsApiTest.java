package dev.vigil.hosts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.AliasesUpdate;
import dev.vigil.api.routerhosts.v1.DeleteHostRequest;
import dev.vigil.api.routerhosts.v1.GetHostRequest;
import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.api.routerhosts.v1.SearchHostsRequest;
import dev.vigil.api.routerhosts.v1.TagsUpdate;
import dev.vigil.api.routerhosts.v1.UpdateHostRequest;
import dev.vigil.hosts.formats.HostsFormat;
import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostsRegistry;
import dev.vigil.testing.Doors;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Every {@code router_hosts.v1} host RPC over a real gRPC channel, its error codes, and the
 * rendered hosts file. Subclasses choose the database.
 */
abstract class AbstractHostsApiTest extends HostsRpcTest {

	@LocalServerPort
	int httpPort;

	@Autowired
	HostsRegistry registry;

	@Test
	void addGetUpdateDeleteKeepCanonicalFieldsAndOneVersionPerUpdate() {
		HostEntry added = this.hosts.blocking()
			.addHost(AddHostRequest.newBuilder()
				.setIpAddress("2001:DB8:0:0:0:0:0:1")
				.setHostname("Server.example")
				.addAliases("srv")
				.setComment("  main server ")
				.addTags("prod")
				.build())
			.getEntry();
		assertThat(added.getId()).as("a ULID").matches("[0-7][0-9A-HJKMNP-TV-Z]{25}");
		assertThat(added.getIpAddress()).isEqualTo("2001:db8::1");
		assertThat(added.getComment()).isEqualTo("main server");
		assertThat(added.getCreatedAt()).isEqualTo(added.getUpdatedAt());
		HostEntry read = this.hosts.blocking().getHost(GetHostRequest.newBuilder().setId(added.getId()).build()).getEntry();
		assertThat(read).isEqualTo(added);

		HostEntry keepLists = update(UpdateHostRequest.newBuilder().setId(added.getId()).setHostname("server2.example"));
		assertThat(keepLists.getAliasesList()).containsExactly("srv");
		assertThat(keepLists.getTagsList()).containsExactly("prod");
		assertThat(keepLists.getComment()).isEqualTo("main server");
		assertThat(keepLists.getVersion()).isNotEqualTo(added.getVersion());
		assertThat(keepLists.getCreatedAt()).isEqualTo(added.getCreatedAt());

		HostEntry cleared = update(UpdateHostRequest.newBuilder()
			.setId(added.getId())
			.setExpectedVersion(keepLists.getVersion())
			.setComment("")
			.setAliases(AliasesUpdate.getDefaultInstance())
			.setTags(TagsUpdate.newBuilder().addValues("staging").addValues("db")));
		assertThat(cleared.hasComment()).isFalse();
		assertThat(cleared.getAliasesList()).isEmpty();
		assertThat(cleared.getTagsList()).containsExactly("staging", "db");
		assertThat(List.of(added.getVersion(), keepLists.getVersion(), cleared.getVersion())).doesNotHaveDuplicates();

		assertThat(this.hosts.blocking()
			.deleteHost(DeleteHostRequest.newBuilder().setId(added.getId()).setExpectedVersion(cleared.getVersion()).build())
			.getSuccess()).isTrue();
		assertStatus(() -> this.hosts.blocking().getHost(GetHostRequest.newBuilder().setId(added.getId()).build()),
				Status.Code.NOT_FOUND, "no entry with id " + added.getId());
	}

	@Test
	void eachRefusalHasItsOwnCodeAndNothingIsWritten() {
		HostEntry entry = this.hosts.add("10.0.0.1", "a.example");
		assertStatus(() -> this.hosts.add("10.0.0.300", "b.example"), Status.Code.INVALID_ARGUMENT,
				"ip_address: must be an IPv4 or IPv6 address");
		assertStatus(() -> this.hosts.add("10.0.0.2", "bad_name.example"), Status.Code.INVALID_ARGUMENT, "hostname: label");
		assertStatus(() -> this.hosts.add("10.0.0.1", "A.example"), Status.Code.ALREADY_EXISTS, "already exists");
		HostEntry other = this.hosts.add("10.0.0.2", "a.example");
		assertStatus(() -> update(UpdateHostRequest.newBuilder().setId(other.getId()).setIpAddress("10.0.0.1")),
				Status.Code.ALREADY_EXISTS, "already exists");
		assertStatus(() -> this.hosts.blocking().getHost(GetHostRequest.newBuilder().setId("not-a-ulid").build()),
				Status.Code.INVALID_ARGUMENT, "id: must be a ULID");
		assertStatus(() -> update(UpdateHostRequest.newBuilder().setId("01ARZ3NDEKTSV4RRFFQ69G5FAV").setHostname("x")),
				Status.Code.NOT_FOUND, "no entry");
		assertStatus(() -> this.hosts.blocking()
			.deleteHost(DeleteHostRequest.newBuilder().setId("01ARZ3NDEKTSV4RRFFQ69G5FAV").build()), Status.Code.NOT_FOUND,
				"no entry");
		assertStatus(() -> update(UpdateHostRequest.newBuilder()
			.setId(entry.getId())
			.setExpectedVersion("41")
			.setHostname("c.example")), Status.Code.ABORTED, "expected 41, current " + entry.getVersion());
		assertStatus(() -> this.hosts.blocking()
			.deleteHost(DeleteHostRequest.newBuilder().setId(entry.getId()).setExpectedVersion("41").build()),
				Status.Code.ABORTED, "expected 41, current " + entry.getVersion());
		assertStatus(() -> update(UpdateHostRequest.newBuilder()
			.setId(entry.getId())
			.setAliases(AliasesUpdate.newBuilder().addValues("10.1.1.1"))), Status.Code.INVALID_ARGUMENT,
				"aliases: must be a name, not an IP address");
		assertThat(this.hosts.listAll()).extracting(HostEntry::getHostname, HostEntry::getIpAddress)
			.containsExactly(tuple("a.example", "10.0.0.1"),
					tuple("a.example", "10.0.0.2"));
		assertThat(this.hosts.blocking().getHost(GetHostRequest.newBuilder().setId(entry.getId()).build()).getEntry())
			.isEqualTo(entry);
	}

	@Test
	void concurrentUpdatesOnOneVersionHaveExactlyOneWinner() throws Exception {
		HostEntry entry = this.hosts.add("10.0.0.1", "race.example");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			String version = entry.getVersion();
			for (int round = 0; round < 5; round++) {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<HostEntry>> attempts = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					String comment = "round " + round + " writer " + i;
					String expected = version;
					attempts.add(pool.submit((Callable<HostEntry>) () -> {
						start.await();
						return update(UpdateHostRequest.newBuilder()
							.setId(entry.getId())
							.setExpectedVersion(expected)
							.setComment(comment));
					}));
				}
				start.countDown();
				List<HostEntry> winners = new ArrayList<>();
				int aborted = 0;
				for (Future<HostEntry> attempt : attempts) {
					try {
						winners.add(attempt.get());
					}
					catch (ExecutionException ex) {
						assertThat(Status.fromThrowable(ex.getCause()).getCode()).isEqualTo(Status.Code.ABORTED);
						aborted++;
					}
				}
				assertThat(winners).hasSize(1);
				assertThat(aborted).isEqualTo(7);
				HostEntry stored = this.hosts.blocking()
					.getHost(GetHostRequest.newBuilder().setId(entry.getId()).build())
					.getEntry();
				assertThat(stored.getComment()).isEqualTo(winners.get(0).getComment());
				assertThat(stored.getVersion()).isEqualTo(winners.get(0).getVersion()).isNotEqualTo(version);
				version = stored.getVersion();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void listHonoursFilterLimitAndOffsetInHostsFileOrder() {
		this.hosts.add("10.0.0.10", "ten.example", "web");
		this.hosts.add("10.0.0.9", "nine.example", "db");
		this.hosts.add("::1", "six.example", "web", "v6");
		this.hosts.add("10.0.0.9", "alpha.example");
		assertThat(this.hosts.listAll()).extracting(HostEntry::getHostname)
			.containsExactly("alpha.example", "nine.example", "ten.example", "six.example");
		assertThat(names(ListHostsRequest.newBuilder().setLimit(2).setOffset(1))).containsExactly("nine.example",
				"ten.example");
		assertThat(names(ListHostsRequest.newBuilder().setFilter("tag:WEB"))).containsExactly("ten.example", "six.example");
		assertThat(names(ListHostsRequest.newBuilder().setFilter("tag:web NINE"))).isEmpty();
		assertThat(names(ListHostsRequest.newBuilder().setFilter("10.0.0.9"))).containsExactly("alpha.example",
				"nine.example");
		assertThat(names(ListHostsRequest.newBuilder().setFilter("tag:we"))).isEmpty();
		assertStatus(() -> names(ListHostsRequest.newBuilder().setLimit(-1)), Status.Code.INVALID_ARGUMENT,
				"limit: must not be negative");
	}

	@Test
	void searchIsCaseInsensitiveOverEveryField() {
		this.hosts.blocking()
			.addHost(AddHostRequest.newBuilder()
				.setIpAddress("192.168.7.7")
				.setHostname("nas.example")
				.addAliases("Storage")
				.setComment("Rack 100% full")
				.addTags("Backup")
				.build());
		this.hosts.add("10.9.9.9", "other.example");
		for (String query : List.of("192.168.7", "NAS.EX", "storage", "100% FULL", "backup")) {
			List<String> found = new ArrayList<>();
			this.hosts.blocking()
				.searchHosts(SearchHostsRequest.newBuilder().setQuery(query).build())
				.forEachRemaining((response) -> found.add(response.getEntry().getHostname()));
			assertThat(found).as(query).containsExactly("nas.example");
		}
		assertStatus(() -> this.hosts.blocking().searchHosts(SearchHostsRequest.getDefaultInstance()).hasNext(),
				Status.Code.INVALID_ARGUMENT, "query: must not be empty");
	}

	/** SQLite refuses a LIKE pattern over 50,000 bytes as a server error: the bound comes first. */
	@Test
	void aFilterOrQueryPastItsBoundIsTheCallersMistakeOnEveryDatabase() {
		this.hosts.add("10.9.9.9", "other.example");
		String huge = "x".repeat(100_000);
		assertStatus(() -> this.hosts.blocking().listHosts(ListHostsRequest.newBuilder().setFilter(huge).build()).hasNext(),
				Status.Code.INVALID_ARGUMENT, "filter: must be at most 1024 characters (vigil.hosts.limits), got 100000");
		assertStatus(() -> this.hosts.blocking().searchHosts(SearchHostsRequest.newBuilder().setQuery(huge).build()).hasNext(),
				Status.Code.INVALID_ARGUMENT, "query: must be at most 1024 characters (vigil.hosts.limits), got 100000");
		String manyTerms = "a ".repeat(17);
		assertStatus(() -> this.hosts.blocking().listHosts(ListHostsRequest.newBuilder().setFilter(manyTerms).build()).hasNext(),
				Status.Code.INVALID_ARGUMENT, "filter: at most 16 terms");
		List<String> found = new ArrayList<>();
		this.hosts.blocking()
			.listHosts(ListHostsRequest.newBuilder().setFilter("x".repeat(1024)).build())
			.forEachRemaining((response) -> found.add(response.getEntry().getHostname()));
		assertThat(found).as("at the bound, an ordinary query").isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "hosts", "json", "csv" })
	void exportThenImportRoundTripsManyEntriesAcrossPages(String format) {
		byte[] seed = IntStream.range(0, 1200)
			.mapToObj((i) -> "10.1." + (i / 250) + "." + (i % 250) + "\thost" + i + ".example alias" + i
					+ "\t# entry " + i + ", \"quoted\" [tag" + (i % 3) + ", all]\n")
			.reduce("", String::concat)
			.getBytes(StandardCharsets.UTF_8);
		HostsClient.ImportResult seeded = this.hosts.importHosts(seed, "hosts", "skip", false, 60_000);
		assertThat(seeded.status().getCode()).isEqualTo(Status.Code.OK);
		assertThat(seeded.last().getCreated()).isEqualTo(1200);
		assertThat(seeded.responses()).hasSizeGreaterThan(1);
		List<HostEntry> before = this.hosts.listAll();
		assertThat(before).hasSize(1200);

		byte[] exported = this.hosts.export(format);
		this.jdbc.update("DELETE FROM host_entries");
		HostsClient.ImportResult imported = this.hosts.importHosts(exported, format, "strict", false, 60_000);
		assertThat(imported.status().getCode()).as(imported.last().getError()).isEqualTo(Status.Code.OK);
		assertThat(imported.last().getCreated()).isEqualTo(1200);
		assertThat(contentOf(this.hosts.listAll())).isEqualTo(contentOf(before));
		if (!format.equals("json")) {
			// JSON carries the new ids and timestamps; the other formats are the same bytes again.
			assertThat(this.hosts.export(format)).isEqualTo(exported);
		}
	}

	@Test
	void importConflictModesAndForce() {
		HostEntry existing = this.hosts.add("10.0.0.1", "a.example");
		byte[] document = "10.0.0.1 a.example alias-a # replaced [t]\n10.0.0.2 b.example\n"
			.getBytes(StandardCharsets.UTF_8);

		HostsClient.ImportResult strict = this.hosts.importHosts(document, "hosts", "strict", false, 10_000);
		assertThat(strict.status().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
		assertThat(strict.last().getError()).contains("line 1", "strict");
		assertThat(this.hosts.listAll()).hasSize(1);

		HostsClient.ImportResult skip = this.hosts.importHosts(document, "hosts", "", false, 10_000);
		assertThat(skip.status().isOk()).isTrue();
		assertThat(List.of(skip.last().getCreated(), skip.last().getSkipped(), skip.last().getUpdated())).containsExactly(1, 1, 0);

		HostsClient.ImportResult replace = this.hosts.importHosts(document, "hosts", "replace", false, 10_000);
		assertThat(List.of(replace.last().getCreated(), replace.last().getSkipped(), replace.last().getUpdated()))
			.containsExactly(0, 1, 1);
		HostEntry replaced = this.hosts.blocking()
			.getHost(GetHostRequest.newBuilder().setId(existing.getId()).build())
			.getEntry();
		assertThat(replaced.getComment()).isEqualTo("replaced");
		assertThat(replaced.getAliasesList()).containsExactly("alias-a");
		assertThat(replaced.getVersion()).isNotEqualTo(existing.getVersion());

		byte[] broken = "10.0.0.3 c.example\n10.0.0.999 d.example\nnot-an-entry\n10.0.0.3 C.example\n"
			.getBytes(StandardCharsets.UTF_8);
		HostsClient.ImportResult refused = this.hosts.importHosts(broken, "hosts", "skip", false, 10_000);
		assertThat(refused.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(refused.last().getValidationErrorsList()).hasSize(3)
			.anySatisfy((error) -> assertThat(error).startsWith("line 2: ip_address"))
			.anySatisfy((error) -> assertThat(error).startsWith("line 3: expected an IP address and a hostname"))
			.anySatisfy((error) -> assertThat(error).startsWith("line 4: repeats line 1"));
		assertThat(this.hosts.listAll()).hasSize(2);

		HostsClient.ImportResult forced = this.hosts.importHosts(broken, "hosts", "skip", true, 10_000);
		assertThat(forced.status().isOk()).isTrue();
		assertThat(List.of(forced.last().getProcessed(), forced.last().getCreated(), forced.last().getFailed()))
			.containsExactly(4, 1, 3);
		assertThat(this.hosts.listAll()).hasSize(3);

		HostsClient.ImportResult badFormat = this.hosts.importHosts(document, "yaml", "skip", false, 10_000);
		assertThat(badFormat.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(badFormat.status().getDescription()).contains("format: must be one of hosts, json, csv");
	}

	@Test
	void importPastTheSizeBoundIsResourceExhaustedAndWritesNothing() {
		byte[] huge = ("10.0.0.1 big.example # " + "x".repeat(1000) + "\n").repeat(1100).getBytes(StandardCharsets.UTF_8);
		HostsClient.ImportResult result = this.hosts.importHosts(huge, "hosts", "skip", true, 10_000);
		assertThat(result.status().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
		assertThat(result.status().getDescription()).contains("limit of 1048576 bytes");
		assertThat(this.hosts.listAll()).isEmpty();
	}

	@Test
	void anImportThatOutlivesItsDeadlineWritesNothing() {
		byte[] document = IntStream.range(0, 20000)
			.mapToObj((i) -> "10.2." + (i / 250) + "." + (i % 250) + " deadline" + i + ".example\n")
			.reduce("", String::concat)
			.getBytes(StandardCharsets.UTF_8);
		HostsClient.ImportResult result = this.hosts.importHosts(document, "hosts", "skip", false, 100);
		assertThat(result.status().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		// The server may still be rolling back when the client's deadline fires: poll until it settles.
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.jdbc.queryForObject("SELECT count(*) FROM host_entries", Long.class)).isZero());
	}

	@Test
	void hostsFileIsRenderedAtomicallyInOrderAndOnlyWhenItChanges() throws Exception {
		this.hosts.add("10.0.0.10", "ten.example");
		HostEntry nine = this.hosts.blocking()
			.addHost(AddHostRequest.newBuilder()
				.setIpAddress("10.0.0.9")
				.setHostname("nine.example")
				.addAliases("nine")
				.setComment("the ninth")
				.addTags("a")
				.addTags("b")
				.build())
			.getEntry();
		String expected = HostsFormat.HOSTS.begin() + "10.0.0.9\tnine.example nine\t# the ninth [a, b]\n10.0.0.10\tten.example\n";
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readString(this.hostsFile)).isEqualTo(expected));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.hostsFile))).isEqualTo("rw-r--r--");
		try (Stream<Path> files = Files.list(this.hostsFile.toAbsolutePath().getParent())) {
			assertThat(files.map((file) -> file.getFileName().toString())).noneMatch((name) -> name.endsWith(".tmp"));
		}
		// The file becomes visible a moment before its render is counted: let the counts settle first.
		double settled = settledRenders();
		double written = writes("written");
		// The same comment again: a committed update whose rendering has the same bytes.
		update(UpdateHostRequest.newBuilder().setId(nine.getId()).setComment("the ninth"));
		await().atMost(Duration.ofSeconds(10)).until(() -> renders() > settled);
		assertThat(writes("written")).isEqualTo(written);
		assertThat(writes("unchanged")).isPositive();

		try (Doors doors = new Doors(this.httpPort, this.grpcServer.getPort())) {
			String metrics = doors.get("/actuator/prometheus").body();
			assertThat(metrics).contains("vigil_hosts_entries 2.0").contains("vigil_hosts_file_writes_total{result=\"written\"}");
			assertThat(metrics).contains("grpc_server").contains("AddHost");
			// Calls are timed; the messages of a stream are not counted one by one.
			assertThat(metrics).doesNotContain("grpc_server_sent").doesNotContain("grpc_server_received");
			assertThat(doors.get("/actuator/health/hostsFile").body()).contains("\"status\":\"UP\"")
				.contains("\"lastResult\"");
		}
	}

	/**
	 * What the hosts file is rendered from: while updates keep moving entries from the start of
	 * hosts-file order to its end and back, a read of every entry in small pages holds each entry
	 * exactly once, in order, as one committed state.
	 */
	@Test
	void aReadOfEveryEntryIsOneStateWhileUpdatesMoveEntries() throws Exception {
		int count = 200;
		List<String> ids = IntStream.rangeClosed(1, count)
			.mapToObj((i) -> this.hosts.add("10.0.0." + i, "h" + i + ".example").getId())
			.toList();
		ExecutorService mover = Executors.newSingleThreadExecutor();
		AtomicBoolean moving = new AtomicBoolean(true);
		AtomicInteger moves = new AtomicInteger();
		try {
			Future<?> moved = mover.submit(() -> {
				for (int i = 0; moving.get(); i = (i + 7) % count) {
					// Entry i jumps to the end of the order, or back to its place at the start.
					String subnet = (moves.get() / count % 2 == 0) ? "10.0.1." : "10.0.0.";
					update(UpdateHostRequest.newBuilder().setId(ids.get(i)).setIpAddress(subnet + (i + 1)));
					moves.incrementAndGet();
				}
				return null;
			});
			await().atMost(Duration.ofSeconds(10)).until(() -> moves.get() > 0);
			int before = moves.get();
			for (int read = 0; read < 20; read++) {
				List<Host> all = this.registry.readAll(2, AbstractHostsApiTest::drain).value();
				assertThat(all).extracting(Host::id).as("read %d", read).hasSize(count).doesNotHaveDuplicates();
				assertThat(all).extracting((host) -> lastTwoOctets(host.fields().ipAddress()))
					.as("read %d in hosts-file order", read)
					.isSorted();
			}
			assertThat(moves.get()).as("entries moved during the reads").isGreaterThan(before + 20);
			moving.set(false);
			moved.get(10, TimeUnit.SECONDS);
		}
		finally {
			moving.set(false);
			mover.shutdownNow();
		}
	}

	private static int lastTwoOctets(String ipv4) {
		String[] octets = ipv4.split("\\.");
		return Integer.parseInt(octets[2]) * 256 + Integer.parseInt(octets[3]);
	}

	private static List<Host> drain(Supplier<List<Host>> pages) {
		List<Host> all = new ArrayList<>();
		for (List<Host> page = pages.get(); !page.isEmpty(); page = pages.get()) {
			all.addAll(page);
		}
		return all;
	}

	/** Polls until no render has been counted for a while, and returns the number counted. */
	double settledRenders() {
		AtomicReference<Double> previous = new AtomicReference<>(-1.0);
		await().pollInterval(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10))
			.until(() -> previous.getAndSet(renders()) == renders());
		return renders();
	}

	double renders() {
		return writes("written") + writes("unchanged") + writes("failed");
	}

	double writes(String result) {
		Counter counter = this.meters.find("vigil.hosts.file.writes")
			.tag("result", result)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	static List<String> contentOf(List<HostEntry> entries) {
		List<String> content = new ArrayList<>();
		for (HostEntry entry : entries) {
			content.add(entry.getIpAddress() + " " + entry.getHostname() + " " + entry.getAliasesList() + " "
					+ (entry.hasComment() ? entry.getComment() : "<none>") + " " + entry.getTagsList());
		}
		Collections.sort(content);
		return content;
	}

	private List<String> names(ListHostsRequest.Builder request) {
		return this.hosts.list(request.build()).stream().map(HostEntry::getHostname).toList();
	}

	private HostEntry update(UpdateHostRequest.Builder request) {
		return this.hosts.blocking().updateHost(request.build()).getEntry();
	}

	static void assertStatus(ThrowingCallable call, Status.Code code,
			String message) {
		assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, (ex) -> {
			assertThat(ex.getStatus().getCode()).isEqualTo(code);
			assertThat(String.valueOf(ex.getStatus().getDescription())).contains(message);
		});
	}

}
