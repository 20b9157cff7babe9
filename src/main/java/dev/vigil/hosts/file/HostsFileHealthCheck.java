package dev.vigil.hosts.file;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.vigil.health.ComponentCheck;
import dev.vigil.health.HealthStatuses;
import dev.vigil.health.OutcomeRecorder;
import dev.vigil.hosts.HostsFileRenderedEvent;
import dev.vigil.hosts.registry.ChangeFeed;

import org.springframework.boot.health.contributor.Health;

/**
 * The {@code hostsFile} component: UP once the file matches the registry, DEGRADED while the last
 * render failed (the previous file stays in place). Reads only what the renderer recorded and what
 * the change feed knows; its details say which change the file shows and how far it is behind the
 * feed.
 */
class HostsFileHealthCheck implements ComponentCheck {

	/** The component's name, in health groups and on every door. */

	private final Path path;

	private final ChangeFeed feed;

	private final Clock clock;

	/** Each render's outcome, by the file it wrote. */
	private final OutcomeRecorder<Path, Render> renders = new OutcomeRecorder<>((render) -> render.event().result().succeeded());

	HostsFileHealthCheck(Path path, ChangeFeed feed, Clock clock) {
		this.path = path;
		this.feed = feed;
		this.clock = clock;
	}

	/** Records a render's outcome, and has health show it at once; returns how many renders in a row have now failed. */
	int record(HostsFileRenderedEvent event, Instant at) {
		return this.renders.record(this.path, new Render(event, at));
	}

	@Override
	public void refreshWith(Runnable refreshNow) {
		this.renders.refreshWith(refreshNow);
	}

	@Override
	public Health check() {
		Map<String, Object> details = describe();
		OutcomeRecorder.Outcome<Render> latest = this.renders.latest(this.path).orElse(null);
		if (latest == null) {
			return Health.up().withDetails(details).withDetail("lastResult", "pending").build();
		}
		HostsFileRenderedEvent event = latest.value().event();
		details.put("lastResult", event.result().name().toLowerCase(Locale.ROOT));
		details.put("lastRenderAt", latest.value().at().toString());
		details.put("entries", event.entryCount());
		details.put("consecutiveFailures", latest.consecutiveFailures());
		details.put("error", event.error());
		if (event.result().succeeded()) {
			details.put("renderedChangeId", event.changeId());
		}
		details.put("behindFeedMs", behindFeed(event).toMillis());
		Health.Builder health = event.result().succeeded() ? Health.up() : Health.status(HealthStatuses.DEGRADED);
		return health.withDetails(details).build();
	}

	@Override
	public Map<String, Object> describe() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("path", this.path.toString());
		details.put("feedChangeId", this.feed.newest().id());
		details.put("feedListening", this.feed.listening());
		return details;
	}

	/** How long the feed has been at a change the file does not show yet; zero when it shows it. */
	private Duration behindFeed(HostsFileRenderedEvent event) {
		if (event.result().succeeded() && event.changeId().equals(this.feed.newest().id())) {
			return Duration.ZERO;
		}
		Duration behind = Duration.between(this.feed.newestSince(), this.clock.instant());
		return behind.isNegative() ? Duration.ZERO : behind;
	}

	private record Render(HostsFileRenderedEvent event, Instant at) {
	}

}
