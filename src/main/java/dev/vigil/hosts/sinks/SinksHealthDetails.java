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

	private SinksHealthDetails() {
	}

}
