package dev.vigil.database;

import dev.vigil.health.HealthCheckScheduler;
import dev.vigil.support.OneLine;

/**
 * What a request path tells the {@code db} component when it finds the connection to the database
 * gone: readiness follows the first failed request instead of the next check interval. Contention
 * (a busy SQLite file) is not reported: it says nothing about the database being away.
 */
public class DatabaseFailureSignal {

	private final HealthCheckScheduler scheduler;

	DatabaseFailureSignal(HealthCheckScheduler scheduler) {
		this.scheduler = scheduler;
	}

	/** Requests wait while the pool has no connection at all: it cannot open one. */
	void poolStarved(int waiting) {
		this.scheduler.reportFailure(DatabaseHealthDetails.COMPONENT,
				"no database connection: " + waiting + " request(s) waiting and the pool cannot open one");
	}

	/** Reports the failure to the {@code db} component if it says the connection is gone. */
	public void report(RuntimeException failure) {
		if (DatabaseErrors.isConnectionLost(failure)) {
			this.scheduler.reportFailure(DatabaseHealthDetails.COMPONENT, OneLine.of(failure));
		}
	}

}
