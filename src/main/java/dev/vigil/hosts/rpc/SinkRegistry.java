package dev.vigil.hosts.rpc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.vigil.health.CheckRefresh;
import dev.vigil.hosts.HostsProperties.SinkSettings;
import dev.vigil.hosts.registry.Change;
import dev.vigil.hosts.registry.ChangeFeed;

/**
 * Every WatchHosts consumer (a sink) Vigil has heard from, by the caller's identity: what it last
 * reported, when, and how many of its streams are open; and the judgement of each against the
 * newest change. Publishes per-sink gauges, removed with the sink once it has been gone longer
 * than the window.
 */
class SinkRegistry {

	private final Map<String, Sink> sinks = new ConcurrentHashMap<>();

	private final ChangeFeed feed;

	private final SinkSettings settings;

	private final MeterRegistry meters;

	private final Clock clock;

	/** Runs the {@code sinks} check after every recorded change, so health shows it at once. */
	private final CheckRefresh changed = new CheckRefresh();

	public SinkRegistry(ChangeFeed feed, SinkSettings settings, MeterRegistry meters, Clock clock) {
		this.feed = feed;
		this.settings = settings;
		this.meters = meters;
		this.clock = clock;
	}

	/** Called after every recorded change, so health can show it at once. */
	void onChange(Runnable changed) {
		this.changed.refreshWith(changed);
	}

	public void opened(String name) {
		sink(name).opened(this.clock.instant());
		this.changed.run();
	}

	public void closed(String name) {
		sink(name).closed(this.clock.instant());
		this.changed.run();
	}

	public void report(String name, SinkReport report) {
		sink(name).report(report, this.clock.instant());
		this.changed.run();
	}

	/**
	 * The sinks that count now, by name: those with a stream open or heard from within the window.
	 * The others are forgotten, with their gauges.
	 */
	/** The settings the judgements follow. */
	SinkSettings settings() {
		return this.settings;
	}

	List<Judgement> judge() {
		Instant now = this.clock.instant();
		List<Judgement> judged = new ArrayList<>();
		for (Sink sink : this.sinks.values()) {
			Sink.State state = sink.state();
			if (state.openStreams() == 0 && Duration.between(state.lastSeen(), now).compareTo(this.settings.window()) > 0) {
				forget(sink);
				continue;
			}
			judged.add(judge(sink.name(), state));
		}
		judged.sort(Comparator.comparing(Judgement::name));
		return judged;
	}

	private Judgement judge(String name, Sink.State state) {
		Instant now = this.clock.instant();
		Change newest = this.feed.newest();
		boolean graceOver = Duration.between(this.feed.newestSince(), now).compareTo(this.settings.grace()) > 0;
		SinkReport report = state.report();
		List<String> problems = new ArrayList<>();
		if (report == null) {
			problems.add("no status reported");
		}
		else {
			if (!report.renderedChangeId().equals(newest.id()) && graceOver) {
				problems.add("renders change " + (report.renderedChangeId().isEmpty() ? "none" : report.renderedChangeId())
						+ ", newest is " + newest.id());
			}
			if (report.consecutiveFailures() > 0) {
				problems.add(report.consecutiveFailures() + " failed renders in a row");
			}
			if (report.reloadFailed()) {
				problems.add("reload failed");
			}
		}
		return new Judgement(name, state, problems);
	}

	private Sink sink(String name) {
		return this.sinks.computeIfAbsent(name, (key) -> {
			Sink sink = new Sink(key, this.clock.instant());
			sink.meters = List.of(gauge("vigil.sinks.converged", "1 when the sink shows the newest change and is not failing", key,
					(state) -> judge(key, state).converged() ? 1 : 0),
					gauge("vigil.sinks.last.seen.seconds", "Seconds since the sink last sent anything", key,
							(state) -> seconds(state.lastSeen())),
					gauge("vigil.sinks.last.success.seconds", "Seconds since the sink last rendered successfully (NaN: never)", key,
							(state) -> (state.report() != null && state.report().lastSuccess() != null)
									? seconds(state.report().lastSuccess()) : Double.NaN),
					gauge("vigil.sinks.consecutive.failures", "Renders the sink reports failed in a row", key,
							(state) -> (state.report() != null) ? state.report().consecutiveFailures() : 0),
					gauge("vigil.sinks.reload.failed", "1 when the sink reports its last reload failed", key,
							(state) -> (state.report() != null && state.report().reloadFailed()) ? 1 : 0));
			return sink;
		});
	}

	private Meter gauge(String name, String description, String sink, ToDoubleFunction<Sink.State> value) {
		return Gauge.builder(name, () -> {
			Sink current = this.sinks.get(sink);
			return (current != null) ? value.applyAsDouble(current.state()) : Double.NaN;
		}).description(description).tag("sink", sink).register(this.meters);
	}

	private double seconds(Instant since) {
		return Math.max(0, Duration.between(since, this.clock.instant()).toMillis() / 1000.0);
	}

	private void forget(Sink sink) {
		if (this.sinks.remove(sink.name(), sink)) {
			sink.meters.forEach(this.meters::remove);
		}
	}

	/**
	 * One sink, judged.
	 *
	 * @param name the caller's identity
	 * @param state what it last reported and when
	 * @param problems why it is not converged; empty when it is
	 */
	record Judgement(String name, Sink.State state, List<String> problems) {

		boolean converged() {
			return this.problems.isEmpty();
		}

		/** Failing rather than only behind: no status, failed renders in a row, or a failed reload. */
		boolean failing() {
			SinkReport report = this.state.report();
			return report == null || report.consecutiveFailures() > 0 || report.reloadFailed();
		}

		/** How many renders in a row failed, for ordering the worst first. */
		int consecutiveFailures() {
			SinkReport report = this.state.report();
			return (report != null) ? report.consecutiveFailures() : 0;
		}

	}

	/** A sink's record; its state changes as one. */
	static final class Sink {

		private final String name;

		private State state;

		private List<Meter> meters = List.of();

		Sink(String name, Instant now) {
			this.name = name;
			this.state = new State(null, now, 0);
		}

		String name() {
			return this.name;
		}

		synchronized State state() {
			return this.state;
		}

		public synchronized void opened(Instant now) {
			this.state = new State(this.state.report(), now, this.state.openStreams() + 1);
		}

		public synchronized void closed(Instant now) {
			this.state = new State(this.state.report(), now, Math.max(0, this.state.openStreams() - 1));
		}

		public synchronized void report(SinkReport report, Instant now) {
			this.state = new State(report, now, this.state.openStreams());
		}

		/**
		 * @param report the last status received; null before the first
		 * @param lastSeen when the sink last opened, closed or sent anything
		 * @param openStreams its WatchHosts streams open now
		 */
		record State(SinkReport report, Instant lastSeen, int openStreams) {
		}

	}

}
