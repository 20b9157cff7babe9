package dev.vigil.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

import dev.vigil.testing.CapturedLog;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's commits never checkpoint; the checkpoint task copies the log into the file beside
 * them, on its own connection, and says how much it left.
 */
class SqliteWalCheckpointTest {

	/** More commits than SQLite's automatic checkpoint (every 1,000 frames) lets the log hold. */
	private static final int COMMITS = 1_500;

	@Test
	void theWriterLeavesTheLogToTheCheckpointWhichCopiesItIntoTheFile(@TempDir Path work) throws Exception {
		String url = "jdbc:sqlite:" + work.resolve("vigil.db");
		Path log = work.resolve("vigil.db-wal");
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		try (HikariDataSource writer = new HikariDataSource(writer(url));
				SqliteWalCheckpoint checkpoint = new SqliteWalCheckpoint(connections(url), writes(), Duration.ofSeconds(1), meters)) {
			try (Connection connection = writer.getConnection()) {
				assertThat(connection.unwrap(SQLiteConnection.class).getConnectionConfig().isGetGeneratedKeys())
					.as("no SELECT last_insert_rowid() after every insert").isFalse();
				try (Statement statement = connection.createStatement()) {
					statement.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
				}
				try (PreparedStatement insert = connection.prepareStatement("INSERT INTO entries (name) VALUES (?)")) {
					for (int i = 0; i < COMMITS; i++) {
						insert.setString(1, "entry-" + i);
						insert.executeUpdate();
					}
				}
			}
			long pageSize = 4096;
			assertThat(Files.size(log)).as("the log holds every commit: the writer never checkpointed")
				.isGreaterThan(COMMITS * pageSize);

			checkpoint.run();

			assertThat(meters.get("vigil.database.sqlite.wal.pending").gauge().value()).isZero();
			try (Connection connection = writer.getConnection(); Statement statement = connection.createStatement()) {
				statement.execute("INSERT INTO entries (name) VALUES ('after')");
				assertThat(logFrames(statement)).as("the next commit started the log again from its beginning, all of it copied")
					.isLessThan(10);
			}
		}
	}

	@Test
	void aCheckpointThatCannotOpenItsConnectionSaysSoOnceDegradesDbAndIsTriedAgainOnTheNextRun(@TempDir Path work) throws Exception {
		Path directory = work.resolve("later");
		String url = "jdbc:sqlite:" + directory.resolve("vigil.db");
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		try (CapturedLog logged = CapturedLog.only(SqliteWalCheckpoint.class.getName(), Level.INFO);
				SqliteWalCheckpoint checkpoint = new SqliteWalCheckpoint(connections(url), writes(), Duration.ofSeconds(1), meters)) {
			checkpoint.run();
			checkpoint.run();
			assertThat(logged.problems()).singleElement().asString().startsWith("database.checkpoint result=FAILED");
			assertThat(logged.events()).allMatch((event) -> event.getThrowableProxy() == null);
			Map<String, Object> details = new LinkedHashMap<>();
			assertThat(checkpoint.contribute(null, details)).as("db DEGRADED while checkpoints fail")
				.hasValueSatisfying((reason) -> assertThat(reason).startsWith("SQLite's write-ahead log is not being copied"));
			assertThat(details).containsEntry("walPendingFrames", 0L);
			Files.createDirectories(directory);
			try (HikariDataSource writer = new HikariDataSource(writer(url)); Connection connection = writer.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY)");
				statement.execute("INSERT INTO entries DEFAULT VALUES");
				assertThat(Files.size(directory.resolve("vigil.db-wal"))).isPositive();
				checkpoint.run();
				assertThat(logged.lines()).last().asString().startsWith("database.checkpoint result=RECOVERED pending=0");
				assertThat(checkpoint.contribute(null, new LinkedHashMap<>())).isEmpty();
			}
		}
	}

	@Test
	void framesAReaderStillReadsStayInTheLogAndAHeldWriteTurnDelaysARunAtMostItsBound(@TempDir Path work) throws Exception {
		String url = "jdbc:sqlite:" + work.resolve("vigil.db");
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		WritePath writes = writes();
		Duration turnWait = Duration.ofMillis(300);
		try (HikariDataSource writer = new HikariDataSource(writer(url));
				Connection reading = DriverManager.getConnection(url);
				SqliteWalCheckpoint checkpoint = new SqliteWalCheckpoint(connections(url), writes, turnWait, meters)) {
			try (Connection connection = writer.getConnection(); Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY)");
				statement.execute("INSERT INTO entries DEFAULT VALUES");
				reading.setAutoCommit(false);
				try (Statement read = reading.createStatement(); ResultSet count = read.executeQuery("SELECT count(*) FROM entries")) {
					count.next();
				}
				for (int i = 0; i < 10; i++) {
					statement.execute("INSERT INTO entries DEFAULT VALUES");
				}
			}
			long started;
			try (WritePath.Turn held = writes.enter(Optional.empty(), () -> {
			})) {
				started = System.nanoTime();
				CompletableFuture.runAsync(checkpoint).get(10, TimeUnit.SECONDS);
			}
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the second pass waited for the write turn, no longer")
				.isGreaterThanOrEqualTo(turnWait)
				.isLessThan(Duration.ofSeconds(5));
			assertThat(meters.get("vigil.database.sqlite.wal.pending").gauge().value())
				.as("the commits after the reader's snapshot").isPositive();
			reading.commit();
			checkpoint.run();
			assertThat(meters.get("vigil.database.sqlite.wal.pending").gauge().value()).isZero();
		}
	}

	/** The frames in the log, from a passive checkpoint, which copies none while the writer's own data is all copied. */
	private static long logFrames(Statement statement) throws Exception {
		try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
			result.next();
			return result.getLong(2);
		}
	}

	private static WritePath writes() {
		return new WritePath(DatabaseBackend.SQLITE, null, Duration.ofSeconds(1), 1, System::nanoTime);
	}

	private static DedicatedConnections connections(String url) {
		DataSourceProperties properties = new DataSourceProperties();
		properties.setUrl(url);
		return new DedicatedConnections(properties, DatabaseBackend.SQLITE);
	}

	private static HikariConfig writer(String url) {
		HikariConfig pool = new HikariConfig();
		pool.setJdbcUrl(url);
		pool.setMaximumPoolSize(1);
		SqliteConnections.configureWriter(pool,
				new DatabaseProperties.Sqlite(4, DatabaseProperties.Synchronous.NORMAL, Duration.ofSeconds(1)));
		return pool;
	}

}
