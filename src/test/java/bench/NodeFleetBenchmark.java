package bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.testing.Channels;
import dev.vigil.testing.HostDocuments;
import dev.vigil.testing.ImageCommands;
import dev.vigil.testing.Ports;
import dev.vigil.testing.VigilProcess;

import org.springframework.util.FileSystemUtils;

/**
 * What one change costs Vigil with a fleet of followers written with npm's {@code @grpc/grpc-js}
 * (default options), as routers' own sinks are: {@code src/test/resources/bench/watch-fleet.mjs}
 * follows one Vigil (the packaged jar, SQLite, security off) with 200 streams over 8 connections,
 * asking for batches or one entry to a message (the public contract). Per write: Vigil's CPU from
 * the AddHost to the last follower's snapshot, less what Vigil spends at rest over the same time
 * (measured over 3 s before the writes): the median of five writes once twelve have warmed the JIT,
 * beside the first write after the start, which pays for compiling the paths a change takes.
 * Run with {@code exec:java@node-fleet} after {@code package}; {@code -Dbench.fleet=200x2000} and
 * {@code -Dbench.fleet.variants=batched,public} pick what runs, {@code -Dbench.fleet.jvm} Vigil's JVM
 * options (a profiler's, say).
 */
public final class NodeFleetBenchmark {

	private static final int CHANNELS = 8;

	/** A change's cost fell for the first six to nine writes after a start, while C2 compiled its paths. */
	private static final int WARM_UP_WRITES = 12;

	private static final int MEASURED_WRITES = 5;

	private static final Duration REST = Duration.ofSeconds(3);

	private static final Duration CONVERGE_WITHIN = Duration.ofMinutes(3);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Vigil's JVM options: {@code -Dbench.fleet.jvm}, space-separated; none by default. */
	private static final List<String> JVM_OPTIONS = BenchProperties.words("bench.fleet.jvm");

