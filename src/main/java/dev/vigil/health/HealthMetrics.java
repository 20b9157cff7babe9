package dev.vigil.health;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/**
 * Health gauges for Prometheus: {@code vigil_health_status} per group and per component (1 UP,
 * 0.5 DEGRADED, 0 otherwise) and {@code vigil_health_check_age_seconds} per background-checked
 * component. A scrape only reads latest results; it never runs a check.
 */
class HealthMetrics implements MeterBinder {

	private static final String STATUS = "vigil.health.status";

	private final HealthEvaluator evaluator;

	private final HealthContributorRegistry registry;

	private final HealthCheckScheduler scheduler;

	HealthMetrics(HealthEvaluator evaluator, HealthContributorRegistry registry, HealthCheckScheduler scheduler) {
		this.evaluator = evaluator;
		this.registry = registry;
		this.scheduler = scheduler;
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		for (String group : this.evaluator.groupNames()) {
			statusGauge(meters, "group", group,
					() -> this.evaluator.group(group).map(GroupHealth::status).map(HealthStatuses::gaugeValue).orElse(0.0));
		}
		this.registry.stream()
			.filter((entry) -> entry.contributor() instanceof HealthIndicator)
			.forEach((entry) -> {
				HealthIndicator indicator = (HealthIndicator) entry.contributor();
				statusGauge(meters, "component", entry.name(),
						() -> HealthStatuses.gaugeValue(indicator.health().getStatus()));
			});
		for (BackgroundHealthIndicator indicator : this.scheduler.indicators()) {
			Gauge.builder("vigil.health.check.age", indicator, (checked) -> checked.age().toNanos() / 1e9)
				.description("Age of the component's latest health check result")
				.baseUnit("seconds")
				.tag("component", indicator.name())
				.register(meters);
		}
	}

	private static void statusGauge(MeterRegistry meters, String tag, String value, Supplier<Double> reading) {
		Gauge.builder(STATUS, reading, Supplier::get)
			.description("Health status: 1 UP, 0.5 DEGRADED, 0 OUT_OF_SERVICE or DOWN")
			.tag(tag, value)
			.strongReference(true)
			.register(meters);
	}

}
