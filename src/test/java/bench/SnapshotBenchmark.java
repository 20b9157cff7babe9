package bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import io.grpc.ManagedChannel;

import dev.vigil.api.routerhosts.v1.CreateSnapshotRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotRequest;
import dev.vigil.testing.Channels;
import dev.vigil.testing.HostDocuments;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/**
 * Snapshots of 10,000 entries, side by side in one run with the least plain SQL that does the same
 * on the same database and pool, to tables with the same indexes, on SQLite and on PostgreSQL
 * (median of 7, interleaved):
 * <ul>
 * <li>CreateSnapshot against one transaction copying the table with {@code INSERT ... SELECT}, to
 * a fresh table and to the snapshot table itself, which holds every earlier snapshot;</li>
 * <li>RollbackToSnapshot between two sets of 10,000 different entries (so every entry is deleted
 * and inserted, after a pre-rollback copy) against one transaction doing that copy, a
 * {@code DELETE} and an {@code INSERT ... SELECT};</li>
 * <li>undoing an import of 1,000 entries into the 10,000 against the import itself.</li>
 * </ul>
 * Run it with {@code ./mvnw -Pbenchmark -DskipTests test-compile exec:java@snapshots}; see
 * {@code docs/benchmarks.md}.
 */
public final class SnapshotBenchmark {

	private static final int ENTRIES = 10_000;

	private static final int ROUNDS = 7;

	private static final int WARM_UP_ROUNDS = 3;

	private static final String ENTRY_COLUMNS = "id, ip_address, ip_key, hostname, hostname_key, aliases, comment, tags, "
			+ "tag_keys, search_text, created_at, updated_at, version";

