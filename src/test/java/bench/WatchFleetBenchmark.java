package bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.management.OperatingSystemMXBean;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.SnapshotComplete;
import dev.vigil.api.routerhosts.v1.WatchHostsRequest;
import dev.vigil.api.routerhosts.v1.WatchHostsResponse;
import dev.vigil.testing.Channels;
import dev.vigil.testing.HostDocuments;
import dev.vigil.testing.ImageCommands;
import dev.vigil.testing.Ports;
import dev.vigil.testing.VigilProcess;

import org.springframework.util.FileSystemUtils;

/**
 * WatchHosts for a fleet: many followers of one Vigil, each sent a snapshot of every entry after
 * a write. Vigil runs as its own process from the packaged jar (SQLite, shipped settings, security
 * off), three times, one process after the other: shared snapshots (the default) with followers
 * that ask for batched entries, as {@code vigil watch} does; shared snapshots with one entry to a
 * message, as a client of the public contract gets; and without sharing
 * ({@code follower-shared-snapshots=0}, every follower reading and encoding its own pages). The followers are one fast client in this JVM: eight channels, responses
 * read on the transport's thread, entries counted without being parsed, so the client is not
 * what is measured; its CPU is reported apart from the server's.
 * <p>
 * Per scenario: the connect (every follower has its first snapshot) and, after two writes that
 * warm the JIT, the median of three AddHost calls (each until every follower has the snapshot
 * that counts it): wall time to the last follower, Vigil's CPU, the
 * client's CPU, Vigil's peak heap (from its GC log), and {@code /readyz} probed every 10 ms
 * throughout from a process of its own, as a kubelet probes (worst status, p99 latency). Run with {@code exec:java@watch-fleet} after
 * {@code package}; {@code -Dbench.fleet=200x2000,1000x10000} picks the scenarios and
 * {@code -Dbench.fleet.variants=batched,shared,own} the variants, {@code -Dbench.fleet.jvm} Vigil's
 * JVM options (the image's, for one) and {@code -Dbench.fleet.client-priority=low} the followers'
 * threads at the lowest CPU priority.
 */
public final class WatchFleetBenchmark {

	private static final int CHANNELS = 8;

	private static final int WARM_UP_WRITES = 2;

	private static final int MEASURED_WRITES = 3;

	private static final Duration CONVERGE_WITHIN = Duration.ofMinutes(3);

	/**
	 * Whether the followers' threads run at the lowest CPU priority ({@code -Dbench.fleet.client-priority=low}):
	 * Vigil's probes then compete with Vigil alone, but the followers read later, so their arrival
	 * times count the wait too.
	 */
	private static final boolean LOW_PRIORITY_CLIENT = "low".equals(System.getProperty("bench.fleet.client-priority", "normal"));

	/** Vigil's JVM options: {@code -Dbench.fleet.jvm}, space-separated; none by default. */
	private static final List<String> JVM_OPTIONS = BenchProperties.words("bench.fleet.jvm");

