package dev.vigil.doors.ipc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.vigil.api.v1.DataType;
import dev.vigil.api.v1.InferRequest;
import dev.vigil.api.v1.InferenceServiceGrpc;
import dev.vigil.api.v1.Tensor;
import dev.vigil.testing.Channels;
import dev.vigil.testing.Doors;
import dev.vigil.testing.IpcClient;
import dev.vigil.testing.OnnxModels;
import dev.vigil.testing.VigilTest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The IPC socket of a running Vigil, through a real Unix socket client: every message of the
 * protocol, every documented error, the handshake, the bounds, and the socket's mode.
 */
@VigilTest
@TestPropertySource(properties = { "vigil.ipc.token=" + IpcDoorTest.TOKEN, "vigil.ipc.max-frame-size=64KB",
		"vigil.ipc.max-connections=16", "vigil.ipc.max-requests-per-second=20",
		// The fuzz run guesses tokens too; the server-wide bound would otherwise reach into other tests.
		"vigil.ipc.max-failed-handshakes-per-second=100000" })
class IpcDoorTest extends IpcClientTest {

	static final String TOKEN = "ipc-door-test-token";

	static final Path MODELS = Path.of("target/test-data/models-ipc");

	@DynamicPropertySource
	static void models(DynamicPropertyRegistry registry) {
		registry.add("vigil.models.directory", MODELS::toString);
	}

	@BeforeAll
	static void writeModels() {
		FileSystemUtils.deleteRecursively(MODELS.toFile());
		OnnxModels.write(MODELS, "add", OnnxModels.add());
	}

	@Autowired
	ApplicationContext context;

	@Autowired
	GrpcServerLifecycle grpcServer;

	@Test
	void livenessAndReadinessAnswerOkWithoutAReport() {
		for (String type : List.of("Liveness", "Readiness")) {
			JsonNode reply = this.client.healthCheck(type);
			assertThat(reply.get("type").asString()).isEqualTo("health_response");
			assertThat(reply.get("check_type").asString()).isEqualTo(type);
			assertThat(reply.get("ok").asBoolean()).isTrue();
			assertThat(reply.get("report").isNull()).isTrue();
		}
	}

	@Test
	void fullCarriesTheRuntimeReportTheGrpcHealthRpcAlsoGives() throws InterruptedException {
		JsonNode reply = this.client.healthCheck("Full");
		assertThat(reply.get("ok").asBoolean()).isTrue();
		JsonNode report = reply.get("report");
		assertThat(report.propertyNames()).containsExactly("state", "ready", "accepting_requests", "models_loaded",
				"memory_used_bytes", "queue_depth", "uptime_secs");
		assertThat(report.get("ready").asBoolean()).isTrue();
		assertThat(report.get("accepting_requests").asBoolean()).isTrue();
		assertThat(report.get("models_loaded").asInt()).isEqualTo(1);
		assertThat(report.get("memory_used_bytes").asLong()).isEqualTo(OnnxModels.add().length);
		assertThat(report.get("queue_depth").asInt()).isZero();
		try (Doors doors = Doors.of(this.context)) {
			var grpc = doors.health().getModelQueue();
			assertThat(report.get("state").asString()).isEqualTo(grpc.getState()).isIn("Healthy", "Degraded");
			assertThat(report.get("models_loaded").asInt()).isEqualTo(grpc.getModelsLoaded());
			assertThat(report.get("memory_used_bytes").asLong()).isEqualTo(grpc.getMemoryUsedBytes());
		}
	}