	private NodeFleetBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path jar = ImageCommands.packagedJar();
		List<String> lines = new ArrayList<>(List.of(
				"| followers × entries | followers ask for | Vigil CPU per change, beyond rest | the first change after the start "
						+ "| last follower | followers' CPU per change |",
				"|---|---|---:|---:|---:|---:|"));
		for (String scenario : System.getProperty("bench.fleet", "200x2000").split(",")) {
			String[] sizes = scenario.trim().split("x");
			for (String variant : System.getProperty("bench.fleet.variants", "batched,public").split(",")) {
				lines.add(measure(jar, Integer.parseInt(sizes[0]), Integer.parseInt(sizes[1]), variant.trim()));
			}
		}
		System.out.println();
		lines.forEach(System.out::println);
	}

	private static String measure(Path jar, int followers, int entries, String variant) throws Exception {
		Path work = Files.createTempDirectory("vigil-node-fleet");
		int http = Ports.free();
		int grpc = Ports.free();
		List<String> command = JarCommand.of(jar, JVM_OPTIONS, http, grpc, work, JarCommand.sqlite(work));
		try (VigilProcess vigil = VigilProcess.start(command, work, Map.of(), http, work.resolve("vigil.log"))) {
			vigil.awaitReady(Duration.ofMinutes(2));
			ManagedChannel writer = Channels.local(grpc);
			HostDocuments.importHosts(writer, HostDocuments.document("10.30", "fleet", entries));
			try (Fleet fleet = Fleet.start("127.0.0.1:" + grpc, followers, variant)) {
				fleet.awaitAll(entries);
				Duration restStart = vigil.cpuTime();
				long restFrom = System.nanoTime();
				TimeUnit.NANOSECONDS.sleep(REST.toNanos());
				double restPerSecond = vigil.cpuTime().minus(restStart).toNanos() / 1e9
						/ ((System.nanoTime() - restFrom) / 1e9);
				List<Double> vigilCpu = new ArrayList<>();
				List<Double> lastMillis = new ArrayList<>();
				List<Double> clientCpu = new ArrayList<>();
				double first = 0;
				for (int i = 0; i < WARM_UP_WRITES + MEASURED_WRITES; i++) {
					Duration cpuBefore = vigil.cpuTime();
					Duration clientBefore = fleet.cpuTime();
					long started = System.nanoTime();
					HostsServiceGrpc.newBlockingStub(writer)
						.addHost(AddHostRequest.newBuilder().setIpAddress("10.31.0." + (i + 1)).setHostname("more" + i + ".fleet.example").build());
					long last = fleet.awaitAll(entries + i + 1);
					double seconds = (System.nanoTime() - started) / 1e9;
					double cpu = vigil.cpuTime().minus(cpuBefore).toNanos() / 1e9 - restPerSecond * seconds;
					if (i == 0) {
						first = cpu;
					}
					if (i >= WARM_UP_WRITES) {
						vigilCpu.add(cpu);
						lastMillis.add((last - started) / 1e6);
						clientCpu.add(fleet.cpuTime().minus(clientBefore).toNanos() / 1e9);
					}
				}
				return String.format("| %d × %d | %s | %.2f s | %.2f s | %.0f ms | %.2f s |", followers, entries,
						variant.equals("batched") ? "batches" : "one entry to a message (public contract)", Figures.median(vigilCpu),
						first, Figures.median(lastMillis), Figures.median(clientCpu));
			}
			finally {
				Channels.close(writer);
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(work);
		}
	}

	/** The node process and every follower's latest snapshot, as it reports them. */
	private static final class Fleet implements AutoCloseable {

		private final Process node;

		private final Map<Integer, Integer> latest = new ConcurrentHashMap<>();

		private final Map<Integer, Long> arrived = new ConcurrentHashMap<>();

		private final List<String> errors = new CopyOnWriteArrayList<>();

		private final int size;

		private Fleet(Process node, int size) {
			this.node = node;
			this.size = size;
			Thread reader = new Thread(this::read, "bench-node-fleet");
			reader.setDaemon(true);
			reader.start();
		}

		static Fleet start(String target, int followers, String variant) throws IOException, InterruptedException {
			return new Fleet(NodeClients.start("watch-fleet.mjs", target, String.valueOf(followers), String.valueOf(CHANNELS),
					variant), followers);
		}

		private void read() {
			try (BufferedReader lines = new BufferedReader(new InputStreamReader(this.node.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					JsonNode report = JSON.readTree(line);
					int follower = report.path("follower").asInt();
					if (report.has("error")) {
						this.errors.add(line);
					}
					else {
						this.latest.put(follower, report.path("count").asInt());
						this.arrived.put(follower, System.nanoTime());
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				this.errors.add(ex.toString());
			}
		}

		/** Waits until every follower's latest snapshot has {@code count} entries; returns when the last arrived. */
		long awaitAll(int count) throws InterruptedException {
			long deadline = System.nanoTime() + CONVERGE_WITHIN.toNanos();
			while (this.latest.size() < this.size || this.latest.values().stream().anyMatch((seen) -> seen != count)) {
				if (!this.errors.isEmpty()) {
					throw new IllegalStateException("a follower failed: " + this.errors.get(0));
				}
				if (System.nanoTime() > deadline || !this.node.isAlive()) {
					throw new IllegalStateException("followers did not converge on " + count + " entries");
				}
				TimeUnit.MILLISECONDS.sleep(5);
			}
			return this.arrived.values().stream().mapToLong(Long::longValue).max().orElseThrow();
		}

		Duration cpuTime() {
			return this.node.info().totalCpuDuration().orElse(Duration.ZERO);
		}

		@Override
		public void close() throws IOException, InterruptedException {
			try (OutputStream stop = this.node.getOutputStream()) {
				stop.write("stop\n".getBytes(StandardCharsets.UTF_8));
			}
			if (!this.node.waitFor(10, TimeUnit.SECONDS)) {
				this.node.destroyForcibly();
			}
		}

	}

}
