package bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.sun.management.OperatingSystemMXBean;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/**
 * AddHost beside its floor, as an independent client sees it, on SQLite and on PostgreSQL, with
 * one writer and with eight: 10,000 AddHost calls from npm's {@code @grpc/grpc-js} (default
 * options), beside two floors measured in the same run, the same client's trivial unary call
 * (Liveness, no I/O) and a plain auto-commit INSERT of the same row through the same pool. The
 * floor is the slower of the two; the ratio is AddHost's rate over it. Liveness and AddHost run in
 * {@code -Dbench.write-floor.rounds} rounds (3), each on an empty registry, and the ratio is the
 * median of the rounds' own, since the shared machine's speed moves between runs. Beside them, the CPU the
 * client spends per call (of its whole run, setup included), which the floor holds and Vigil cannot
 * lower, and the CPU Vigil and the database server spend per call. Run it with
 * {@code ./mvnw -Pbenchmark -DskipTests test-compile exec:java@write-floor}; {@code -Dbench.settings}
 * adds Vigil settings, space-separated (observations off, say); see {@code docs/benchmarks.md}.
 */
public final class WriteFloorBenchmark {

	private static final int CALLS = 10_000;

	/** Liveness and AddHost, one after the other, this often for each count of writers: the ratio is the median round's. */
	private static final int ROUNDS = Integer.getInteger("bench.write-floor.rounds", 3);

	private WriteFloorBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		List<String> rows = VigilOnEachDatabase.measure(BenchProperties.words("bench.settings"), WriteFloorBenchmark::measure);
		Figures.printTable("| database | writers | AddHost/s | Liveness/s | INSERT/s | floor/s | AddHost ÷ floor "
				+ "| ratio per round | client CPU per call, AddHost / Liveness (µs) | Vigil CPU per call, Liveness / AddHost (µs) "
				+ "| database server CPU per AddHost (µs) |",
				"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", rows);
	}

	private static List<String> measure(String database, ConfigurableApplicationContext app) throws Exception {
		DataSource dataSource = app.getBean(DataSource.class);
		String target = "127.0.0.1:" + app.getBean(GrpcServerLifecycle.class).getPort();
		HostsApiBenchmark.createPlainTable(dataSource);
		// Warm both paths up (the JIT, the pool) on rows that are then removed, with both counts of
		// writers: 4,000 calls of each left C2 compiling through the measured runs, slowing the floor.
		String[] warmWriters = { "8", "1", "8" };
		for (int round = 0; round < warmWriters.length; round++) {
			NodeClients.run("unary-load.mjs", target, "AddHost", warmWriters[round], "6000", "warm" + round + "-");
			NodeClients.run("unary-load.mjs", target, "Liveness", warmWriters[round], "6000", "warm");
		}
		HostsApiBenchmark.plainInserts(dataSource, 0, 2_000, "warm");
		HostsApiBenchmark.clear(dataSource);
		List<String> rows = new ArrayList<>();
		for (int writers : new int[] { 1, 8 }) {
			List<Round> rounds = new ArrayList<>();
			for (int round = 0; round < ROUNDS; round++) {
				rounds.add(Round.measure(target, writers, "r" + round + "w" + writers + "-"));
				HostsApiBenchmark.clear(dataSource);
			}
			double insert = (writers == 1)
					? HostsApiBenchmark.rate(CALLS, () -> HostsApiBenchmark.plainInserts(dataSource, 0, CALLS, "p"))
					: HostsApiBenchmark.rate(CALLS, () -> HostsApiBenchmark.concurrently(
							(writer) -> HostsApiBenchmark.plainInserts(dataSource, writer * (CALLS / 8), CALLS / 8, "p" + writer + "-")));
			HostsApiBenchmark.clear(dataSource);
			double liveness = median(rounds, (r) -> rate(r.liveness()));
			double floor = Math.min(liveness, insert);
			// Each round's AddHost over the floor of that round: the shared machine's speed moves between rounds.
			List<Double> ratios = rounds.stream().map((r) -> rate(r.addHost()) / Math.min(rate(r.liveness()), insert)).toList();
			rows.add(String.format("| %s | %d | %,.0f | %,.0f | %,.0f | %,.0f | %.2f× | %s | %.0f / %.0f | %.0f / %.0f | %.0f |",
					database, writers, median(rounds, (r) -> rate(r.addHost())), liveness, insert, floor,
					Figures.median(ratios), ratios.stream().map((ratio) -> String.format("%.2f", ratio)).collect(Collectors.joining(" · ")),
					median(rounds, (r) -> cpuPerCall(r.addHost())), median(rounds, (r) -> cpuPerCall(r.liveness())),
					median(rounds, Round::vigilPerLiveness), median(rounds, Round::vigilPerAddHost),
					median(rounds, Round::databasePerAddHost)));
		}
		return rows;
	}

	private static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
		return Figures.median(rounds.stream().map(figure::applyAsDouble).toList());
	}

	/** One Liveness run and the AddHost run after it, with the CPU Vigil and the database spent in each. */
	private record Round(JsonNode liveness, JsonNode addHost, double vigilPerLiveness, double vigilPerAddHost,
			double databasePerAddHost) {

		static Round measure(String target, int writers, String prefix) throws Exception {
			Cpu beforeLiveness = Cpu.now();
			JsonNode liveness = NodeClients.run("unary-load.mjs", target, "Liveness", String.valueOf(writers),
					String.valueOf(CALLS), "live");
			Cpu beforeAddHost = Cpu.now();
			JsonNode addHost = NodeClients.run("unary-load.mjs", target, "AddHost", String.valueOf(writers),
					String.valueOf(CALLS), prefix);
			Cpu afterAddHost = Cpu.now();
			return new Round(liveness, addHost, beforeAddHost.vigilMicrosPerCallSince(beforeLiveness),
					afterAddHost.vigilMicrosPerCallSince(beforeAddHost), afterAddHost.databaseMicrosPerCallSince(beforeAddHost));
		}

	}

	private static double rate(JsonNode run) {
		return run.path("perSecond").asDouble();
	}

	private static double cpuPerCall(JsonNode run) {
		return run.path("cpuSeconds").asDouble() * 1e6 / CALLS;
	}

	/**
	 * The CPU this JVM (Vigil: SQLite runs in it) and the PostgreSQL server's processes have used,
	 * in nanoseconds; the database's is 0 on SQLite.
	 */
	private record Cpu(long vigil, long database) {

		static Cpu now() {
			long database = ProcessHandle.allProcesses()
				.filter((process) -> process.info().command().map((command) -> command.endsWith("/postgres")).orElse(false))
				.mapToLong((process) -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
				.sum();
			return new Cpu(((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(),
					database);
		}

		double vigilMicrosPerCallSince(Cpu before) {
			return (this.vigil - before.vigil) / 1e3 / CALLS;
		}

		double databaseMicrosPerCallSince(Cpu before) {
			return (this.database - before.database) / 1e3 / CALLS;
		}

	}

}
