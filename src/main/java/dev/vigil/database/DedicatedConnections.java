package dev.vigil.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * Connections outside the pool, to the pool's database and as its user, for work that keeps one
 * connection for itself (PostgreSQL's {@code LISTEN}): a pooled one would be taken from requests
 * for good.
 */
public final class DedicatedConnections {

	private final DataSourceProperties properties;

	DedicatedConnections(DataSourceProperties properties) {
		this.properties = properties;
	}

	/** A new connection, which the caller closes. */
	public Connection open() throws SQLException {
		return DriverManager.getConnection(this.properties.determineUrl(), this.properties.determineUsername(),
				this.properties.determinePassword());
	}

}
