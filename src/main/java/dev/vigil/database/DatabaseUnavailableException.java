package dev.vigil.database;

/**
 * The database was not tried, or not waited for any longer: it is known to be down, or the write
 * lock did not come within the caller's bound. Nothing was written; the caller may retry
 * (UNAVAILABLE). The message says why, for the caller, and carries no secret.
 */
public class DatabaseUnavailableException extends RuntimeException {

	DatabaseUnavailableException(String message) {
		super(message, null, false, false);
	}

}
