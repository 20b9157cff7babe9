package dev.vigil.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.VigilApplication;
import dev.vigil.api.v1.Priority;
import dev.vigil.lifecycle.LifecycleState;
import dev.vigil.lifecycle.ShutdownCoordinator;
import dev.vigil.testing.Channels;
import dev.vigil.testing.IpcClient;
import dev.vigil.testing.OnnxModels;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application (what SIGTERM does) with work queued and running: readiness goes out
 * at once, new work is refused "shutting down", queued and running work finishes within the
 * drain timeout or is answered UNAVAILABLE, every request gets an answer, and liveness stays UP
 * for as long as the server answers.
 */
class DrainOnShutdownTest {

	static final Path MODELS = Path.of("target/test-data/models-drain");

	static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);

	static final Path SOCKET = Path.of("target/test-data/models-drain.sock");

	@BeforeAll
	static void writeModels() {
		FileSystemUtils.deleteRecursively(MODELS.toFile());
		OnnxModels.write(MODELS, "slow", OnnxModels.slow());
	}

	@Test
	void shutdownDrainsQueuedAndRunningWorkAndAnswersEveryRequest() throws Exception {
		ConfigurableApplicationContext app = new SpringApplicationBuilder(VigilApplication.class).run("--server.port=0",
				"--spring.grpc.server.port=0", "--vigil.security.enabled=false", "--spring.datasource.url=jdbc:sqlite:target/test-data/models-drain.db",
				"--vigil.hosts.file.path=target/test-data/models-drain-hosts", "--vigil.models.directory=" + MODELS,
				"--vigil.models.workers=2", "--vigil.lifecycle.drain-timeout=" + DRAIN_TIMEOUT.toMillis() + "ms",
				"--vigil.ipc.enabled=true", "--vigil.ipc.socket-path=" + SOCKET, "--vigil.ipc.token=drain-token");
		int httpPort = ((WebServerApplicationContext) app).getWebServer().getPort();
		ManagedChannel channel = ManagedChannelBuilder
			.forAddress("127.0.0.1", app.getBean(GrpcServerLifecycle.class).getPort())
			.usePlaintext()
			.build();
		try {
			InferenceClient client = new InferenceClient(channel);
			InferenceWorkers workers = app.getBean(InferenceWorkers.class);
			InferenceQueue queue = app.getBean(InferenceQueue.class);
			// One worker busy past any drain; the other has a short run, then three queued ones.
			CompletableFuture<InferenceClient.Outcome> endless = client.hold("endless");
			CompletableFuture<InferenceClient.Outcome> running = client.infer(InferenceClient.slow("running", Priority.NORMAL, 200_000));
			await().atMost(Duration.ofSeconds(10)).until(() -> workers.busy() == 2);
			List<CompletableFuture<InferenceClient.Outcome>> queued = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				queued.add(client.infer(InferenceClient.slow("queued-" + i, Priority.NORMAL, 100_000)));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> queue.depth() == 3);

			// An IPC client with a session from before the drain, to be refused like the gRPC one.
			IpcClient session = IpcClient.connect(SOCKET);
			assertThat(session.request("{\"type\":\"handshake\",\"token\":\"drain-token\",\"protocol_version\":1}")
				.get("type")
				.asString()).isEqualTo("handshake_ack");

			List<Integer> livez = new CopyOnWriteArrayList<>();
			List<Integer> readyz = new CopyOnWriteArrayList<>();
			CompletableFuture<Void> probing = CompletableFuture.runAsync(() -> probe(httpPort, livez, readyz));
			ShutdownCoordinator coordinator = app.getBean(ShutdownCoordinator.class);
			long closing = System.nanoTime();
			CompletableFuture<Void> closed = CompletableFuture.runAsync(app::close);

			await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.state() == LifecycleState.DRAINING);
			InferenceClient.Outcome refused = client.infer(InferenceClient.slow("too-late", Priority.CRITICAL, 1)).join();
			assertThat(refused.code()).isEqualTo(Status.Code.UNAVAILABLE);
			assertThat(refused.status().getDescription()).isEqualTo("shutting down");
			try (session) {
				JsonNode ipcRefused = session.request("{\"type\":\"inference_request\",\"request_id\":\"too-late-ipc\","
						+ "\"model_id\":\"slow\",\"inputs\":[{\"name\":\"iterations\",\"data_type\":\"int64\",\"shape\":[],"
						+ "\"data\":[1]},{\"name\":\"x\",\"data_type\":\"float32\",\"shape\":[1,16],"
						+ "\"data\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}]}");
				assertThat(ipcRefused.get("code").asInt()).isEqualTo(503);
				assertThat(ipcRefused.get("error_code").asString()).isEqualTo("shutting_down");
				assertThat(ipcRefused.get("message").asString()).isEqualTo("shutting down");
			}
			try (IpcClient ipc = IpcClient.connect(SOCKET)) {
				assertThat(ipc.healthCheck("Readiness").get("ok").asBoolean()).isFalse();
				JsonNode report = ipc.healthCheck("Full").get("report");
				assertThat(report.get("state").asString()).isEqualTo("Unhealthy");
				assertThat(report.get("ready").asBoolean()).isFalse();
				assertThat(report.get("accepting_requests").asBoolean()).isFalse();
				assertThat(ipc.healthCheck("Liveness").get("ok").asBoolean()).isTrue();
				JsonNode handshake = ipc.request("{\"type\":\"handshake\",\"token\":\"drain-token\",\"protocol_version\":1}");
				assertThat(handshake.get("code").asInt()).isEqualTo(503);
			}

			closed.get(DRAIN_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
			Duration took = Duration.ofNanos(System.nanoTime() - closing);
			probing.get(10, TimeUnit.SECONDS);

			assertThat(running.join().code()).isEqualTo(Status.Code.OK);
			assertThat(queued).allSatisfy((call) -> assertThat(call.join().code()).isEqualTo(Status.Code.OK));
			InferenceClient.Outcome cut = endless.join();
			assertThat(cut.code()).isEqualTo(Status.Code.UNAVAILABLE);
			assertThat(cut.status().getDescription()).isEqualTo("shutting down");
			assertThat(took).isLessThan(DRAIN_TIMEOUT.plusSeconds(15));
			assertThat(livez).isNotEmpty().containsOnly(200);
			assertThat(readyz).contains(503);
			assertThat(SOCKET).as("the socket is removed on shutdown").doesNotExist();
		}
		finally {
			app.close();
			Channels.close(channel);
		}
	}

	/** Asks /livez and /readyz until the server stops answering, recording every status. */
	private static void probe(int port, List<Integer> livez, List<Integer> readyz) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		while (true) {
			try {
				livez.add(status(http, port, "/livez"));
				readyz.add(status(http, port, "/readyz"));
			}
			catch (UncheckedIOException ex) {
				return;
			}
		}
	}

	private static int status(HttpClient http, int port, String path) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(2))
				.build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
