package dev.vigil.hosts.rpc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.vigil.health.ComponentCheck;
import dev.vigil.health.HealthStatuses;
import dev.vigil.hosts.HostsProperties.SinkSettings;
import dev.vigil.hosts.registry.ChangeFeed;

import org.springframework.boot.health.contributor.Health;

/**
 * The {@code sinks} component: UP while every sink that counts (a stream open, or heard from within
 * the window) shows the newest change (after a grace period), with no failed renders and no failed
 * reload; DEGRADED otherwise, the reason naming the worst few. The details count the sinks by state
 * and list at most {@link SinkSettings#maxListed()}, failing first, then lagging, so a fleet's stay
 * bounded. Never in readiness: a broken consumer must not take the server out of service. Reads
 * only what the registry recorded.
 */
class SinksHealthCheck implements ComponentCheck {

	/** How many sinks the reason names; the details list more, up to the configured bound. */
	private static final int REASON_SINKS = 3;

	/** Failing sinks first (most failures in a row first), then lagging ones, then converged; by name within each. */
	private static final Comparator<SinkRegistry.Judgement> WORST_FIRST = Comparator
		.comparingInt((SinkRegistry.Judgement judgement) -> judgement.converged() ? 2 : judgement.failing() ? 0 : 1)
		.thenComparing(Comparator.comparingInt(SinkRegistry.Judgement::consecutiveFailures).reversed())
		.thenComparing(SinkRegistry.Judgement::name);

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
		List<SinkRegistry.Judgement> judged = new ArrayList<>(this.registry.judge());
		judged.sort(WORST_FIRST);
		long failing = judged.stream().filter((judgement) -> !judgement.converged() && judgement.failing()).count();
		long converged = judged.stream().filter(SinkRegistry.Judgement::converged).count();
		int listed = Math.min(judged.size(), this.registry.settings().maxListed());
		Map<String, Object> details = describe();
		details.put(SinksHealthDetails.COUNT, judged.size());
		details.put(SinksHealthDetails.CONVERGED, converged);
		details.put(SinksHealthDetails.FAILING, failing);
		details.put(SinksHealthDetails.LAGGING, judged.size() - converged - failing);
		details.put(SinksHealthDetails.LISTED, listed);
		Map<String, Object> sinks = new LinkedHashMap<>();
		judged.subList(0, listed).forEach((judgement) -> sinks.put(judgement.name(), describe(judgement)));
		details.put("sinks", sinks);
		if (converged == judged.size()) {
			return Health.up().withDetails(details).build();
		}
		List<SinkRegistry.Judgement> unconverged = judged.subList(0, (int) (judged.size() - converged));
		String reason = unconverged.stream()
			.limit(REASON_SINKS)
			.map((judgement) -> judgement.name() + ": " + String.join(", ", judgement.problems()))
			.collect(Collectors.joining("; "));
		if (unconverged.size() > REASON_SINKS) {
			reason = reason + "; and " + (unconverged.size() - REASON_SINKS) + " more";
		}
		details.put("reason", reason);
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
