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

	private volatile Snapshot last;

	private volatile Runnable refreshNow = () -> {
	};

	HostsFileHealthCheck(Path path, ChangeFeed feed, Clock clock) {
		this.path = path;
		this.feed = feed;
		this.clock = clock;
	}

	/** Records a render's outcome, and has health show it at once; returns how many renders in a row have now failed. */
	synchronized int record(HostsFileRenderedEvent event, Instant at) {
		Snapshot previous = this.last;
		int failures = event.result().succeeded() ? 0 : ((previous != null) ? previous.consecutiveFailures : 0) + 1;
		this.last = new Snapshot(event, at, failures);
		this.refreshNow.run();
		return failures;
	}

	@Override
	public void refreshWith(Runnable refreshNow) {
		this.refreshNow = refreshNow;
	}

	@Override
	public Health check() {
		Snapshot snapshot = this.last;
		Map<String, Object> details = describe();
		if (snapshot == null) {
			return Health.up().withDetails(details).withDetail("lastResult", "pending").build();
		}
		details.put("lastResult", snapshot.event.result().name().toLowerCase(Locale.ROOT));
		details.put("lastRenderAt", snapshot.at.toString());
		details.put("entries", snapshot.event.entryCount());
		details.put("consecutiveFailures", snapshot.consecutiveFailures);
		details.put("error", snapshot.event.error());
		if (snapshot.event.result().succeeded()) {
			details.put("renderedChangeId", snapshot.event.changeId());
		}
		details.put("behindFeedMs", behindFeed(snapshot).toMillis());
		Health.Builder health = snapshot.event.result().succeeded() ? Health.up() : Health.status(HealthStatuses.DEGRADED);
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
	private Duration behindFeed(Snapshot snapshot) {
		if (snapshot.event.result().succeeded() && snapshot.event.changeId().equals(this.feed.newest().id())) {
			return Duration.ZERO;
		}
		Duration behind = Duration.between(this.feed.newestSince(), this.clock.instant());
		return behind.isNegative() ? Duration.ZERO : behind;
	}

	private record Snapshot(HostsFileRenderedEvent event, Instant at, int consecutiveFailures) {
	}

}
