package dev.vigil.hosts.registry;

import dev.vigil.database.DatabaseErrors;
import dev.vigil.database.DatabaseUnavailableException;

/**
 * A request the registry refused or could not carry out; the door turns {@link #reason()} into
 * its own status (gRPC INVALID_ARGUMENT, NOT_FOUND, ...). Messages never carry secrets.
 */
public class HostsException extends RuntimeException {

	/** Why a request failed. */
	public enum Reason {

		INVALID, NOT_FOUND, ALREADY_EXISTS, VERSION_CONFLICT, CONCURRENT_WRITE, TOO_LARGE, UNAVAILABLE, DEADLINE_EXCEEDED,
		CANCELLED

	}

	private final Reason reason;

	public HostsException(Reason reason, String message) {
		super(message, null, false, false);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	public static HostsException invalid(String field, String rule) {
		return new HostsException(Reason.INVALID, field + ": " + rule);
	}

	/** The failure as a registry error when the database is unavailable; otherwise the failure itself. */
	public static RuntimeException fromDatabase(RuntimeException ex) {
		if (ex instanceof HostsException) {
			return ex;
		}
		if (ex instanceof DatabaseUnavailableException refused) {
			return new HostsException(Reason.UNAVAILABLE, refused.getMessage());
		}
		if (DatabaseErrors.isUnavailable(ex)) {
			return new HostsException(Reason.UNAVAILABLE, "database unavailable");
		}
		return ex;
	}

}
