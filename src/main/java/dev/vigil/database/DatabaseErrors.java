package dev.vigil.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Predicate;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database that is away or busy (the caller may retry: UNAVAILABLE) from other failures.
 */
public final class DatabaseErrors {

	private static final int SQLITE_BUSY = 5;

	private static final int SQLITE_LOCKED = 6;

	private DatabaseErrors() {
	}

	/** Whether the failure says the database is away or busy, so that a retry may succeed. */
	public static boolean isUnavailable(RuntimeException ex) {
		return matches(ex, true);
	}

	/**
	 * Whether the failure says the connection to the database is gone (refused, reset, the server
	 * shutting down): evidence of an outage, unlike a busy SQLite file, which is contention.
	 */
	public static boolean isConnectionLost(RuntimeException ex) {
		return matches(ex, false);
	}

	private static boolean matches(RuntimeException ex, boolean busyCounts) {
		Predicate<SQLException> cause = busyCounts ? DatabaseErrors::isUnavailable : DatabaseErrors::isConnectionLost;
		if (ex instanceof CannotGetJdbcConnectionException || ex instanceof CannotCreateTransactionException
				|| ex instanceof DataAccessResourceFailureException) {
			return true;
		}
		if (ex instanceof TransientDataAccessException) {
			// Lock contention and timeouts: worth a retry, but no sign the database is gone.
			return busyCounts || causedBy(ex, cause);
		}
		if (ex instanceof TransactionSystemException rollback && rollback.getApplicationException() instanceof RuntimeException original
				&& matches(original, busyCounts)) {
			// The rollback failed because the statement before it had already lost the connection.
			return true;
		}
		if (ex instanceof DataAccessException || ex instanceof TransactionException) {
			// A connection broken mid-call surfaces wrapped in whatever was running: a statement, a
			// commit, or the rollback after either.
			return causedBy(ex, cause);
		}
		return false;
	}

	private static boolean causedBy(RuntimeException ex, Predicate<SQLException> cause) {
		for (Throwable next = ex.getCause(); next != null; next = next.getCause()) {
			if (next instanceof SQLException sql && cause.test(sql)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isUnavailable(SQLException sql) {
		return isConnectionLost(sql) || (sql.getClass().getName().startsWith("org.sqlite.")
				&& (sql.getErrorCode() == SQLITE_BUSY || sql.getErrorCode() == SQLITE_LOCKED));
	}

	private static boolean isConnectionLost(SQLException sql) {
		if (sql instanceof SQLTransientConnectionException || sql instanceof SQLNonTransientConnectionException
				|| sql instanceof SQLRecoverableException) {
			return true;
		}
		String state = (sql.getSQLState() != null) ? sql.getSQLState() : "";
		// 08: connection exceptions; 57P: PostgreSQL shutting down, crashed or not yet accepting.
		return state.startsWith("08") || state.startsWith("57P");
	}

}
