package dev.vigil.hosts.sinks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.vigil.health.ComponentCheck;
import dev.vigil.health.HealthStatuses;
import dev.vigil.hosts.feed.ChangeFeed;

import org.springframework.boot.health.contributor.Health;

/**
 * The {@code sinks} component: UP while every sink that counts (a stream open, or heard from within
 * the window) shows the newest change (after a grace period), with no failed renders and no failed
 * reload; DEGRADED otherwise, naming each sink and why. Never in readiness: a broken consumer must
 * not take the server out of service. Reads only what the registry recorded.
 */
public class SinksHealthCheck implements ComponentCheck {

	private final SinkRegistry registry;

	private final ChangeFeed feed;

	public SinksHealthCheck(SinkRegistry registry, ChangeFeed feed) {
		this.registry = registry;
		this.feed = feed;
	}

	/** A report shows at once; a new change only matters once the grace period is over, at a scheduled check. */
	@Override
	public void refreshWith(Runnable refreshNow) {
		this.registry.onChange(refreshNow);
	}

	@Override
	public Health check() {
		List<SinkRegistry.Judgement> judged = this.registry.judge();
		Map<String, Object> details = describe();
		Map<String, Object> sinks = new LinkedHashMap<>();
		judged.forEach((judgement) -> sinks.put(judgement.name(), describe(judgement)));
		long converged = judged.stream().filter(SinkRegistry.Judgement::converged).count();
		details.put(SinksHealthDetails.COUNT, judged.size());
		details.put(SinksHealthDetails.CONVERGED, converged);
		details.put("sinks", sinks);
		if (converged == judged.size()) {
			return Health.up().withDetails(details).build();
		}
		details.put("reason", judged.stream()
			.filter((judgement) -> !judgement.converged())
			.map((judgement) -> judgement.name() + ": " + String.join(", ", judgement.problems()))
			.collect(Collectors.joining("; ")));
		return Health.status(HealthStatuses.DEGRADED).withDetails(details).build();
	}

	@Override
	public Map<String, Object> describe() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("newestChangeId", this.feed.newest().id());
		return details;
	}

	private static Map<String, Object> describe(SinkRegistry.Judgement judgement) {
		SinkRegistry.Sink.State state = judgement.state();
		SinkReport report = state.report();
		Map<String, Object> sink = new LinkedHashMap<>();
		sink.put("converged", judgement.converged());
		sink.put("openStreams", state.openStreams());
		sink.put("lastSeen", state.lastSeen().toString());
		if (report != null) {
			sink.put("renderedChangeId", report.renderedChangeId());
			sink.put("consecutiveFailures", report.consecutiveFailures());
			sink.put("reloadFailed", report.reloadFailed());
			sink.put("contractVersion", report.contractVersion());
			sink.put("lastSuccess", (report.lastSuccess() != null) ? report.lastSuccess().toString() : "");
			sink.put("lastReloadSuccess", (report.lastReloadSuccess() != null) ? report.lastReloadSuccess().toString() : "");
		}
		if (!judgement.converged()) {
			sink.put("problems", judgement.problems());
		}
		return sink;
	}

}
