package dev.vigil.health;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A health indicator that only reads: it returns the latest result of its component's background
 * check, or DOWN {@code stale} once that result is older than the component's staleness bound.
 * {@link #health()} does no I/O, takes no lock and allocates nothing, so probes cost microseconds
 * whatever the component is doing.
 */
public final class BackgroundHealthIndicator implements HealthIndicator {

	/** Reason a component gives before its first check has finished. */
	static final String PENDING_REASON = "no result yet";

	private final String name;

	private final CheckSettings settings;

	private final LongSupplier nanoClock;

	private final Health staleHealth;

	private volatile CheckResult latest;

	private volatile boolean checked;

	BackgroundHealthIndicator(String name, CheckSettings settings, LongSupplier nanoClock) {
		this.name = name;
		this.settings = settings;
		this.nanoClock = nanoClock;
		this.staleHealth = Health.down()
			.withDetail(CheckResult.REASON, "stale: no result for more than " + settings.staleness().toMillis() + "ms")
			.build();
		this.latest = new CheckResult(Health.down().withDetail(CheckResult.REASON, PENDING_REASON).build(),
				nanoClock.getAsLong(), Duration.ZERO);
	}

	@Override
	public Health health() {
		CheckResult result = this.latest;
		return isStale(result) ? this.staleHealth : result.health();
	}

	/** The component's name, as groups and metrics know it. */
	public String name() {
		return this.name;
	}

	CheckSettings settings() {
		return this.settings;
	}

	void record(CheckResult result) {
		this.latest = result;
		this.checked = true;
	}

	/** Whether a result has been recorded: before that the component says DOWN {@code no result yet}. */
	public boolean checked() {
		return this.checked;
	}

	/** How long ago the latest result was recorded. */
	Duration age() {
		return Duration.ofNanos(this.nanoClock.getAsLong() - this.latest.finishedAtNanos());
	}

	private boolean isStale(CheckResult result) {
		return this.nanoClock.getAsLong() - result.finishedAtNanos() > this.settings.staleness().toNanos();
	}

}
