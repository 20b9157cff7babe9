package dev.vigil.doors.ipc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.NamingConvention;

/**
 * The {@code metrics_response} body: every meter of the registry Prometheus scrapes, named by that
 * registry's convention, as counters, gauges and histograms (count, sum and max; times in seconds).
 */
final class MetricsSnapshot {

	private final List<Map<String, Object>> counters = new ArrayList<>();

	private final List<Map<String, Object>> gauges = new ArrayList<>();

	private final List<Map<String, Object>> histograms = new ArrayList<>();

	private final NamingConvention naming;

	private MetricsSnapshot(NamingConvention naming) {
		this.naming = naming;
	}

	static Map<String, Object> of(MeterRegistry registry) {
		MetricsSnapshot snapshot = new MetricsSnapshot(registry.config().namingConvention());
		registry.forEachMeter(snapshot::add);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("counters", snapshot.counters);
		body.put("gauges", snapshot.gauges);
		body.put("histograms", snapshot.histograms);
		return body;
	}

	private void add(Meter meter) {
		meter.match((Gauge gauge) -> value(this.gauges, gauge, gauge.value()),
				(Counter counter) -> value(this.counters, counter, counter.count()),
				(Timer timer) -> histogram(timer, timer.count(), timer.totalTime(TimeUnit.SECONDS),
						timer.max(TimeUnit.SECONDS), "seconds"),
				(DistributionSummary summary) -> histogram(summary, summary.count(), summary.totalAmount(),
						summary.max(), summary.getId().getBaseUnit()),
				(LongTaskTimer timer) -> histogram(timer, timer.activeTasks(), timer.duration(TimeUnit.SECONDS),
						timer.max(TimeUnit.SECONDS), "seconds"),
				(TimeGauge gauge) -> value(this.gauges, gauge, gauge.value(TimeUnit.SECONDS)),
				(FunctionCounter counter) -> value(this.counters, counter, counter.count()),
				(FunctionTimer timer) -> histogram(timer, (long) timer.count(), timer.totalTime(TimeUnit.SECONDS),
						Double.NaN, "seconds"),
				(Meter other) -> null);
	}

	private Void value(List<Map<String, Object>> into, Meter meter, double value) {
		Map<String, Object> entry = identity(meter);
		entry.put("value", finite(value));
		into.add(entry);
		return null;
	}

	private Void histogram(Meter meter, long count, double sum, double max, String unit) {
		Map<String, Object> entry = identity(meter);
		entry.put("count", count);
		entry.put("sum", finite(sum));
		entry.put("max", finite(max));
		entry.put("unit", unit);
		this.histograms.add(entry);
		return null;
	}

	private Map<String, Object> identity(Meter meter) {
		Meter.Id id = meter.getId();
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("name", this.naming.name(id.getName(), id.getType(), id.getBaseUnit()));
		Map<String, String> tags = new LinkedHashMap<>();
		id.getTagsAsIterable().forEach((tag) -> tags.put(this.naming.tagKey(tag.getKey()), tag.getValue()));
		entry.put("tags", tags);
		return entry;
	}

	/** JSON has no NaN or infinity: a gauge whose source is gone reads null. */
	private static Double finite(double value) {
		return Double.isFinite(value) ? value : null;
	}

}
