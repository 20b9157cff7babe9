package bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;

import dev.vigil.api.routerhosts.v1.GetHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.testing.Channels;
import dev.vigil.testing.HostDocuments;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.util.FileSystemUtils;

/**
 * ImportHosts of 165,000 entries (a 12 MB hosts file) into a growing registry, side by side in one
 * run with a plain batched {@code INSERT} of the same rows, in one transaction and batches of
 * 1,000, into a table with the same indexes; and GetHost and ListHosts latency, with readiness,
 * while each import runs beside the same reads on an idle database. On SQLite and on PostgreSQL.
 * Run it with {@code ./mvnw -Pbenchmark -DskipTests test-compile exec:java@import}; see
 * {@code docs/benchmarks.md}.
 */
public final class ImportBenchmark {

	private static final int ENTRIES = Integer.getInteger("bench.entries", 165_000);

	private static final int ROUNDS = 3;

	private static final String COLUMNS = "id, ip_address, ip_key, hostname, hostname_key, aliases, comment, tags, "
			+ "tag_keys, search_text, created_at, updated_at, version";

	private ImportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		List<String> lines = new ArrayList<>(commitsPerSynchronousLevel());
		lines.addAll(VigilOnEachDatabase.measure(List.of(), ImportBenchmark::measure));
		Figures.printTable("| database | what | Vigil | reference | ratio |",
				"|---|---|---:|---:|---:|", lines);
	}

	private static List<String> measure(String database, ConfigurableApplicationContext app) throws Exception {
		DataSource dataSource = app.getBean(DataSource.class);
		ManagedChannel channel = Channels.local(app.getBean(GrpcServerLifecycle.class).getPort());
		int httpPort = ((WebServerApplicationContext) app).getWebServer().getPort();
		try {
			createPlainTable(dataSource);
			List<Double> vigil = new ArrayList<>();
			List<Double> plain = new ArrayList<>();
			Latencies idle = new Latencies();
			Latencies busy = new Latencies();
			for (int round = 0; round < ROUNDS; round++) {
				String document = HostDocuments.document("10." + round, "r" + round + "h", ENTRIES);
				String probeId = (round == 0) ? null : anyId(dataSource);
				if (probeId != null) {
					idle.during(channel, httpPort, probeId, () -> pause(3_000));
				}
				long start = System.nanoTime();
				Runnable importing = () -> HostDocuments.importHosts(channel, document);
				if (probeId != null) {
					busy.during(channel, httpPort, probeId, importing);
				}
				else {
					importing.run();
				}
				vigil.add((System.nanoTime() - start) / 1e6);
				List<Object[]> rows = rowsOf(dataSource, "10." + round + ".%");
				start = System.nanoTime();
				insertPlain(dataSource, rows);
				plain.add((System.nanoTime() - start) / 1e6);
			}
			double vigilMs = Figures.median(vigil);
			double plainMs = Figures.median(plain);
			return List.of(
					String.format("| %s | ImportHosts of %,d entries vs batched INSERT (entries/s) | %,.0f | %,.0f | %.2f× |",
							database, ENTRIES, ENTRIES / vigilMs * 1000, ENTRIES / plainMs * 1000, plainMs / vigilMs),
					Latencies.row(database, "GetHost", busy.get, idle.get),
					Latencies.row(database, "ListHosts {limit: 1}", busy.list, idle.list),
					String.format("| %s | /readyz not 200 during the imports | %d of %d | | |", database,
							busy.notReady.get(), busy.probes.get()),
					String.format("| %s | reads failed during the imports | %d | | |", database, busy.failedReads.get()));
		}
		finally {
			Channels.close(channel);
		}
	}

	/**
	 * What {@code vigil.database.sqlite.synchronous} costs a small write: single-row transactions a
	 * second on one SQLite file in WAL mode with NORMAL and with FULL, and in the rollback journal
	 * with FULL (SQLite's default, and Vigil's before WAL), interleaved rounds, median of 5.
	 */
	private static List<String> commitsPerSynchronousLevel() throws Exception {
		Path directory = Files.createTempDirectory("vigil-sync-bench");
		List<String[]> levels = List.of(new String[] { "WAL", "NORMAL" }, new String[] { "WAL", "FULL" },
				new String[] { "DELETE", "FULL" });
		List<List<Double>> rates = new ArrayList<>();
		levels.forEach((level) -> rates.add(new ArrayList<>()));
		try {
			for (int round = 0; round < 5; round++) {
				for (int i = 0; i < levels.size(); i++) {
					String[] level = levels.get(i);
					Path file = directory.resolve(level[0] + "-" + level[1] + ".db");
					try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file + "?journal_mode=" + level[0]
							+ "&synchronous=" + level[1]); Statement statement = connection.createStatement()) {
						statement.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, text TEXT)");
						int commits = 500;
						long start = System.nanoTime();
						for (int c = 0; c < commits; c++) {
							connection.setAutoCommit(false);
							statement.execute("INSERT INTO t (text) VALUES ('one entry of about a hundred bytes, like an AddHost')");
							connection.commit();
							connection.setAutoCommit(true);
						}
						rates.get(i).add(commits / ((System.nanoTime() - start) / 1e9));
					}
				}
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
		List<String> rows = new ArrayList<>();
		double normal = Figures.median(rates.get(0));
		for (int i = 0; i < levels.size(); i++) {
			rows.add(String.format("| SQLite | commits/s, journal_mode=%s synchronous=%s | %,.0f | %,.0f (WAL NORMAL) | %.2f× |",
					levels.get(i)[0], levels.get(i)[1], Figures.median(rates.get(i)), normal,
					Figures.median(rates.get(i)) / normal));
		}
		return rows;
	}

	private static void createPlainTable(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE bench_entries AS SELECT " + COLUMNS + " FROM host_entries WHERE 1 = 0");
			// The same indexes as host_entries: the plain INSERT pays for the same index upkeep.
			statement.execute("CREATE UNIQUE INDEX bench_entries_id ON bench_entries (id)");
			statement.execute("CREATE UNIQUE INDEX bench_entries_pair ON bench_entries (ip_address, hostname_key)");
			statement.execute("CREATE INDEX bench_entries_order ON bench_entries (ip_key, hostname_key, id)");
		}
	}

	private static List<Object[]> rowsOf(DataSource dataSource, String addresses) throws SQLException {
		List<Object[]> rows = new ArrayList<>();
		try (Connection connection = dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
						+ " FROM host_entries WHERE ip_address LIKE ?")) {
			select.setString(1, addresses);
			try (ResultSet result = select.executeQuery()) {
				int columns = result.getMetaData().getColumnCount();
				while (result.next()) {
					Object[] row = new Object[columns];
					for (int i = 0; i < columns; i++) {
						row[i] = result.getObject(i + 1);
					}
					rows.add(row);
				}
			}
		}
		return rows;
	}

	private static void insertPlain(DataSource dataSource, List<Object[]> rows) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO bench_entries (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
			connection.setAutoCommit(false);
			int batched = 0;
			for (Object[] row : rows) {
				for (int i = 0; i < row.length; i++) {
					insert.setObject(i + 1, row[i]);
				}
				insert.addBatch();
				if (++batched % 1_000 == 0) {
					insert.executeBatch();
				}
			}
			insert.executeBatch();
			connection.commit();
			connection.setAutoCommit(true);
		}
	}

	private static String anyId(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT id FROM host_entries ORDER BY id LIMIT 1")) {
			row.next();
			return row.getString(1);
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** GetHost and ListHosts latencies, and /readyz answers, taken in a loop while work runs. */
	private static final class Latencies {

		final List<Double> get = Collections.synchronizedList(new ArrayList<>());

		final List<Double> list = Collections.synchronizedList(new ArrayList<>());

		final AtomicInteger probes = new AtomicInteger();

		final AtomicInteger notReady = new AtomicInteger();

		final AtomicInteger failedReads = new AtomicInteger();

		void during(ManagedChannel channel, int httpPort, String id, Runnable work) {
			AtomicBoolean running = new AtomicBoolean(true);
			HostsServiceGrpc.HostsServiceBlockingStub hosts = HostsServiceGrpc.newBlockingStub(channel);
			HttpClient http = HttpClient.newHttpClient();
			HttpRequest readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/readyz")).build();
			CompletableFuture<Void> reads = CompletableFuture.runAsync(() -> {
				while (running.get()) {
					try {
						long start = System.nanoTime();
						hosts.getHost(GetHostRequest.newBuilder().setId(id).build());
						this.get.add((System.nanoTime() - start) / 1e6);
						start = System.nanoTime();
						hosts.listHosts(ListHostsRequest.newBuilder().setLimit(1).build()).forEachRemaining((entry) -> {
						});
						this.list.add((System.nanoTime() - start) / 1e6);
					}
					catch (StatusRuntimeException ex) {
						this.failedReads.incrementAndGet();
					}
					pause(20);
				}
			});
			CompletableFuture<Void> probing = CompletableFuture.runAsync(() -> {
				while (running.get()) {
					try {
						this.probes.incrementAndGet();
						if (http.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
							this.notReady.incrementAndGet();
						}
					}
					catch (Exception ex) {
						this.notReady.incrementAndGet();
					}
					pause(100);
				}
			});
			try {
				work.run();
			}
			finally {
				running.set(false);
				reads.join();
				probing.join();
			}
		}

		static String row(String database, String call, List<Double> busy, List<Double> idle) {
			return String.format("| %s | %s p50 / p99 during the imports vs idle (ms) | %.1f / %.1f | %.1f / %.1f | %.2f× |",
					database, call, Figures.percentile(busy, 50), Figures.percentile(busy, 99),
					Figures.percentile(idle, 50), Figures.percentile(idle, 99),
					Figures.percentile(busy, 99) / Figures.percentile(idle, 99));
		}

	}

}
