package dev.vigil.hosts.rpc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.SinkStatus;
import dev.vigil.health.HealthStatuses;
import dev.vigil.hosts.HostsProperties.SinkSettings;
import dev.vigil.hosts.registry.ChangeFeed;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code sinks} component with a fleet of 1,000 recorded sinks: it counts them by state, lists
 * at most {@code max-listed} (failing first, the most failures in a row first, then lagging), and
 * its reason names the worst three and how many more. A registry of its own, so the fleet does
 * not reach the shared context's component.
 */
@VigilTest
class SinksAtFleetScaleTest {

	@Autowired
	ChangeFeed feed;

	@Test
	void aThousandSinksGiveBoundedDetailsWithCorrectCounts() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		SinkRegistry registry = new SinkRegistry(this.feed, new SinkSettings(Duration.ofMinutes(15), Duration.ZERO, 20),
				meters, Clock.systemUTC());
		String newest = this.feed.newest().id();
		Instant now = Instant.now();
		for (int i = 0; i < 1000; i++) {
			String name = String.format("router-%04d", i);
			SinkStatus.Builder status = SinkStatus.newBuilder().setContractVersion("1").setLastSuccessUnix(now.getEpochSecond());
			if (i % 100 == 7) {
				// 10 failing, router-0907 with the most failures in a row.
				status.setConsecutiveFailures(1 + i / 100).setRenderedChangeId(newest);
			}
			else if (i % 50 == 3) {
				// 20 lagging: a valid id that is not the newest.
				status.setRenderedChangeId("01H00000000000000000000000");
			}
			else {
				status.setRenderedChangeId(newest);
			}
			registry.report(name, SinkReport.of(status.build(), now));
		}

		Health health = new SinksHealthCheck(registry, this.feed).check();

		assertThat(health.getStatus()).isEqualTo(HealthStatuses.DEGRADED);
		Map<String, Object> details = health.getDetails();
		assertThat(details).containsEntry("count", 1000)
			.containsEntry("converged", 970L)
			.containsEntry("failing", 10L)
			.containsEntry("lagging", 20L)
			.containsEntry("listed", 20);
		@SuppressWarnings("unchecked")
		Map<String, Object> listed = (Map<String, Object>) details.get("sinks");
		assertThat(listed).hasSize(20);
		List<String> names = List.copyOf(listed.keySet());
		assertThat(names.subList(0, 3)).containsExactly("router-0907", "router-0807", "router-0707");
		assertThat(names.subList(10, 20)).allMatch((name) -> Integer.parseInt(name.substring(7)) % 50 == 3);
		assertThat((String) details.get("reason")).startsWith("router-0907: 10 failed renders in a row; router-0807: ")
			.endsWith("; and 27 more");
		// Per-sink gauges stay, five series a sink.
		assertThat(meters.find("vigil.sinks.converged").gauges()).hasSize(1000);
	}

}
