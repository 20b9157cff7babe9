package bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.api.routerhosts.v1.SearchHostsRequest;
import dev.vigil.testing.Channels;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/**
 * The hosts API against plain JDBC on the same database and pool, side by side in one run, on
 * SQLite and on PostgreSQL: 10,000 AddHost calls over loopback gRPC against 10,000 single-row
 * auto-commit INSERTs of the same rows (each borrowing a pooled connection, as AddHost does),
 * from one client thread and from eight at once, and a streamed ListHosts of the 10,000 entries
 * against one SELECT reading the same columns in the same order (median of 7).
 * Run it with {@code ./mvnw -Pbenchmark -DskipTests verify}; see {@code docs/benchmarks.md}.
 * {@code -Dbench.access-log=false} turns the gRPC access log off; {@code compare} measures it off, as
 * shipped and with reads logged, one after the other in one run.
 */
public final class HostsApiBenchmark {

	private static final int ENTRIES = 10_000;

	private static final int LIST_ROUNDS = 7;

	/** Client threads writing at once in the concurrent AddHost row. */
	private static final int WRITERS = 8;

	private static final int WARM_UP_ROUNDS = 5;

	private HostsApiBenchmark() {
	}

	private static final String WARM_UP = " (warm-up)";

	public static void main(String[] args) throws Exception {
		String accessLog = System.getProperty("bench.access-log", "true");
		// "compare": the access log off, as shipped (writes and refusals) and with reads too, each
		// on a Vigil of its own, one after the other in this run, after a warm-up whose figures are
		// dropped: the first Vigil of a JVM runs before the JIT has compiled the hot paths.
		Map<String, List<String>> variants = new LinkedHashMap<>();
		if (accessLog.equals("compare")) {
			variants.put(WARM_UP, accessLog(true, true));
			variants.put(" (access log off)", accessLog(false, false));
			variants.put(" (access log as shipped)", accessLog(true, false));
			variants.put(" (access log with reads)", accessLog(true, true));
		}
		else {
			variants.put("", accessLog(Boolean.parseBoolean(accessLog), false));
		}
		List<String> lines = new ArrayList<>();
		for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
			List<String> settings = new ArrayList<>(variant.getValue());
			settings.add("--spring.grpc.server.observation.enabled=" + System.getProperty("bench.observation", "true"));
			List<String> measured = VigilOnEachDatabase.measure(settings,
					(database, app) -> measure(database + variant.getKey(), app));
			if (!variant.getKey().equals(WARM_UP)) {
				lines.addAll(measured);
			}
		}
		Figures.printTable("| database | operation | Vigil (entries/s) | 10,000 entries in | plain JDBC (rows/s) | Vigil ÷ plain |",
				"|---|---|---:|---:|---:|---:|", lines);
	}

	private static List<String> accessLog(boolean enabled, boolean reads) {
		return List.of("--vigil.grpc.access-log.enabled=" + enabled, "--vigil.grpc.access-log.reads=" + reads);
	}

	private static List<String> measure(String database, ConfigurableApplicationContext app) throws Exception {
		DataSource dataSource = app.getBean(DataSource.class);
		int port = app.getBean(GrpcServerLifecycle.class).getPort();
		ManagedChannel channel = Channels.local(port);
		// The streams are read on the transport's thread, as a client that keeps up reads them:
		// the default executor's hand-off per message would be the client's cost, not the server's.
		ManagedChannel direct = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build();
		try {
			HostsServiceGrpc.HostsServiceBlockingStub hosts = HostsServiceGrpc.newBlockingStub(channel);
			createPlainTable(dataSource);
			List<String> rows = new ArrayList<>();
			if (Boolean.getBoolean("bench.streams-only")) {
				bulkLoad(dataSource);
			}
			else {
				// Warm both paths up on rows that are then removed.
				addHosts(hosts, 2_000, "warm");
				plainInserts(dataSource, 0, 2_000, "warm");
				clear(dataSource);
				int share = ENTRIES / WRITERS;
				double plainConcurrent = rate(ENTRIES,
						() -> concurrently((writer) -> plainInserts(dataSource, writer * share, share, "w" + writer + "-")));
				double addHostConcurrent = rate(ENTRIES,
						() -> concurrently((writer) -> addHosts(hosts, share, "w" + writer + "-")));
				rows.add(row(database, "AddHost vs INSERT, " + WRITERS + " writers", addHostConcurrent, plainConcurrent));
				clear(dataSource);
				double plainInsert = rate(ENTRIES, () -> plainInserts(dataSource, 0, ENTRIES, "h"));
				double addHost = rate(ENTRIES, () -> addHosts(hosts, ENTRIES, "h"));
				rows.add(row(database, "AddHost vs INSERT", addHost, plainInsert));
			}
			if (database.startsWith("PostgreSQL")) {
				// Statistics, as autovacuum keeps them on a live database: without them the planner
				// sorts the whole table for each page of a search instead of walking the index.
				analyze(dataSource);
			}
			HostsServiceGrpc.HostsServiceStub reader = HostsServiceGrpc.newStub(direct);
			Map<String, Supplier<Long>> streams = new LinkedHashMap<>();
			streams.put("ListHosts", () -> entries(StreamReader.read(reader::listHosts, ListHostsRequest.getDefaultInstance())));
			streams.put("SearchHosts", () -> entries(StreamReader.read(reader::searchHosts,
					SearchHostsRequest.newBuilder().setQuery(".bench.example").build())));
			streams.put("WatchHosts snapshot", () -> entries(StreamReader.snapshot(reader)));
			streams.put("ExportHosts (hosts format)", () -> exported(StreamReader.export(reader)));
			streams.put("ListHosts, blocking stub", () -> entries(listHosts(hosts)));
			for (int round = 0; round < WARM_UP_ROUNDS; round++) {
				streams.values().forEach(Supplier::get);
				entries(plainSelect(dataSource));
			}
			for (Map.Entry<String, Supplier<Long>> stream : streams.entrySet()) {
				List<Double> plainSelect = new ArrayList<>();
				List<Double> vigil = new ArrayList<>();
				for (int round = 0; round < LIST_ROUNDS; round++) {
					plainSelect.add(rate(ENTRIES, () -> entries(plainSelect(dataSource))));
					vigil.add(rate(ENTRIES, () -> stream.getValue().get()));
				}
				rows.add(row(database, stream.getKey() + " vs SELECT", Figures.median(vigil), Figures.median(plainSelect)));
			}
			return rows;
		}
		finally {
			Channels.close(channel);
			Channels.close(direct);
		}
	}

	private static void addHosts(HostsServiceGrpc.HostsServiceBlockingStub hosts, int count, String prefix) {
		for (int i = 0; i < count; i++) {
			hosts.addHost(AddHostRequest.newBuilder()
				.setIpAddress(address(i))
				.setHostname(prefix + i + ".bench.example")
				.addTags("bench")
				.build());
		}
	}

	private static int listHosts(HostsServiceGrpc.HostsServiceBlockingStub hosts) {
		int[] count = { 0 };
		hosts.listHosts(ListHostsRequest.getDefaultInstance()).forEachRemaining((entry) -> count[0]++);
		return count[0];
	}

	static void createPlainTable(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS bench_plain");
			statement.execute("CREATE TABLE bench_plain AS SELECT * FROM host_entries WHERE 1 = 0");
		}
	}

	/** The writers' work, each on a thread of its own, all started together; returns when all are done. */
	static void concurrently(IntConsumer writer) {
		ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < WRITERS; i++) {
				int index = i;
				running.add(threads.submit(() -> writer.accept(index)));
			}
			for (Future<?> each : running) {
				each.get();
			}
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * One borrowed connection and one auto-commit INSERT per row, as each AddHost borrows and
	 * commits once; ids from {@code first}.
	 */
	static void plainInserts(DataSource dataSource, int first, int count, String prefix) {
		String sql = "INSERT INTO bench_plain (id, ip_address, ip_key, hostname, hostname_key, aliases, comment, tags, "
				+ "tag_keys, search_text, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, '', NULL, ?, ?, ?, ?, ?, 1)";
		for (int i = 0; i < count; i++) {
			String name = prefix + i + ".bench.example";
			try (Connection connection = dataSource.getConnection();
					PreparedStatement insert = connection.prepareStatement(sql)) {
				insert.setString(1, String.format("%026d", first + i));
				insert.setString(2, address(i));
				insert.setString(3, "4" + Integer.toHexString(i));
				insert.setString(4, name);
				insert.setString(5, name);
				insert.setString(6, "\u001Fbench\u001F");
				insert.setString(7, "\u001Fbench\u001F");
				insert.setString(8, name);
				insert.setLong(9, i);
				insert.setLong(10, i);
				insert.executeUpdate();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	private static int plainSelect(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection();
				Statement select = connection.createStatement();
				ResultSet rows = select.executeQuery("SELECT id, ip_address, hostname, aliases, comment, tags, created_at, "
						+ "updated_at, version FROM bench_plain ORDER BY ip_key, hostname_key, id")) {
			int count = 0;
			while (rows.next()) {
				rows.getString(1);
				rows.getString(2);
				rows.getString(3);
				rows.getString(4);
				rows.getString(5);
				rows.getString(6);
				rows.getLong(7);
				rows.getLong(8);
				rows.getLong(9);
				count++;
			}
			return count;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The same rows as the AddHost run leaves, in one transaction, with the keys Vigil derives. */
	private static void bulkLoad(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			for (int i = 0; i < ENTRIES; i++) {
				String name = "h" + i + ".bench.example";
				statement.addBatch("INSERT INTO bench_plain (id, ip_address, ip_key, hostname, hostname_key, aliases, comment, tags, tag_keys, search_text, created_at, updated_at, version) VALUES ('"
						+ String.format("%026d", i) + "', '" + address(i) + "', '4" + String.format("0a%06x", i) + "', '" + name + "', '" + name + "', '', NULL, '\u001Fbench\u001F', '\u001Fbench\u001F', '" + name + "', " + i + ", " + i + ", 1)");
			}
			statement.executeBatch();
			statement.execute("INSERT INTO host_entries SELECT * FROM bench_plain");
			connection.commit();
			connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void analyze(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("ANALYZE");
		}
	}

	static void clear(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DELETE FROM host_entries");
			statement.execute("DELETE FROM bench_plain");
		}
	}

	private static long exported(long bytes) {
		if (bytes < ENTRIES * 20L) {
			throw new IllegalStateException("exported " + bytes + " bytes for " + ENTRIES + " entries");
		}
		return bytes;
	}

	private static long entries(int count) {
		if (count != ENTRIES) {
			throw new IllegalStateException("read " + count + " rows, expected " + ENTRIES);
		}
		return count;
	}

	private static String address(int i) {
		return "10." + (i / 65536) + "." + ((i / 256) % 256) + "." + (i % 256);
	}

	static double rate(int count, Runnable work) {
		long start = System.nanoTime();
		work.run();
		return count / ((System.nanoTime() - start) / 1e9);
	}

	private static String row(String database, String operation, double vigil, double plain) {
		return String.format("| %s | %s | %.0f | %.0f ms | %.0f | %.2f× |", database, operation, vigil, ENTRIES / vigil * 1000,
				plain, vigil / plain);
	}

}