	/**
	 * Entries (one or a batch to a message) are skipped, not parsed; only a SnapshotComplete is
	 * read (field 2, length-delimited), whose count says whether a snapshot is the one awaited.
	 */
	private static final MethodDescriptor.Marshaller<SnapshotComplete> COMPLETES = new MethodDescriptor.Marshaller<>() {

		@Override
		public InputStream stream(SnapshotComplete value) {
			throw new UnsupportedOperationException("responses only");
		}

		@Override
		public SnapshotComplete parse(InputStream stream) {
			try {
				int tag = stream.read();
				if (tag != 0x12) {
					stream.skip(Long.MAX_VALUE);
					return null;
				}
				return WatchHostsResponse.parseFrom(prepend(tag, stream.readAllBytes())).getComplete();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	};

	private static final MethodDescriptor<WatchHostsRequest, SnapshotComplete> WATCH = HostsServiceGrpc.getWatchHostsMethod()
		.toBuilder(ProtoUtils.marshaller(WatchHostsRequest.getDefaultInstance()), COMPLETES)
		.build();

	private WatchFleetBenchmark() {
	}

	/** How the followers are served: snapshots shared or not, entries batched or one to a message. */
	private enum Variant {

		/** Shared snapshots, entries in batches of a page: what {@code vigil watch} asks for. */
		BATCHED("shared, batched", 4, true),

		/** Shared snapshots, one entry to a message: what a client of the public contract gets. */
		SHARED("shared", 4, false),

		/** Each follower reads and encodes its own pages, one entry to a message: before issue 27. */
		OWN("each its own", 0, false);

		private final String label;

		private final int sharedSnapshots;

		private final boolean batched;

		Variant(String label, int sharedSnapshots, boolean batched) {
			this.label = label;
			this.sharedSnapshots = sharedSnapshots;
			this.batched = batched;
		}

	}

	public static void main(String[] args) throws Exception {
		Path jar = ImageCommands.packagedJar();
		List<String> lines = new ArrayList<>();
		lines.add("| followers × entries | snapshots | phase | last follower | Vigil CPU | client CPU | Vigil heap: peak, live | /readyz worst, p99 |");
		lines.add("|---|---|---|---:|---:|---:|---:|---|");
		for (String scenario : System.getProperty("bench.fleet", "200x2000,1000x10000").split(",")) {
			String[] sizes = scenario.trim().split("x");
			int followers = Integer.parseInt(sizes[0]);
			int entries = Integer.parseInt(sizes[1]);
			for (String variant : System.getProperty("bench.fleet.variants", "batched,shared,own").split(",")) {
				lines.addAll(measure(jar, followers, entries, Variant.valueOf(variant.trim().toUpperCase(Locale.ROOT))));
			}
		}
		System.out.println();
		lines.forEach(System.out::println);
	}

	private static List<String> measure(Path jar, int followers, int entries, Variant variant) throws Exception {
		Path work = Files.createTempDirectory("vigil-fleet");
		int http = Ports.free();
		int grpc = Ports.free();
		Path gcLog = work.resolve("gc.log");
		List<String> jvmOptions = new ArrayList<>(List.of("-Xlog:gc:file=" + gcLog));
		jvmOptions.addAll(JVM_OPTIONS);
		List<String> command = JarCommand.of(jar, jvmOptions, http, grpc, work, JarCommand.sqlite(work));
		command.add("--vigil.hosts.changes.follower-shared-snapshots=" + variant.sharedSnapshots);
		String label = followers + " × " + entries;
		String sharing = variant.label;
		List<String> rows = new ArrayList<>();
		try (VigilProcess vigil = VigilProcess.start(command, work, Map.of(), http, work.resolve("vigil.log"))) {
			vigil.awaitReady(Duration.ofMinutes(2));
			ManagedChannel writer = Channels.local(grpc);
			List<ManagedChannel> channels = new ArrayList<>();
			// -Dbench.fleet.client-priority=low: the followers stand in for other machines, their
			// transport threads at the lowest priority, taking only the CPU Vigil leaves.
			EventLoopGroup clientLoops = new NioEventLoopGroup(CHANNELS / 2,
					LOW_PRIORITY_CLIENT ? new LowPriorityThreads("bench-fleet-client-") : new DefaultThreadFactory("bench-fleet-client-", true));
			Fleet fleet = new Fleet(followers, variant.batched);
			try {
				HostDocuments.importHosts(writer, HostDocuments.document("10.30", "fleet", entries));
				for (int i = 0; i < CHANNELS; i++) {
					channels.add(NettyChannelBuilder.forAddress("127.0.0.1", grpc)
						.usePlaintext()
						.directExecutor()
						.eventLoopGroup(clientLoops)
						.channelType(NioSocketChannel.class)
						.build());
				}
				try (ReadyzProber probes = ReadyzProber.start(http)) {
					Phase connect = Phase.begin(vigil);
					for (int i = 0; i < followers; i++) {
						fleet.follow(i, channels.get(i % CHANNELS));
					}
					fleet.awaitAll(entries);
					rows.add(connect.end(vigil, fleet).row(label, sharing, "connect", probes));

					// The JIT compiles the send path during the first writes: warm it, then take
					// the median of the measured ones.
					for (int i = 0; i < WARM_UP_WRITES; i++) {
						addHost(writer, i);
						fleet.awaitAll(entries + i + 1);
					}
					probes.reset();
					List<Measured> writes = new ArrayList<>();
					for (int i = WARM_UP_WRITES; i < WARM_UP_WRITES + MEASURED_WRITES; i++) {
						Phase write = Phase.begin(vigil);
						addHost(writer, i);
						fleet.awaitAll(entries + i + 1);
						writes.add(write.end(vigil, fleet));
					}
					rows.add(Measured.median(writes).row(label, sharing, "one AddHost (median of " + MEASURED_WRITES + ")", probes));
				}
			}
			finally {
				fleet.cancel();
				for (ManagedChannel channel : channels) {
					Channels.close(channel);
				}
				Channels.close(writer);
				clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
			}
			rows.replaceAll((row) -> row.replace("{heap}", peakHeap(gcLog)));
		}
		finally {
			FileSystemUtils.deleteRecursively(work);
		}
		return rows;
	}

	private static void addHost(ManagedChannel writer, int i) {
		HostsServiceGrpc.newBlockingStub(writer)
			.addHost(AddHostRequest.newBuilder().setIpAddress("10.31.0." + (i + 1)).setHostname("more" + i + ".fleet.example").build());
	}

	private static byte[] prepend(int tag, byte[] rest) {
		byte[] all = new byte[rest.length + 1];
		all[0] = (byte) tag;
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
	}

	/**
	 * The heap from the GC log: its largest size before a collection (what the collector let it
	 * grow to) and after one (what was live).
	 */
	private static String peakHeap(Path gcLog) {
		Matcher sizes = Pattern.compile("(\\d+)M->(\\d+)M").matcher(readQuietly(gcLog));
		long before = 0;
		long live = 0;
		while (sizes.find()) {
			before = Math.max(before, Long.parseLong(sizes.group(1)));
			live = Math.max(live, Long.parseLong(sizes.group(2)));
		}
		return before + " MB, live " + live + " MB";
	}

	private static String readQuietly(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every follower's latest SnapshotComplete, and when it arrived. */
	private static final class Fleet {

		private final Map<Integer, SnapshotComplete> latest = new ConcurrentHashMap<>();

		private final Map<Integer, Long> arrived = new ConcurrentHashMap<>();

		private final List<ClientCall<WatchHostsRequest, SnapshotComplete>> calls = new CopyOnWriteArrayList<>();

		private final List<Status> failures = new CopyOnWriteArrayList<>();

		private final int size;

		private final boolean batched;

		Fleet(int size, boolean batched) {
			this.size = size;
			this.batched = batched;
		}

		void follow(int follower, ManagedChannel channel) {
			ClientCall<WatchHostsRequest, SnapshotComplete> call = channel.newCall(WATCH, CallOptions.DEFAULT);
			call.start(new ClientCall.Listener<>() {
				@Override
				public void onMessage(SnapshotComplete complete) {
					if (complete != null) {
						Fleet.this.latest.put(follower, complete);
						Fleet.this.arrived.put(follower, System.nanoTime());
					}
					call.request(1);
				}

				@Override
				public void onClose(Status status, Metadata trailers) {
					if (status.getCode() != Status.Code.CANCELLED) {
						Fleet.this.failures.add(status);
					}
				}
			}, new Metadata());
			call.request(1);
			call.sendMessage(WatchHostsRequest.newBuilder().setFollow(true).setBatched(this.batched).build());
			this.calls.add(call);
		}

		/** Waits until every follower's latest snapshot has {@code count} entries. */
		void awaitAll(int count) throws InterruptedException {
			long deadline = System.nanoTime() + CONVERGE_WITHIN.toNanos();
			while (this.latest.size() < this.size
					|| this.latest.values().stream().anyMatch((complete) -> complete.getCount() != count)) {
				if (!this.failures.isEmpty()) {
					throw new IllegalStateException("a follower ended: " + this.failures.get(0));
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("followers did not converge on " + count + " entries within " + CONVERGE_WITHIN);
				}
				TimeUnit.MILLISECONDS.sleep(5);
			}
		}

		long lastArrival() {
			return this.arrived.values().stream().mapToLong(Long::longValue).max().orElseThrow();
		}

		void cancel() {
			this.calls.forEach((call) -> call.cancel("benchmark over", null));
		}

	}

	/** One phase's start: wall clock and both processes' CPU. */
	private record Phase(long startedNanos, Duration vigilCpu, long clientCpuNanos) {

		static Phase begin(VigilProcess vigil) {
			return new Phase(System.nanoTime(), vigil.cpuTime(), clientCpu());
		}

		Measured end(VigilProcess vigil, Fleet fleet) {
			return new Measured((fleet.lastArrival() - this.startedNanos) / 1e6,
					vigil.cpuTime().minus(this.vigilCpu).toNanos() / 1e9, (clientCpu() - this.clientCpuNanos) / 1e9);
		}

		private static long clientCpu() {
			return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
		}

	}

	/** One phase: from its start to the last follower's snapshot, and the CPU each side used meanwhile. */
	private record Measured(double lastMillis, double vigilCpuSeconds, double clientCpuSeconds) {

		static Measured median(List<Measured> all) {
			return new Measured(Figures.median(all.stream().map(Measured::lastMillis).toList()),
					Figures.median(all.stream().map(Measured::vigilCpuSeconds).toList()),
					Figures.median(all.stream().map(Measured::clientCpuSeconds).toList()));
		}

		/** A row of the table; the probes' summary covers the phase, and they start over. */
		String row(String label, String sharing, String phase, ReadyzProber probes) {
			String row = String.format("| %s | %s | %s | %.0f ms | %.2f s | %.2f s | {heap} | %s |", label, sharing, phase,
					this.lastMillis, this.vigilCpuSeconds, this.clientCpuSeconds, probes.summary());
			probes.reset();
			return row;
		}

	}

}
