package dev.vigil.hosts;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import dev.vigil.hosts.registry.HostsException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseErrorsTest {

	@Test
	void aConnectionLostDuringCommitOrRollbackIsUnavailable() {
		TransactionSystemException rollback = new TransactionSystemException("Could not roll back JDBC transaction",
				new SQLException("An I/O error occurred while sending to the backend.", "08006"));
		assertThat(HostsException.fromDatabase(rollback)).isInstanceOfSatisfying(HostsException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(HostsException.Reason.UNAVAILABLE));
		TransactionSystemException afterLostStatement = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		afterLostStatement.initApplicationException(new UncategorizedSQLException("insert", "INSERT ...",
				new SQLException("An I/O error occurred while sending to the backend.", "08006")));
		assertThat(HostsException.fromDatabase(afterLostStatement)).isInstanceOf(HostsException.class);
		UncategorizedSQLException shutdown = new UncategorizedSQLException("insert", "INSERT ...",
				new SQLException("terminating connection due to administrator command", "57P01"));
		assertThat(HostsException.fromDatabase(shutdown)).isInstanceOf(HostsException.class);
	}

	@Test
	void otherFailuresPassThrough() {
		DataIntegrityViolationException duplicate = new DataIntegrityViolationException("dup",
				new SQLException("duplicate key", "23505"));
		assertThat(HostsException.fromDatabase(duplicate)).isSameAs(duplicate);
		IllegalStateException bug = new IllegalStateException("bug");
		assertThat(HostsException.fromDatabase(bug)).isSameAs(bug);
	}

}