	private SnapshotBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		// Retention wide enough that no round prunes: the figures are the copy and the rollback.
		List<String> lines = VigilOnEachDatabase.measure(List.of("--vigil.hosts.snapshots.max-snapshots=1000"),
				SnapshotBenchmark::measure);
		Figures.printTable("| database | operation | Vigil | plain SQL or reference | Vigil ÷ reference |",
				"|---|---|---:|---:|---:|", lines);
	}

	private static List<String> measure(String database, ConfigurableApplicationContext app) throws Exception {
		DataSource dataSource = app.getBean(DataSource.class);
		ManagedChannel channel = Channels.local(app.getBean(GrpcServerLifecycle.class).getPort());
		try {
			HostsServiceGrpc.HostsServiceBlockingStub hosts = HostsServiceGrpc.newBlockingStub(channel);
			imported(HostDocuments.importHosts(channel, HostDocuments.document("10.1", "a", ENTRIES)).getCreated(), ENTRIES);
			String setA = hosts.createSnapshot(CreateSnapshotRequest.getDefaultInstance()).getSnapshotId();
			sql(dataSource, "DELETE FROM host_entries");
			imported(HostDocuments.importHosts(channel, HostDocuments.document("10.2", "b", ENTRIES)).getCreated(), ENTRIES);
			String setB = hosts.createSnapshot(CreateSnapshotRequest.getDefaultInstance()).getSnapshotId();
			sql(dataSource, "CREATE TABLE bench_entries AS SELECT * FROM host_entries");
			sql(dataSource, "CREATE TABLE bench_other AS SELECT * FROM host_entries WHERE 1 = 0");
			sql(dataSource, "INSERT INTO bench_other SELECT * FROM bench_entries");
			sql(dataSource, "UPDATE bench_other SET id = 'X' || substr(id, 2)");
			sql(dataSource, "CREATE TABLE bench_copy AS SELECT * FROM host_entries WHERE 1 = 0");
			// The same indexes as the tables Vigil writes: the plain SQL pays for the same index upkeep.
			sql(dataSource, "CREATE UNIQUE INDEX bench_entries_id ON bench_entries (id)");
			sql(dataSource, "CREATE UNIQUE INDEX bench_entries_pair ON bench_entries (ip_address, hostname_key)");
			sql(dataSource, "CREATE INDEX bench_entries_order ON bench_entries (ip_key, hostname_key, id)");
			sql(dataSource, "CREATE UNIQUE INDEX bench_copy_id ON bench_copy (id)");

			List<Double> create = new ArrayList<>();
			List<Double> plainCopy = new ArrayList<>();
			List<Double> sameTableCopy = new ArrayList<>();
			List<Double> rollback = new ArrayList<>();
			List<Double> plainReplace = new ArrayList<>();
			for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
				boolean counts = round >= WARM_UP_ROUNDS;
				double created = millis(() -> restored(hosts.createSnapshot(CreateSnapshotRequest.getDefaultInstance())
					.getEntryCount(), ENTRIES));
				double copied = millis(() -> transaction(dataSource, "DELETE FROM bench_copy",
						"INSERT INTO bench_copy SELECT * FROM bench_entries"));
				String copyId = String.format("BENCH%021d", round);
				double copiedSameTable = millis(() -> transaction(dataSource, "INSERT INTO host_snapshot_entries (snapshot_id, "
						+ ENTRY_COLUMNS + ") SELECT '" + copyId + "', " + ENTRY_COLUMNS + " FROM host_entries"));
				sql(dataSource, "DELETE FROM host_snapshot_entries WHERE snapshot_id = '" + copyId + "'");
				String target = (round % 2 == 0) ? setA : setB;
				double rolledBack = millis(() -> restored(hosts
					.rollbackToSnapshot(RollbackToSnapshotRequest.newBuilder().setSnapshotId(target).build())
					.getRestoredEntryCount(), ENTRIES));
				String from = (round % 2 == 0) ? "bench_other" : "bench_entries";
				double replaced = millis(() -> transaction(dataSource, "DELETE FROM bench_copy",
						"INSERT INTO bench_copy SELECT * FROM bench_entries", "DELETE FROM bench_entries",
						"INSERT INTO bench_entries SELECT * FROM " + from));
				if (counts) {
					create.add(created);
					plainCopy.add(copied);
					sameTableCopy.add(copiedSameTable);
					rollback.add(rolledBack);
					plainReplace.add(replaced);
				}
			}

			List<Double> undo = new ArrayList<>();
			List<Double> importing = new ArrayList<>();
			String base = hosts.createSnapshot(CreateSnapshotRequest.getDefaultInstance()).getSnapshotId();
			for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
				String extra = HostDocuments.document("10.3", "c" + round + "x", 1_000);
				double imported = millis(() -> imported(HostDocuments.importHosts(channel, extra).getCreated(), 1_000));
				double undone = millis(() -> restored(hosts
					.rollbackToSnapshot(RollbackToSnapshotRequest.newBuilder().setSnapshotId(base).build())
					.getRestoredEntryCount(), ENTRIES));
				if (round >= WARM_UP_ROUNDS) {
					importing.add(imported);
					undo.add(undone);
				}
			}
			return List.of(row(database, "CreateSnapshot (10,000) vs INSERT … SELECT copy", create, plainCopy),
					row(database, "CreateSnapshot (10,000) vs the same INSERT … SELECT into host_snapshot_entries", create,
							sameTableCopy),
					row(database, "RollbackToSnapshot (10,000 replaced) vs copy + DELETE + INSERT … SELECT", rollback,
							plainReplace),
					row(database, "RollbackToSnapshot undoing a 1,000-entry import vs that ImportHosts", undo, importing));
		}
		finally {
			Channels.close(channel);
		}
	}



	private static void sql(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static void transaction(DataSource dataSource, String... statements) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			for (String sql : statements) {
				statement.execute(sql);
			}
			connection.commit();
			connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int imported(int created, int expected) {
		if (created != expected) {
			throw new IllegalStateException("imported " + created + " entries, expected " + expected);
		}
		return created;
	}

	private static int restored(int count, int expected) {
		if (count != expected) {
			throw new IllegalStateException("snapshot of " + count + " entries, expected " + expected);
		}
		return count;
	}

	private static double millis(Runnable work) {
		long start = System.nanoTime();
		work.run();
		return (System.nanoTime() - start) / 1e6;
	}

	private static String row(String database, String operation, List<Double> vigil, List<Double> reference) {
		return String.format("| %s | %s | %.0f ms | %.0f ms | %.2f× |", database, operation, Figures.median(vigil),
				Figures.median(reference), Figures.median(vigil) / Figures.median(reference));
	}

}
