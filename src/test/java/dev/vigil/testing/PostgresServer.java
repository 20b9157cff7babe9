package dev.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

	private EmbeddedPostgres server;

	private PostgresServer(Path dataDirectory, int port) {
		this.dataDirectory = dataDirectory;
		this.port = port;
	}

	public static PostgresServer start() {
		try {
			PostgresServer postgres = new PostgresServer(Files.createTempDirectory("vigil-pg"), Ports.free());
			postgres.resume();
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	/** Points Spring's datasource at this server, logging in with the given password. */
	public void registerDataSource(DynamicPropertyRegistry registry, String password) {
		registry.add("spring.datasource.url", this::jdbcUrl);
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
			this.server = EmbeddedPostgres.builder()
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(this.port)
				.start();
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
