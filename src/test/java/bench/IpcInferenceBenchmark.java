package bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;

import dev.vigil.VigilApplication;
import dev.vigil.api.v1.InferRequest;
import dev.vigil.api.v1.InferenceServiceGrpc;
import dev.vigil.testing.Channels;
import dev.vigil.testing.IpcClient;
import dev.vigil.testing.OnnxModels;
import dev.vigil.testing.Tensors;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.util.FileSystemUtils;

/**
 * The same inference, on the same model, queue and concurrency, through the IPC socket and through
 * gRPC {@code Infer}, side by side in one run: {@value #CLIENTS} clients, each with its own
 * connection, sending one request after another ({@code add}, two float tensors of shape [1, 4]).
 * First {@code -Dbench.ipc.warmup-rounds} rounds of both doors ({@value #WARMUP_ROUNDS} by default),
 * not counted: gRPC's rate climbs for several rounds, with plateaus, while the JIT compiles its
 * path, and a median of those rounds would measure the compiler's warm-up, not the door. Then
 * {@value #ROUNDS} rounds of {@value #REQUESTS_PER_CLIENT} requests per client, interleaved; median
 * throughput and the latencies of all rounds. Run it with
 * {@code ./mvnw -Pbenchmark -DskipTests test-compile exec:java@ipc-inference}; see {@code docs/benchmarks.md}.
 */
public final class IpcInferenceBenchmark {

	private static final int CLIENTS = 4;

	private static final int REQUESTS_PER_CLIENT = 2_000;

	private static final int ROUNDS = 5;

	private static final int WARMUP_ROUNDS = 8;

	private static final String TOKEN = "ipc-bench-token";

	private static final String IPC_ADD = "{\"type\":\"inference_request\",\"request_id\":\"%s\",\"model_id\":\"add\",\"inputs\":["
			+ "{\"name\":\"a\",\"data_type\":\"float32\",\"shape\":[1,4],\"data\":[1,2,3,4]},"
			+ "{\"name\":\"b\",\"data_type\":\"float32\",\"shape\":[1,4],\"data\":[10,20,30,40]}]}";

	private IpcInferenceBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path directory = Files.createTempDirectory("vigil-ipc-bench");
		OnnxModels.write(directory.resolve("models"), "add", OnnxModels.add());
		Path socket = directory.resolve("vigil.sock");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(VigilApplication.class).run(
				"--server.port=0", "--spring.grpc.server.port=0", "--logging.level.root=warn",
				"--vigil.security.enabled=false", "--spring.datasource.url=jdbc:sqlite:" + directory.resolve("bench.db"),
				"--vigil.hosts.file.path=" + directory.resolve("hosts"),
				"--vigil.models.directory=" + directory.resolve("models"), "--vigil.ipc.enabled=true",
				"--vigil.ipc.socket-path=" + socket, "--vigil.ipc.token=" + TOKEN,
				"--vigil.ipc.max-requests-per-second=1000000")) {
			int port = app.getBean(GrpcServerLifecycle.class).getPort();
			List<ManagedChannel> channels = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				channels.add(Channels.local(port));
			}
			List<IpcClient> sockets = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				IpcClient client = IpcClient.connect(socket);
				client.request("{\"type\":\"handshake\",\"token\":\"" + TOKEN + "\",\"protocol_version\":1}");
				sockets.add(client);
			}
			ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
			try {
				warmUp(pool, channels, sockets);
				List<Double> grpcRates = new ArrayList<>();
				List<Double> ipcRates = new ArrayList<>();
				List<Long> grpcLatencies = new ArrayList<>();
				List<Long> ipcLatencies = new ArrayList<>();
				for (int round = 0; round < ROUNDS; round++) {
					grpcRates.add(run(pool, (client) -> grpc(channels.get(client)), grpcLatencies));
					ipcRates.add(run(pool, (client) -> ipc(sockets.get(client), client), ipcLatencies));
				}
				System.out.println();
				System.out.printf("| door | inferences/s (median of %d) | p50 µs | p99 µs | rounds |%n", ROUNDS);
				System.out.println("|---|---:|---:|---:|---|");
				row("gRPC Infer", grpcRates, grpcLatencies);
				row("IPC inference_request", ipcRates, ipcLatencies);
				System.out.printf("%nIPC ÷ gRPC: throughput %.2f×, p50 latency %.2f×%n", Figures.median(ipcRates) / Figures.median(grpcRates),
						(double) percentile(ipcLatencies, 50) / percentile(grpcLatencies, 50));
			}
			finally {
				pool.shutdownNow();
				sockets.forEach(IpcClient::close);
				for (ManagedChannel channel : channels) {
					Channels.close(channel);
				}
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	private static void warmUp(ExecutorService pool, List<ManagedChannel> channels, List<IpcClient> sockets)
			throws Exception {
		int rounds = Integer.getInteger("bench.ipc.warmup-rounds", WARMUP_ROUNDS);
		List<Double> rates = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			rates.add(run(pool, (client) -> grpc(channels.get(client))));
			run(pool, (client) -> ipc(sockets.get(client), client));
		}
		System.out.printf("%nwarm-up: %d rounds of each door, gRPC %s inferences/s%n", rates.size(),
				Figures.wholeNumbers(rates));
	}

	private static Runnable grpc(ManagedChannel channel) {
		InferenceServiceGrpc.InferenceServiceBlockingStub stub = InferenceServiceGrpc.newBlockingStub(channel);
		InferRequest request = Tensors.addRequest();
		return () -> stub.withDeadlineAfter(30, TimeUnit.SECONDS).infer(request);
	}

	private static Runnable ipc(IpcClient socket, int client) {
		int[] sequence = { 0 };
		return () -> {
			String id = "c" + client + "-" + sequence[0]++;
			JsonNode reply = socket.request(IPC_ADD.formatted(id));
			if (!"inference_response".equals(reply.get("type").asString())) {
				throw new IllegalStateException("unexpected reply " + reply);
			}
		};
	}

	private static double run(ExecutorService pool, ClientFactory clients) throws Exception {
		return run(pool, clients, new ArrayList<>());
	}

	/** Every client sends its requests one after another; returns requests per second over all clients. */
	private static double run(ExecutorService pool, ClientFactory clients, List<Long> latencies) throws Exception {
		List<Future<List<Long>>> done = new ArrayList<>();
		long started = System.nanoTime();
		for (int client = 0; client < CLIENTS; client++) {
			Runnable request = clients.client(client);
			done.add(pool.submit(() -> {
				List<Long> micros = new ArrayList<>(REQUESTS_PER_CLIENT);
				for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
					long start = System.nanoTime();
					request.run();
					micros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
				}
				return micros;
			}));
		}
		for (Future<List<Long>> future : done) {
			latencies.addAll(future.get());
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return CLIENTS * REQUESTS_PER_CLIENT / seconds;
	}

	private static void row(String door, List<Double> rates, List<Long> latencies) {
		System.out.printf("| %s | %.0f | %d | %d | %s |%n", door, Figures.median(rates), percentile(latencies, 50),
				percentile(latencies, 99), Figures.wholeNumbers(rates));
	}

	private static long percentile(List<Long> values, int percent) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
	}

	@FunctionalInterface
	private interface ClientFactory {

		Runnable client(int client) throws Exception;

	}

}
