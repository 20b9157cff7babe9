package dev.vigil.hosts.rpc;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import dev.vigil.api.routerhosts.v1.SinkStatus;
import dev.vigil.hosts.registry.Change;
import dev.vigil.hosts.registry.HostValidator;
import dev.vigil.hosts.registry.HostsException;

/**
 * A consumer's {@link SinkStatus}, checked: absurd values are refused with the field and why, so
 * nothing a sink sends can skew health or metrics.
 *
 * @param lastSuccess when the sink last rendered successfully; null if never
 * @param consecutiveFailures renders that failed in a row
 * @param contractVersion the contract the sink speaks
 * @param renderedChangeId the change id of the snapshot the sink has rendered; empty if none
 * @param reloadFailed whether the sink's last reload of its service failed
 * @param lastReloadSuccess when the sink last reloaded its service; null if never
 */
record SinkReport(Instant lastSuccess, int consecutiveFailures, String contractVersion, String renderedChangeId,
		boolean reloadFailed, Instant lastReloadSuccess) {

	/** A sink's clock may run ahead of ours, but not by this much. */
	static final Duration MAX_CLOCK_AHEAD = Duration.ofDays(1);

	static final int MAX_CONTRACT_VERSION = 64;

	/** Checks a received status against {@code now}; throws {@link HostsException} INVALID on absurd values. */
	public static SinkReport of(SinkStatus status, Instant now) {
		if (status.getConsecutiveFailures() < 0) {
			throw HostsException.invalid("status.consecutive_failures", "must not be negative, got "
					+ status.getConsecutiveFailures());
		}
		String version = HostValidator.label("status.contract_version", status.getContractVersion(),
				MAX_CONTRACT_VERSION);
		String changeId = status.getRenderedChangeId().toUpperCase(Locale.ROOT);
		if (!changeId.isEmpty() && !Change.isId(changeId)) {
			throw HostsException.invalid("status.rendered_change_id", "must be empty or a change id (a ULID), got \""
					+ HostValidator.printable(status.getRenderedChangeId()) + "\"");
		}
		return new SinkReport(unixTime("status.last_success_unix", status.getLastSuccessUnix(), now),
				status.getConsecutiveFailures(), version, changeId, status.getReloadFailed(),
				unixTime("status.last_reload_success_unix", status.getLastReloadSuccessUnix(), now));
	}

	private static Instant unixTime(String field, long seconds, Instant now) {
		if (seconds < 0 || seconds > now.plus(MAX_CLOCK_AHEAD).getEpochSecond()) {
			throw HostsException.invalid(field, "must be 0 (never) or seconds since 1970 not after tomorrow, got " + seconds);
		}
		return (seconds == 0) ? null : Instant.ofEpochSecond(seconds);
	}

}
