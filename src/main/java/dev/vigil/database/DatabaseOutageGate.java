package dev.vigil.database;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.vigil.health.BackgroundHealthIndicator;
import dev.vigil.health.CheckRefresh;
import dev.vigil.health.ComponentState;
import dev.vigil.health.HealthTimeline;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Fails calls fast while the database is known to be down: while {@code db} is DOWN, from its check
 * or from a request that found the connection gone, a call is refused at once with the reason and
 * how long it has lasted, rather than waiting for a connection that will not come. One trial call
 * at a time still reaches the database, so that a recovery is seen without waiting for the next
 * check: a trial that succeeds runs the check now, which turns {@code db} UP for every door.
 * <p>
 * Built on the health model rather than a circuit breaker library: the model already knows the
 * database is down (its check and every request's failure signal feed it), and a breaker counting
 * failures of its own could disagree with readiness. Reads the {@code db} indicator's latest
 * result: no I/O, no lock.
 */
public class DatabaseOutageGate {

	private final BackgroundHealthIndicator db;

	private final HealthTimeline timeline;

	private final CheckRefresh recheck;

	private final AtomicBoolean trialUnderWay = new AtomicBoolean();

	DatabaseOutageGate(BackgroundHealthIndicator db, HealthTimeline timeline, CheckRefresh recheck) {
		this.db = db;
		this.timeline = timeline;
		this.recheck = recheck;
	}

	/**
	 * Lets a call reach the database, or refuses it. Close the pass when the call has ended, and tell
	 * it first when the database answered.
	 *
	 * @throws DatabaseUnavailableException when {@code db} is DOWN and a trial call is under way
	 */
	public Pass admit() {
		if (!this.db.checked()) {
			return Pass.FREE;
		}
		Health health = this.db.health();
		if (!Status.DOWN.equals(health.getStatus())) {
			return Pass.FREE;
		}
		if (this.trialUnderWay.compareAndSet(false, true)) {
			return new Trial();
		}
		String lasted = this.timeline.heldFor(DatabaseHealthDetails.COMPONENT)
			.map((held) -> " for " + WritePath.seconds(held))
			.orElse("");
		throw new DatabaseUnavailableException("database unavailable: db DOWN" + lasted + " ("
				+ ComponentState.of(DatabaseHealthDetails.COMPONENT, health).reason() + ")");
	}

	/** A call's way through the gate. */
	public interface Pass extends AutoCloseable {

		/** A call while the database is not known to be down. */
		Pass FREE = new Pass() {

			@Override
			public void answered() {
			}

			@Override
			public void close() {
			}

		};

		/** The database answered the call (its own refusal of a bad value counts). */
		void answered();

		@Override
		void close();

	}

	/** The one call let through while {@code db} is DOWN. */
	private final class Trial implements Pass {

		@Override
		public void answered() {
			DatabaseOutageGate.this.recheck.run();
		}

		@Override
		public void close() {
			DatabaseOutageGate.this.trialUnderWay.set(false);
		}

	}

}
