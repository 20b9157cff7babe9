package dev.vigil.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * Connections outside the pool, to the pool's database and as its user, for work that keeps one
 * connection for itself (PostgreSQL's {@code LISTEN}): a pooled one would be taken from requests
 * for good. On PostgreSQL an attempt gives up after 2 s, as the pool does, and the connection
 * sends TCP keepalives, so one lost without a word is noticed.
 */
public final class DedicatedConnections {

	private static final String CONNECT_TIMEOUT_SECONDS = "2";

	private final DataSourceProperties properties;

	private final DatabaseBackend backend;

	DedicatedConnections(DataSourceProperties properties, DatabaseBackend backend) {
		this.properties = properties;
		this.backend = backend;
	}

	/** A new connection, which the caller closes. */
	public Connection open() throws SQLException {
		Properties connection = new Properties();
		if (this.properties.determineUsername() != null) {
			connection.setProperty("user", this.properties.determineUsername());
		}
		if (this.properties.determinePassword() != null) {
			connection.setProperty("password", this.properties.determinePassword());
		}
		if (this.backend == DatabaseBackend.POSTGRESQL) {
			connection.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
			connection.setProperty("tcpKeepAlive", "true");
		}
		return DriverManager.getConnection(this.properties.determineUrl(), connection);
	}

}
