package bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.DeleteHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.api.routerhosts.v1.UpdateHostRequest;
import dev.vigil.api.routerhosts.v1.WatchHostsRequest;
import dev.vigil.api.routerhosts.v1.WatchHostsResponse;
import dev.vigil.testing.Channels;
import dev.vigil.testing.HostDocuments;
import dev.vigil.testing.ImageCommands;
import dev.vigil.testing.Ports;
import dev.vigil.testing.PostgresServer;
import dev.vigil.testing.SystemCommands;
import dev.vigil.testing.VigilProcess;

import org.springframework.util.FileSystemUtils;

/**
 * Vigil under a steady mixed load for a long while, to show that nothing it holds grows: the
 * packaged jar (or each jar named, side by side in one run) serves writers that add, update and
 * delete entries at a fixed rate, 20 followers of every change, a listing a second and
 * {@code /readyz} every 10 ms. Every window it records the heap left after a full collection, the
 * resident memory, the threads, the open files, Vigil's CPU per write, the writes' p99 and the
 * probes'; the table puts the first window beside the last, with the old generation's slope per
 * hour. Run it with {@code exec:java@soak} after {@code package}; {@code -Dbench.soak.jars=name=path,...},
 * {@code -Dbench.soak.minutes}, {@code -Dbench.soak.window-seconds} and {@code -Dbench.database} pick
 * what runs (see {@code docs/benchmarks.md}).
 */
public final class SoakBenchmark {

	/** Writes per second in all, a third each adds, updates and deletes, so the registry keeps its size. */
	private static final int WRITES_PER_SECOND = 120;

	private static final int WRITERS = 4;

	private static final int FOLLOWERS = 20;

	/** Entries imported before the load: what each follower's snapshot carries. */
	private static final int ENTRIES = 2_000;

	private static final Duration CALL_DEADLINE = Duration.ofSeconds(5);

	/** A scrape of Vigil's metrics that takes longer fails the run rather than hanging it. */
	private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(10);

	/** A bounded heap, as a pod's limit sets one: what leaks fills it within the run, and shows. */
	private static final List<String> JVM_OPTIONS = List.of("-Xmx256m");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(SCRAPE_TIMEOUT).build();

	/** The JDK's own command that has Vigil collect its heap in full before each window's reading. */
	private static final String JCMD = Path.of(VigilProcess.java()).resolveSibling("jcmd").toString();