	@Test
	void modelsResponseListsEachModelWithItsUsage() throws InterruptedException {
		ManagedChannel channel = Channels.local(this.grpcServer.getPort());
		try {
			Tensor input = Tensor.newBuilder()
				.setDataType(DataType.FLOAT32)
				.addShape(1)
				.addShape(4)
				.addAllFloatData(List.of(1f, 2f, 3f, 4f))
				.build();
			InferenceServiceGrpc.newBlockingStub(channel)
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.infer(InferRequest.newBuilder()
					.setModel("add")
					.addInputs(input.toBuilder().setName("a"))
					.addInputs(input.toBuilder().setName("b"))
					.build());
		}
		finally {
			Channels.close(channel);
		}
		JsonNode reply = this.client.request("{\"type\":\"models_request\"}");
		assertThat(reply.get("type").asString()).isEqualTo("models_response");
		assertThat(reply.get("total_memory_bytes").asLong()).isEqualTo(OnnxModels.add().length);
		JsonNode model = reply.get("models").get(0);
		assertThat(model.propertyNames()).containsExactly("handle_id", "name", "format", "size_bytes", "memory_bytes",
				"state", "request_count", "avg_latency_ms", "loaded_at");
		assertThat(model.get("handle_id").asLong()).isPositive();
		assertThat(model.get("name").asString()).isEqualTo("add");
		assertThat(model.get("format").asString()).isEqualTo("onnx");
		assertThat(model.get("size_bytes").asLong()).isEqualTo(OnnxModels.add().length);
		assertThat(model.get("state").asString()).isEqualTo("READY");
		assertThat(model.get("request_count").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(model.get("avg_latency_ms").asDouble()).isPositive();
		assertThat(model.get("loaded_at").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
	}

	@Test
	void metricsResponseReadsTheRegistryPrometheusScrapes() throws InterruptedException {
		JsonNode reply = this.client.request("{\"type\":\"metrics_request\"}");
		assertThat(reply.get("type").asString()).isEqualTo("metrics_response");
		JsonNode loaded = find(reply.get("gauges"), "vigil_models_loaded");
		assertThat(loaded.get("value").asDouble()).isEqualTo(1.0);
		JsonNode health = find(reply.get("gauges"), "vigil_health_status");
		assertThat(health.get("tags").has("component")).isTrue();
		assertThat(reply.get("counters").size()).isPositive();
		JsonNode histogram = find(reply.get("histograms"), "vigil_health_check_duration_seconds");
		assertThat(histogram.get("count").asLong()).isPositive();
		assertThat(histogram.get("unit").asString()).isEqualTo("seconds");
		try (Doors doors = Doors.of(this.context)) {
			assertThat(doors.get("/actuator/prometheus").body()).contains("vigil_models_loaded 1.0");
		}
	}

	@Test
	void socketIsCreatedWithMode0660() throws Exception {
		assertThat(Files.getPosixFilePermissions(this.properties.socketPath()))
			.isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
		assertThat(Files.list(this.properties.socketPath().getParent()))
			.noneMatch((path) -> path.getFileName().toString().startsWith(".vigil-ipc-"));
	}

	@Test
	void handshakeWithTheTokenOpensASession() {
		JsonNode ack = this.client.request(handshake(TOKEN, "1"));
		assertThat(ack.get("type").asString()).isEqualTo("handshake_ack");
		assertThat(UUID.fromString(ack.get("session_id").asString())).isNotNull();
		assertThat(ack.get("protocol_version").asInt()).isEqualTo(1);
	}

	@Test
	void wrongTokensAre401ThenTheConnectionIsClosed() {
		assertError(this.client.request(handshake("guess-1", "1")), 401, "handshake refused");
		assertError(this.client.request(handshake(TOKEN.substring(1), "1")), 401, "handshake refused");
		assertError(this.client.request("{\"type\":\"handshake\",\"protocol_version\":1}"), 429,
				"too many failed handshakes");
		assertThat(this.client.closedByServer()).isTrue();
		try (IpcClient other = IpcClient.connect(this.properties.socketPath())) {
			assertThat(other.healthCheck("Liveness").get("ok").asBoolean()).isTrue();
		}
	}

	@Test
	void anUnsupportedProtocolVersionIs400() {
		assertError(this.client.request(handshake(TOKEN, "0")), 400, "protocol_version: must be an integer of at least 1");
		assertError(this.client.request(handshake(TOKEN, "\"1\"")), 400,
				"protocol_version: must be an integer of at least 1");
	}

	static List<Object[]> malformed() {
		byte[] invalidUtf8 = { '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}' };
		return List.of(new Object[] { "not JSON", "hello".getBytes(StandardCharsets.UTF_8), "malformed frame: not a JSON object" },
				new Object[] { "empty frame", new byte[0], "malformed frame: not a JSON object" },
				new Object[] { "a JSON array", "[1,2]".getBytes(StandardCharsets.UTF_8), "malformed frame: not a JSON object" },
				new Object[] { "invalid UTF-8", invalidUtf8, "malformed frame: not UTF-8" },
				new Object[] { "deep nesting", ("{\"a\":" + "[".repeat(5000)).getBytes(StandardCharsets.UTF_8),
						"malformed frame: not a JSON object" },
				new Object[] { "no type", "{\"check_type\":\"Full\"}".getBytes(StandardCharsets.UTF_8),
						"type: required, a string" },
				new Object[] { "unknown type", "{\"type\":\"shutdown\"}".getBytes(StandardCharsets.UTF_8),
						"unknown type 'shutdown'" },
				new Object[] { "bad check type", "{\"type\":\"health_check\",\"check_type\":\"full\"}"
					.getBytes(StandardCharsets.UTF_8), "check_type: must be Liveness, Readiness or Full" });
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformed")
	void malformedFramesGet400AndTheConnectionStaysUsable(String label, byte[] payload, String message) {
		this.client.send(IpcClient.frame(payload));
		assertError(this.client.read(), 400, message);
		assertThat(this.client.healthCheck("Liveness").get("ok").asBoolean()).isTrue();
	}

	@Test
	void aLengthOf4GiBIs413AndCloses() {
		this.client.send(new byte[] { (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'x' });
		assertError(this.client.read(), 413, "frame of 4294967295 bytes exceeds the limit of 65536 bytes");
		assertThat(this.client.closedByServer()).isTrue();
	}

	@Test
	void aFrameOneByteOverTheBoundIs413() {
		this.client.send(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(65537).array());
		assertError(this.client.read(), 413, "frame of 65537 bytes exceeds the limit of 65536 bytes");
		assertThat(this.client.closedByServer()).isTrue();
	}

	@Test
	void aFrameAtTheBoundIsRead() {
		String padded = "{\"type\":\"health_check\",\"check_type\":\"Liveness\",\"pad\":\"";
		String payload = padded + "x".repeat(65536 - padded.length() - 2) + "\"}";
		assertThat(payload).hasSize(65536);
		assertThat(this.client.request(payload).get("ok").asBoolean()).isTrue();
	}

	@Test
	void requestsPastTheRateGet429WhileHealthChecksStillAnswer() {
		List<Integer> codes = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			JsonNode reply = this.client.request("{\"type\":\"models_request\"}");
			codes.add(reply.has("code") ? reply.get("code").asInt() : 200);
		}
		assertThat(codes).contains(200, 429).containsOnly(200, 429);
		assertThat(this.client.healthCheck("Readiness").get("ok").asBoolean()).isTrue();
	}

	@Test
	void aFloodOfIdleConnectionsCannotLockOutAProbe() {
		List<IpcClient> flood = new ArrayList<>();
		try {
			for (int i = 0; i < 3 * this.properties.maxConnections(); i++) {
				flood.add(IpcClient.connect(this.properties.socketPath()));
			}
			for (int i = 0; i < 5; i++) {
				try (IpcClient probe = IpcClient.connect(this.properties.socketPath())) {
					assertThat(probe.healthCheck("Liveness").get("ok").asBoolean()).isTrue();
				}
			}
			// The oldest of the flood were closed to make room.
			assertThat(flood.get(0).closedByServer()).isTrue();
		}
		finally {
			flood.forEach(IpcClient::close);
		}
	}

	@Test
	void aClientThatNeverReadsDoesNotHoldUpOthers() {
		byte[] request = IpcClient.frame("{\"type\":\"health_check\",\"check_type\":\"Full\"}".getBytes(StandardCharsets.UTF_8));
		try (IpcClient greedy = IpcClient.connect(this.properties.socketPath())) {
			// Far more replies than the socket buffers hold: the server must stop reading it, not block.
			byte[] many = new byte[request.length * 2000];
			for (int i = 0; i < 2000; i++) {
				System.arraycopy(request, 0, many, i * request.length, request.length);
			}
			Thread writer = new Thread(() -> {
				try {
					greedy.send(many);
				}
				catch (RuntimeException ex) {
					// Closed at the end of the test; what matters is the others.
				}
			});
			writer.setDaemon(true);
			writer.start();
			for (int i = 0; i < 20; i++) {
				assertThat(this.client.healthCheck("Liveness").get("ok").asBoolean()).isTrue();
			}
		}
	}

	@Test
	void aTruncatedFrameFromAClientThatLeavesCostsNothing() {
		try (IpcClient quitter = IpcClient.connect(this.properties.socketPath())) {
			quitter.send(new byte[] { 100, 0, 0, 0, '{', '"' });
		}
		assertThat(this.client.healthCheck("Liveness").get("ok").asBoolean()).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> {
			try (IpcClient silent = IpcClient.connect(this.properties.socketPath())) {
				silent.send(new byte[] { 100, 0, 0, 0, '{' });
				silent.read();
			}
		}).withMessageContaining("no answer within");
	}

	/**
	 * A fixed-seed fuzz run: random bytes, mutated and truncated frames, random lengths, deep
	 * nesting and pipelined messages, each on a fresh connection. Every complete frame gets one
	 * reply of a documented type or code, and a probe connection held open throughout keeps
	 * answering, as does the service.
	 */
	@Test
	void fuzzedInputGetsDocumentedAnswersAndNeverHurtsOthers() throws InterruptedException {
		Random random = new Random(20261123L);
		long maxFrame = this.properties.maxFrameSize().toBytes();
		try (IpcClient probe = IpcClient.connect(this.properties.socketPath())) {
			for (int round = 0; round < 300; round++) {
				byte[] input = IpcFuzzInputs.next(random);
				try (IpcClient victim = IpcClient.connect(this.properties.socketPath())) {
					victim.send(input);
					IpcFuzzInputs.Expected expected = IpcFuzzInputs.expect(input, maxFrame);
					boolean closed = false;
					for (int i = 0; i < expected.replies() && !closed; i++) {
						JsonNode reply = victim.read();
						assertThat(reply.get("type").asString()).as("round %d", round)
							.isIn("health_response", "models_response", "metrics_response", "prometheus_response",
									"handshake_ack", "error");
						if (reply.get("type").asString().equals("error")) {
							assertThat(reply.get("code").asInt()).as("round %d", round).isIn(400, 401, 413, 429);
							closed = reply.get("code").asInt() == 413
									|| reply.get("message").asString().equals("too many failed handshakes");
						}
					}
					if (expected.tooLarge()) {
						assertThat(closed).as("round %d ends with 413", round).isTrue();
					}
					if (closed) {
						assertThat(victim.closedByServer()).as("round %d closed", round).isTrue();
					}
				}
				assertThat(probe.healthCheck("Liveness").get("ok").asBoolean()).as("probe after round %d", round)
					.isTrue();
			}
		}
		try (Doors doors = Doors.of(this.context)) {
			assertThat(doors.read().readyAnswers()).containsOnly(true);
			assertThat(doors.read().aliveAnswers()).containsOnly(true);
		}
	}

	static String handshake(String token, String version) {
		return "{\"type\":\"handshake\",\"token\":\"" + token + "\",\"protocol_version\":" + version + "}";
	}

	static void assertError(JsonNode reply, int code, String message) {
		assertThat(reply.get("type").asString()).isEqualTo("error");
		assertThat(reply.get("code").asInt()).isEqualTo(code);
		assertThat(reply.get("message").asString()).isEqualTo(message);
	}

	private static JsonNode find(JsonNode meters, String name) {
		for (JsonNode meter : meters) {
			if (meter.get("name").asString().equals(name)) {
				return meter;
			}
		}
		throw new AssertionError("no meter " + name + " among " + Set.copyOf(names(meters)));
	}

	private static List<String> names(JsonNode meters) {
		List<String> names = new ArrayList<>();
		meters.forEach((meter) -> names.add(meter.get("name").asString()));
		return names;
	}

}
