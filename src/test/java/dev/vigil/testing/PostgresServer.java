package dev.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

/**
 * A real PostgreSQL server for tests, which can be stopped and started again on the same port
 * and data directory, as a database outage would look to Vigil.
 */
public final class PostgresServer implements AutoCloseable {

	private final Path dataDirectory;

	private final int port;

	/** Server settings beside the embedded defaults; commits wait for what synchronous_commit says when set here. */
	private final Map<String, String> settings;

	private EmbeddedPostgres server;

	private PostgresServer(Path dataDirectory, int port, Map<String, String> settings) {
		this.dataDirectory = dataDirectory;
		this.port = port;
		this.settings = settings;
	}

	public static PostgresServer start() {
		return start(Map.of());
	}

	/** A server with these settings ({@code synchronous_commit=on}, say) beside the embedded defaults. */
	public static PostgresServer start(Map<String, String> settings) {
		try {
			PostgresServer postgres = new PostgresServer(Files.createTempDirectory("vigil-pg"), Ports.free(), settings);
			postgres.resume();
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A streaming standby of this server, from a base backup ({@code pg_basebackup -R}, Debian's
	 * {@code postgresql-client}), on a port of its own. Made synchronous by
	 * {@code synchronous_standby_names} on this server, every commit here waits for it.
	 */
	public PostgresServer standby() {
		try {
			Path directory = Files.createTempDirectory("vigil-pg-standby");
			Files.delete(directory);
			SystemCommands.Result backup = SystemCommands.run(Duration.ofMinutes(2), List.of("pg_basebackup", "-h",
					"127.0.0.1", "-p", String.valueOf(this.port), "-U", "postgres", "-D", directory.toString(), "-R", "-X",
					"stream"));
			if (backup.exit() != 0) {
				throw new IllegalStateException("pg_basebackup failed: " + backup.output());
			}
			PostgresServer standby = new PostgresServer(directory, Ports.free(), this.settings);
			standby.resume();
			return standby;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Runs one statement as the superuser. */
	public void execute(String sql) {
		try (Connection connection = this.server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The first column of the first row of a query, as the superuser; null without a row. */
	public String queryForString(String sql) {
		try (Connection connection = this.server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			return rows.next() ? rows.getString(1) : null;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	/** Points Spring's datasource at this server, logging in with the given password. */
	public void registerDataSource(DynamicPropertyRegistry registry, String password) {
		registerDataSource(registry, password, this.port);
	}

	/** Points Spring's datasource at this server through {@code port} (a proxy's, say). */
	public void registerDataSource(DynamicPropertyRegistry registry, String password, int port) {
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + port + "/postgres");
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> password);
	}

	/** Stops the server; its data stays for {@link #resume()}. */
	public synchronized void stop() {
		try {
			if (this.server != null) {
				this.server.close();
				this.server = null;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts the server again on the same port and data. */
	public synchronized void resume() {
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(this.port);
			this.settings.forEach(builder::setServerConfig);
			this.server = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		stop();
		FileSystemUtils.deleteRecursively(this.dataDirectory.toFile());
	}

}
