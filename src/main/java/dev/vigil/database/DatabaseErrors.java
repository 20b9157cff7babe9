package dev.vigil.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

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
		if (ex instanceof CannotGetJdbcConnectionException || ex instanceof CannotCreateTransactionException
				|| ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessException) {
			return true;
		}
		if (ex instanceof TransactionSystemException rollback && rollback.getApplicationException() instanceof RuntimeException original
				&& isUnavailable(original)) {
			// The rollback failed because the statement before it had already lost the connection.
			return true;
		}
		if (ex instanceof DataAccessException || ex instanceof TransactionException) {
			// A connection broken mid-call surfaces wrapped in whatever was running: a statement, a
			// commit, or the rollback after either.
			for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
				if (cause instanceof SQLException sql && isUnavailable(sql)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean isUnavailable(SQLException sql) {
		if (sql instanceof SQLTransientConnectionException || sql instanceof SQLNonTransientConnectionException
				|| sql instanceof SQLRecoverableException) {
			return true;
		}
		String state = (sql.getSQLState() != null) ? sql.getSQLState() : "";
		// 08: connection exceptions; 57P: PostgreSQL shutting down, crashed or not yet accepting.
		if (state.startsWith("08") || state.startsWith("57P")) {
			return true;
		}
		return sql.getClass().getName().startsWith("org.sqlite.")
				&& (sql.getErrorCode() == SQLITE_BUSY || sql.getErrorCode() == SQLITE_LOCKED);
	}

}