	private SoakBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, Path> jars = jars(System.getProperty("bench.soak.jars", ""));
		Duration length = Duration.ofMinutes(Long.getLong("bench.soak.minutes", 10));
		Duration window = Duration.ofSeconds(Long.getLong("bench.soak.window-seconds", 30));
		String only = System.getProperty("bench.database", "");
		List<String> rows = new ArrayList<>();
		for (String database : List.of("sqlite", "postgresql")) {
			if (!only.isEmpty() && !only.equals(database)) {
				continue;
			}
			for (Map.Entry<String, Path> jar : jars.entrySet()) {
				rows.add(soak(database, jar.getKey(), jar.getValue(), length, window));
			}
		}
		Figures.printTable("| database | jar | minutes | old generation after a full GC, first → last window (MB) | its slope over the second half (MB/h) "
				+ "| resident, first → last (MB) | threads | open files | Vigil CPU per write, followers' snapshots included (ms) "
				+ "| write p99, first → last (ms) | /readyz p99, worst window (ms) | failed writes, probes, follower streams |",
				"|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", rows);
	}

	/** {@code name=path,...}; the packaged jar alone, named {@code current}, when none is given. */
	private static Map<String, Path> jars(String property) {
		Map<String, Path> jars = new LinkedHashMap<>();
		for (String named : property.split(",")) {
			if (!named.isBlank()) {
				String[] parts = named.trim().split("=", 2);
				if (parts.length < 2) {
					throw new IllegalArgumentException("bench.soak.jars takes name=path,...; not: " + named);
				}
				jars.put(parts[0], Path.of(parts[1]));
			}
		}
		if (jars.isEmpty()) {
			jars.put("current", ImageCommands.packagedJar());
		}
		return jars;
	}

	private static String soak(String database, String name, Path jar, Duration length, Duration window) throws Exception {
		Path work = Files.createTempDirectory("vigil-soak");
		int http = Ports.free();
		int grpc = Ports.free();
		try (PostgresServer postgres = database.equals("postgresql") ? PostgresServer.start() : null) {
			List<String> command = JarCommand.of(jar, JVM_OPTIONS, http, grpc, work, (postgres != null)
					? List.of("--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=postgres",
							"--spring.datasource.password=postgres")
					: JarCommand.sqlite(work));
			try (VigilProcess vigil = VigilProcess.start(command, work, Map.of(), http, work.resolve("vigil.log"))) {
				vigil.awaitReady(Duration.ofMinutes(2));
				ManagedChannel channel = Channels.local(grpc);
				HostDocuments.importHosts(channel, HostDocuments.document("10.50", "soak", ENTRIES));
				try (ReadyzProber prober = ReadyzProber.start(http); Load load = Load.start(channel)) {
					// The first window warms the JIT and fills the caches: measured, printed, not compared.
					System.out.printf("%s %s warm-up: %s%n", database, name, Window.measure(vigil, http, load, prober, window));
					List<Window> windows = new ArrayList<>();
					long ends = System.nanoTime() + length.toNanos();
					while (System.nanoTime() - ends < 0) {
						windows.add(Window.measure(vigil, http, load, prober, window));
						System.out.printf("%s %s %s%n", database, name, windows.get(windows.size() - 1));
					}
					return row(database, name, length, windows, load, prober);
				}
				finally {
					Channels.close(channel);
				}
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(work);
		}
	}

	private static String row(String database, String name, Duration length, List<Window> windows, Load load, ReadyzProber prober) {
		Window first = windows.get(0);
		Window last = windows.get(windows.size() - 1);
		return String.format("| %s | %s | %d | %.1f → %.1f | %+.1f | %.0f → %.0f | %d → %d | %d → %d | %.2f | %.1f → %.1f | %.1f | %d, %d, %d |",
				database, name, length.toMinutes(), first.heapMegabytes, last.heapMegabytes, heapSlopePerHour(windows),
				first.residentMegabytes, last.residentMegabytes, first.threads, last.threads, first.openFiles, last.openFiles,
				windows.stream().mapToDouble(Window::cpuMillisPerWrite).average().orElse(0), first.writeP99, last.writeP99,
				windows.stream().mapToDouble(Window::readyzP99).max().orElse(0), load.failedWrites.get(),
				windows.stream().mapToLong(Window::failedProbes).sum(), load.failedStreams.get());
	}

	/**
	 * The least-squares slope, per hour, of the old generation after a full collection over the
	 * second half of the windows: in the first minutes it falls once by about 5 MB on every jar and
	 * database, which would hide a slow growth after it.
	 */
	private static double heapSlopePerHour(List<Window> all) {
		List<Window> windows = all.subList(all.size() / 2, all.size());
		double n = windows.size();
		double meanX = windows.stream().mapToDouble(Window::endSeconds).average().orElse(0);
		double meanY = windows.stream().mapToDouble(Window::heapMegabytes).average().orElse(0);
		double covariance = windows.stream().mapToDouble((w) -> (w.endSeconds - meanX) * (w.heapMegabytes - meanY)).sum();
		double variance = windows.stream().mapToDouble((w) -> (w.endSeconds - meanX) * (w.endSeconds - meanX)).sum();
		return (n < 2 || variance == 0) ? 0 : covariance / variance * 3600;
	}

	/** What one window measured. */
	private record Window(double endSeconds, double heapMegabytes, double residentMegabytes, long threads, long openFiles,
			double cpuMillisPerWrite, double writeP99, double readyzP99, long failedProbes, long writes) {

		private static final long STARTED = System.nanoTime();

		static Window measure(VigilProcess vigil, int http, Load load, ReadyzProber prober, Duration length) throws Exception {
			prober.reset();
			load.latencies.clear();
			long writesBefore = load.writes.get();
			Duration cpuBefore = vigil.cpuTime();
			TimeUnit.NANOSECONDS.sleep(length.toNanos());
			double cpuMillis = vigil.cpuTime().minus(cpuBefore).toNanos() / 1e6;
			long writes = load.writes.get() - writesBefore;
			List<Double> latencies = new ArrayList<>(load.latencies);
			List<ReadyzProber.Probe> probes = prober.taken();
			SystemCommands.run(Duration.ofSeconds(30), List.of(JCMD, Long.toString(vigil.pid()), "GC.run"));
			return new Window((System.nanoTime() - STARTED) / 1e9, heapRetainedMegabytes(http), vigil.residentBytes() / 1e6,
					vigil.threads(), vigil.openFiles(), (writes > 0) ? cpuMillis / writes : 0,
					Figures.percentile(latencies, 99), Figures.percentile(new ArrayList<>(probes.stream().map(ReadyzProber.Probe::millis).toList()), 99),
					probes.stream().filter((probe) -> probe.status() != 200).count(), writes);
		}

		@Override
		public String toString() {
			return String.format("heap %.1f MB, resident %.0f MB, %d threads, %d files, %,d writes, %.2f ms CPU each, p99 %.1f ms, /readyz p99 %.1f ms, %d failed",
					this.heapMegabytes, this.residentMegabytes, this.threads, this.openFiles, this.writes, this.cpuMillisPerWrite,
					this.writeP99, this.readyzP99, this.failedProbes);
		}

	}

	/**
	 * The old generation in use as Vigil's Prometheus endpoint reports it: right after a full
	 * collection, what survived it; the young generation fills again at once under the load.
	 */
	private static double heapRetainedMegabytes(int http) throws IOException, InterruptedException {
		String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/actuator/prometheus"))
			.timeout(SCRAPE_TIMEOUT)
			.build(),
				HttpResponse.BodyHandlers.ofString()).body();
		return text.lines()
			.filter((line) -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")
					&& (line.contains("Old Gen") || line.contains("Tenured")))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum() / 1e6;
	}

	/** The writers, the followers and the lister, until closed. */
	private static final class Load implements AutoCloseable {

		private final ManagedChannel channel;

		private final ExecutorService threads = Executors.newCachedThreadPool();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicLong writes = new AtomicLong();

		private final AtomicLong failedWrites = new AtomicLong();

		private final AtomicLong failedStreams = new AtomicLong();

		/** Each write's milliseconds since the window began. */
		private final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());

		private Load(ManagedChannel channel) {
			this.channel = channel;
		}

		static Load start(ManagedChannel channel) {
			Load load = new Load(channel);
			for (int i = 0; i < FOLLOWERS; i++) {
				load.follow();
			}
			for (int writer = 0; writer < WRITERS; writer++) {
				int id = writer;
				load.threads.execute(() -> load.write(id));
			}
			load.threads.execute(load::list);
			return load;
		}

		private void follow() {
			StreamObserver<WatchHostsRequest> requests = HostsServiceGrpc.newStub(this.channel).watchHosts(new StreamObserver<>() {

				@Override
				public void onNext(WatchHostsResponse value) {
				}

				@Override
				public void onError(Throwable error) {
					if (Load.this.running.get()) {
						Load.this.failedStreams.incrementAndGet();
					}
				}

				@Override
				public void onCompleted() {
				}

			});
			requests.onNext(WatchHostsRequest.newBuilder().setFollow(true).setBatched(true).build());
		}

		/** Adds, updates and deletes its own entries at its share of the rate. */
		private void write(int writer) {
			long interval = TimeUnit.SECONDS.toNanos(1) * WRITERS / WRITES_PER_SECOND;
			long next = System.nanoTime();
			for (long i = 0; this.running.get(); i++) {
				long n = i;
				String id = timed(() -> stub().addHost(AddHostRequest.newBuilder()
					.setIpAddress("10.60." + writer + "." + (n % 250 + 1))
					.setHostname("w" + writer + "-" + n + ".soak.example")
					.build()).getId());
				next = pace(next, interval);
				if (id != null) {
					timed(() -> stub().updateHost(UpdateHostRequest.newBuilder().setId(id).setComment("soaked " + n).build()));
					next = pace(next, interval);
					timed(() -> stub().deleteHost(DeleteHostRequest.newBuilder().setId(id).build()));
					next = pace(next, interval);
				}
			}
		}

		private void list() {
			long next = System.nanoTime();
			while (this.running.get()) {
				try {
					HostsServiceGrpc.newBlockingStub(this.channel).withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
						.listHosts(ListHostsRequest.getDefaultInstance())
						.forEachRemaining((entry) -> { });
				}
				catch (RuntimeException ex) {
					// A listing cut short by the close; the writes and probes carry the verdict.
				}
				next = pace(next, TimeUnit.SECONDS.toNanos(1));
			}
		}

		private HostsServiceGrpc.HostsServiceBlockingStub stub() {
			return HostsServiceGrpc.newBlockingStub(this.channel).withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
		}

		private <T> T timed(Supplier<T> call) {
			long started = System.nanoTime();
			try {
				T result = call.get();
				this.latencies.add((System.nanoTime() - started) / 1e6);
				this.writes.incrementAndGet();
				return result;
			}
			catch (RuntimeException ex) {
				if (this.running.get()) {
					this.failedWrites.incrementAndGet();
				}
				return null;
			}
		}

		/** Waits for the next slot of a fixed rate: a load that keeps its pace, whatever the answers' speed. */
		private static long pace(long previous, long interval) {
			long next = previous + interval;
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
				return next;
			}
			return System.nanoTime();
		}

		@Override
		public void close() throws InterruptedException {
			this.running.set(false);
			this.threads.shutdown();
			if (!this.threads.awaitTermination(30, TimeUnit.SECONDS)) {
				this.threads.shutdownNow();
			}
		}

	}

}
