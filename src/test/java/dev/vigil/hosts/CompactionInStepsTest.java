package dev.vigil.hosts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.CompactAggregatesRequest;
import dev.vigil.api.routerhosts.v1.CompactAggregatesResponse;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.client.RouterHostsClient;
import dev.vigil.testing.Doors;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CompactAggregates over 20,000 entries with 3 events each, while a writer adds a host every 20 ms:
 * the compaction works in steps, each its own short transaction under the write lock, so no AddHost
 * waits more than 500 ms behind it (it waited 1.5 s behind one transaction); a dry run reports the
 * same figures and changes nothing.
 */
@VigilTest
@TestPropertySource(properties = { "spring.datasource.url=jdbc:sqlite:target/test-data/compaction/${random.uuid}.db",
		"vigil.hosts.file.path=target/test-data/compaction/hosts" })
@DirtiesContext
class CompactionInStepsTest {

	static final int ENTRIES = 20_000;

	@Autowired
	ApplicationContext context;

	@Test
	void aLongCompactionLetsOtherWritesThrough() throws Exception {
		try (Doors doors = Doors.of(this.context); RouterHostsClient client = doors.client()) {
			for (String alias : List.of("one", "two", "three")) {
				client.importHosts(document(alias), "hosts", "replace", true, (progress) -> {
				});
			}
			HostsServiceGrpc.HostsServiceBlockingStub hosts = HostsServiceGrpc.newBlockingStub(doors.channel())
				.withDeadlineAfter(2, TimeUnit.MINUTES);
			CompactAggregatesResponse dryRun = hosts
				.compactAggregates(CompactAggregatesRequest.newBuilder().setOverThreshold(1).setDryRun(true).build());
			assertThat(dryRun.getCompactedCount()).isEqualTo(ENTRIES);
			assertThat(dryRun.getTotalEventsReclaimed()).isEqualTo(2L * ENTRIES);

			List<Long> waits = new CopyOnWriteArrayList<>();
			AtomicBoolean compacting = new AtomicBoolean(true);
			AtomicInteger added = new AtomicInteger();
			Thread writer = new Thread(() -> {
				while (compacting.get()) {
					long start = System.nanoTime();
					HostsServiceGrpc.newBlockingStub(doors.channel())
						.withDeadlineAfter(10, TimeUnit.SECONDS)
						.addHost(AddHostRequest.newBuilder()
							.setIpAddress("10.200.0." + (added.incrementAndGet() % 250 + 1))
							.setHostname("during-" + added.get() + ".example")
							.build());
					waits.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
					try {
						Thread.sleep(20);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "compaction-test-writer");
			writer.start();
			long started = System.nanoTime();
			CompactAggregatesResponse compacted = hosts
				.compactAggregates(CompactAggregatesRequest.newBuilder().setOverThreshold(1).build());
			long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			compacting.set(false);
			writer.join(Duration.ofSeconds(15).toMillis());

			long longest = waits.stream().mapToLong(Long::longValue).max().orElse(0);
			System.out.printf("compaction of %d entries took %dms; %d AddHost meanwhile, the longest waited %dms%n",
					ENTRIES, tookMillis, waits.size(), longest);
			assertThat(compacted.getTotalEventsReclaimed()).isEqualTo(dryRun.getTotalEventsReclaimed());
			assertThat(compacted.getCompactedList()).containsExactlyInAnyOrderElementsOf(dryRun.getCompactedList());
			assertThat(waits).as("AddHost calls during the compaction").hasSizeGreaterThan(3);
			assertThat(longest).isLessThan(500);
		}
	}

	/** The same 20,000 entries, each with a different alias, so that a replace is a change of each. */
	private static byte[] document(String alias) {
		StringBuilder hosts = new StringBuilder();
		for (int i = 0; i < ENTRIES; i++) {
			hosts.append("10.").append(i / 250 % 250).append('.').append(i % 250).append(".1 compact-").append(i)
				.append(".example ").append(alias).append('-').append(i).append('\n');
		}
		return hosts.toString().getBytes(StandardCharsets.UTF_8);
	}

}
