package dev.vigil.hosts.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.api.routerhosts.v1.WatchHostsResponse;
import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostFields;
import dev.vigil.hosts.registry.HostUpdate;
import dev.vigil.hosts.registry.HostWrites;
import dev.vigil.hosts.registry.HostWrites.WriteCaller;
import dev.vigil.hosts.registry.HostsRegistry;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared WatchHosts snapshots on a real registry (SQLite): one per change id, at most the limit
 * live, and a follower of a revoked one finishing it with reads of its own, every entry once, one
 * to a message or in batches.
 */
@VigilTest
class SharedSnapshotsTest {

	private static final int PAGE = 10;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:sqlite:target/test-data/shared-snapshots.db");
		registry.add("vigil.hosts.file.path", () -> "target/test-data/hosts-shared-snapshots");
	}

	@Autowired
	HostsRegistry registry;

	@Autowired
	HostWrites writes;

	@Autowired
	JdbcTemplate jdbc;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final List<String> ids = new ArrayList<>();

	@BeforeEach
	void fiftyEntries() {
		this.jdbc.update("DELETE FROM host_entries");
		for (int i = 0; i < 50; i++) {
			this.ids.add(add("10.40.0." + i, "shared" + i + ".example").id());
		}
		// In id order, the order snapshots send them in.
		this.ids.sort(null);
	}

	@Test
	void followersDueOneChangeShareOneSnapshotAndAChangeMakesANewOne() {
		SharedSnapshots shared = new SharedSnapshots(this.registry, PAGE, 2, this.meters, observedIn(this.meters));
		SharedSnapshots.Shared first = shared.newest().orElseThrow();
		assertThat(shared.newest()).containsSame(first);
		assertThat(first.parts(false)).extracting(SharedSnapshots.Part::lastId).containsExactlyElementsOf(this.ids);
		assertThat(first.parts(true)).extracting(SharedSnapshots.Part::entries).containsExactly(10, 10, 10, 10, 10);
		assertThat(first.change()).isEqualTo(this.registry.newestChange());

		add("10.40.1.1", "later.example");
		SharedSnapshots.Shared second = shared.newest().orElseThrow();
		assertThat(second).isNotSameAs(first);
		assertThat(second.parts(false)).hasSize(51);
		assertThat(gauge("vigil.hosts.watch.shared.snapshots")).isEqualTo(2);

		add("10.40.1.2", "latest.example");
		shared.newest().orElseThrow();
		assertThat(first.parts(false)).as("the oldest, revoked past the limit of 2").isNull();
		assertThat(first.parts(true)).isNull();
		assertThat(second.parts(false)).hasSize(51);
		assertThat(gauge("vigil.hosts.watch.shared.snapshots")).isEqualTo(2);
		assertThat(gauge("vigil.hosts.watch.shared.bytes")).isGreaterThan(0);
		assertThat(this.meters.get("vigil.hosts.watch.snapshot").timer().count()).as("one build, one span, per change")
			.isEqualTo(3);
	}

	/** Observations timed in {@code meters}, as Spring Boot's handler times them. */
	private static ObservationRegistry observedIn(MeterRegistry meters) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		return observations;
	}

	@ParameterizedTest(name = "batched: {0}")
	@ValueSource(booleans = { false, true })
	void aFollowerOfARevokedSnapshotFinishesItWithItsOwnReadsEveryEntryOnce(boolean batched) throws IOException {
		SharedSnapshots shared = new SharedSnapshots(this.registry, PAGE, 1, this.meters, ObservationRegistry.NOOP);
		WatchSnapshots stream = new WatchSnapshots(shared, this.registry, PAGE, Clock.systemUTC(), ObservationRegistry.NOOP);
		if (batched) {
			stream.batched();
		}
		String startedAt = this.registry.newestChange().id();
		List<WatchHostsResponse> sent = new ArrayList<>(decode(stream.get()));
		assertThat(sent).hasSize(batched ? 1 : PAGE);
		assertThat(entries(sent)).hasSize(PAGE);

		// Entries not yet sent move and one is added; a newer snapshot revokes the one being sent.
		for (int i = 20; i < 50; i += 3) {
			this.writes.update(this.ids.get(i), new HostUpdate(Optional.of("10.41.0." + i), Optional.empty(),
					Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), WriteCaller.UNATTENDED);
		}
		String added = add("10.40.2.1", "during.example").id();
		shared.newest().orElseThrow();

		List<WatchHostsResponse> page;
		do {
			page = decode(stream.get());
			sent.addAll(page);
		}
		while (!page.get(page.size() - 1).hasComplete());
		List<HostEntry> entries = entries(sent);
		assertThat(entries).extracting(HostEntry::getId).doesNotHaveDuplicates().containsAll(this.ids).contains(added);
		assertThat(sent).allSatisfy((response) -> assertThat(response.hasEntries()).isEqualTo(batched && !response.hasComplete()));
		WatchHostsResponse complete = sent.get(sent.size() - 1);
		assertThat(complete.getComplete().getCount()).isEqualTo(entries.size());
		assertThat(complete.getComplete().getChangeId()).as("the change read before the first entry").isEqualTo(startedAt);
		assertThat(entries.stream().filter((entry) -> entry.getId().equals(this.ids.get(20))))
			.singleElement()
			.satisfies((entry) -> assertThat(entry.getIpAddress()).as("read after the move").isEqualTo("10.41.0.20"));
		assertThat(decode(stream.get())).as("nothing more until the next change is due").isEmpty();
	}

	@Test
	void withSharingOffEachFollowerReadsItsOwnPages() throws IOException {
		SharedSnapshots none = new SharedSnapshots(this.registry, PAGE, 0, this.meters, ObservationRegistry.NOOP);
		assertThat(none.newest()).isEmpty();
		WatchSnapshots stream = new WatchSnapshots(none, this.registry, PAGE, Clock.systemUTC(), ObservationRegistry.NOOP);
		List<WatchHostsResponse> sent = new ArrayList<>();
		List<WatchHostsResponse> page;
		do {
			page = decode(stream.get());
			sent.addAll(page);
		}
		while (!page.get(page.size() - 1).hasComplete());
		assertThat(sent).hasSize(51);
		assertThat(sent.get(50).getComplete().getCount()).isEqualTo(50);
	}

	private Host add(String address, String hostname) {
		return this.writes.add(new HostFields(address, hostname, List.of(), null, List.of()), WriteCaller.UNATTENDED);
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

	/** The entries the messages carry, one to a message or in batches. */
	private static List<HostEntry> entries(List<WatchHostsResponse> messages) {
		List<HostEntry> entries = new ArrayList<>();
		for (WatchHostsResponse message : messages) {
			if (message.hasEntry()) {
				entries.add(message.getEntry());
			}
			entries.addAll(message.getEntries().getEntriesList());
		}
		return entries;
	}

	private static List<WatchHostsResponse> decode(List<EncodedResponse> page) throws IOException {
		List<WatchHostsResponse> messages = new ArrayList<>();
		for (EncodedResponse response : page) {
			try (InputStream bytes = EncodedResponse.MARSHALLER.stream(response)) {
				messages.add(WatchHostsResponse.parseFrom(bytes));
			}
		}
		return messages;
	}

}
