package dev.vigil.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.vigil.health.ComponentCheck;
import dev.vigil.health.HealthStatuses;

import org.springframework.boot.health.contributor.Health;

/**
 * A component whose check does what a test tells it: report a status, throw, or hang until
 * interrupted. It counts its runs, so tests can tell whether probes ran it.
 */
public final class SwitchableCheck implements ComponentCheck {

	/** What the next runs do. */
	public enum Outcome {

		UP, DEGRADED, OUT_OF_SERVICE, DOWN, THROW, HANG

	}

	private final AtomicReference<Outcome> outcome = new AtomicReference<>(Outcome.UP);

	private final AtomicInteger runs = new AtomicInteger();

	public void set(Outcome next) {
		this.outcome.set(next);
	}

	public int runs() {
		return this.runs.get();
	}

	@Override
	public Health check() throws Exception {
		this.runs.incrementAndGet();
		return switch (this.outcome.get()) {
			case UP -> Health.up().build();
			case DEGRADED -> Health.status(HealthStatuses.DEGRADED).withDetail("reason", "needs attention").build();
			case OUT_OF_SERVICE -> Health.outOfService().withDetail("reason", "draining").build();
			case DOWN -> Health.down().withDetail("reason", "broken pipe").build();
			case THROW -> throw new IllegalStateException("check exploded");
			case HANG -> {
				new CountDownLatch(1).await();
				throw new IllegalStateException("unreachable");
			}
		};
	}

}
