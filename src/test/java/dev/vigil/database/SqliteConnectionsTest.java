package dev.vigil.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh database file, opened at once by the writer and by a reader pool, as a first start opens
 * it (the read and check pools fill in the background while Flyway takes the writer's first
 * connection): the writer's first connection must never find the file locked. It did, now and
 * then, while every kind of connection switched the file to WAL: two connections converting an
 * empty file at once, one of them got SQLITE_BUSY, and the start failed in Flyway.
 */
class SqliteConnectionsTest {

	private static final int STARTS = 150;

	@Test
	void aFreshFileOpensForTheWriterWhileReadersConnect(@TempDir Path work) throws Exception {
		List<String> failures = new ArrayList<>();
		for (int start = 0; start < STARTS; start++) {
			String url = "jdbc:sqlite:" + Files.createDirectories(work.resolve("start-" + start)).resolve("vigil.db");
			CyclicBarrier together = new CyclicBarrier(3);
			List<CompletableFuture<Void>> readers = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				readers.add(CompletableFuture.runAsync(() -> open(reader(url), together)));
			}
			try {
				open(writer(url), together);
				for (CompletableFuture<Void> opened : readers) {
					opened.get(10, TimeUnit.SECONDS);
				}
			}
			catch (Exception ex) {
				failures.add("start " + start + ": " + ex.getMessage());
			}
		}
		assertThat(failures).as("first starts whose connections found the file locked").isEmpty();
		try (HikariDataSource pool = new HikariDataSource(reader("jdbc:sqlite:" + work.resolve("start-0/vigil.db")));
				Connection connection = pool.getConnection();
				Statement statement = connection.createStatement();
				ResultSet journal = statement.executeQuery("PRAGMA journal_mode")) {
			journal.next();
			assertThat(journal.getString(1)).as("a reader follows the file's mode, which the writer set").isEqualTo("wal");
		}
	}

	private static HikariConfig writer(String url) {
		HikariConfig pool = pool(url);
		SqliteConnections.configureWriter(pool, new DatabaseProperties.Sqlite(4, DatabaseProperties.Synchronous.NORMAL, Duration.ofSeconds(1)));
		return pool;
	}

	private static HikariConfig reader(String url) {
		HikariConfig pool = pool(url);
		SqliteConnections.configureReader(pool);
		return pool;
	}

	private static HikariConfig pool(String url) {
		HikariConfig pool = new HikariConfig();
		pool.setJdbcUrl(url);
		pool.setMaximumPoolSize(1);
		return pool;
	}

	/** Opens one connection once the others are ready to, and reads through it, as the writer's migration does first. */
	private static void open(HikariConfig config, CyclicBarrier together) {
		try {
			together.await(10, TimeUnit.SECONDS);
			try (HikariDataSource pool = new HikariDataSource(config); Connection connection = pool.getConnection();
					Statement statement = connection.createStatement();
					ResultSet journal = statement.executeQuery("PRAGMA journal_mode")) {
				journal.next();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

}
