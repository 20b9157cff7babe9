package dev.vigil.hosts.sinks;

/**
 * The {@code sinks} component's name, and the keys of its details that count the sinks.
 */
public final class SinksHealthDetails {

	/** The component's name, in health groups and on every door. */
	public static final String COMPONENT = "sinks";

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
