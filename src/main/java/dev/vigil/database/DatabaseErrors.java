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
 * Tells a database that is away or busy (the caller may retry: UNAVAILABLE) from other failures,
 * and an outage (the connection refused, reset or lost) from contention (a busy SQLite file, a
 * pool whose connections are all at work).
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
		if (causedBy(ex, DatabaseErrors::isContention)) {
			// Worth a retry, but no sign the database is gone, however it surfaced: a statement, a
			// transaction that could not begin, a connection the pool could not lend in time.
			return busyCounts;
		}
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

	/** Whether the failure is PostgreSQL's {@code lock_timeout} running out (SQLSTATE 55P03, lock not available). */
	static boolean isLockTimeout(RuntimeException ex) {
		return causedBy(ex, (sql) -> "55P03".equals(sql.getSQLState()));
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
		return isConnectionLost(sql) || isContention(sql);
	}

	/**
	 * A busy SQLite file (another writer holds it past the busy timeout), or the pool's timeout
	 * while every connection it has is alive and at work: Hikari's timeout carries the last failure
	 * to open a connection as its cause, and none when no attempt failed.
	 */
	private static boolean isContention(SQLException sql) {
		if (sql.getClass().getName().startsWith("org.sqlite.")) {
			int primary = sql.getErrorCode() & 0xFF;
			return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
		}
		return sql instanceof SQLTransientConnectionException && sql.getCause() == null && sql.getMessage() != null
				&& sql.getMessage().contains("Connection is not available");
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
