package dev.vigil.hosts.rpc;

/**
 * The keys of the {@code sinks} component's details that count the sinks.
 */
final class SinksHealthDetails {

	/** The sinks that count now (a stream open, or heard from within the window). */
	static final String COUNT = "count";

	/** Those of them that show the newest change and are not failing. */
	static final String CONVERGED = "converged";

	/** Those with no status, failed renders in a row or a failed reload. */
	static final String FAILING = "failing";

	/** Those not failing but not showing the newest change past the grace period. */
	static final String LAGGING = "lagging";

	/** How many sinks the details list (failing first), at most {@code vigil.hosts.sinks.max-listed}. */
	static final String LISTED = "listed";

	private SinksHealthDetails() {
	}

}
