package dev.vigil.hosts;

/**
 * The names of the hosts module's health components, as health groups and every door show them.
 */
public final class HostsHealthComponents {

	/** The rendered hosts file: whether it shows the newest change. */
	public static final String HOSTS_FILE = "hostsFile";

	/** The WatchHosts consumers and what they report: DEGRADED when one lags or fails, never in readiness. */
	public static final String SINKS = "sinks";

	private HostsHealthComponents() {
	}

}
