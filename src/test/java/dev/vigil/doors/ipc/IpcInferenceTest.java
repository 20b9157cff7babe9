package dev.vigil.doors.ipc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.api.v1.InferResponse;
import dev.vigil.api.v1.InferenceServiceGrpc;
import dev.vigil.testing.Channels;
import dev.vigil.testing.IpcClient;
import dev.vigil.testing.OnnxModels;
import dev.vigil.testing.Tensors;
import dev.vigil.testing.VigilTest;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Inference on the IPC socket, as the runtime's clients do it: {@code inference_request},
 * {@code cancel_request} and {@code warmup_request} behind a handshake, through the same queue as
 * gRPC {@code Infer}, with the runtime's error codes; and {@code prometheus_request}.
 */
@VigilTest
@TestPropertySource(properties = "vigil.ipc.token=" + IpcInferenceTest.TOKEN)
class IpcInferenceTest extends IpcClientTest {

	static final String TOKEN = "ipc-inference-token";

	static final Path MODELS = Path.of("target/test-data/models-ipc-inference");

	static final String ADD = "{\"type\":\"inference_request\",\"request_id\":\"%s\",\"model_id\":\"add\",\"inputs\":["
			+ "{\"name\":\"a\",\"data_type\":\"float32\",\"shape\":[1,4],\"data\":[1,2,3,4]},"
			+ "{\"name\":\"b\",\"data_type\":\"float32\",\"shape\":[1,4],\"data\":[10,20,30,40]}]}";

	static final String HOLD = "{\"type\":\"inference_request\",\"request_id\":\"%s\",\"model_id\":\"slow\",\"inputs\":["
			+ "{\"name\":\"iterations\",\"data_type\":\"int64\",\"shape\":[],\"data\":[1000000000]},"
			+ "{\"name\":\"x\",\"data_type\":\"float32\",\"shape\":[1,16],\"data\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}]}";

	@DynamicPropertySource
	static void models(DynamicPropertyRegistry registry) {
		registry.add("vigil.models.directory", MODELS::toString);
	}

	@BeforeAll
	static void writeModels() {
		FileSystemUtils.deleteRecursively(MODELS.toFile());
		OnnxModels.write(MODELS, "add", OnnxModels.add());
		OnnxModels.write(MODELS, "slow", OnnxModels.slow());
	}

	@Autowired
	GrpcServerLifecycle grpcServer;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int httpPort;

	@Test
	void inferenceCancelAndWarmupNeedAHandshake() {
		for (String message : new String[] { ADD.formatted("r-1"),
				"{\"type\":\"cancel_request\",\"request_id\":\"r-1\"}",
				"{\"type\":\"warmup_request\",\"model_id\":\"add\",\"tokens\":1}" }) {
			JsonNode reply = this.client.request(message);
			assertThat(reply.get("type").asString()).isEqualTo("error");
			assertThat(reply.get("code").asInt()).isEqualTo(401);
			assertThat(reply.get("message").asString()).isEqualTo("handshake required");
		}
	}

	@Test
	void anInferenceAnswersWhatGrpcInferAnswers() throws InterruptedException {
		handshake();
		JsonNode reply = this.client.request(ADD.formatted("ipc-1"));
		assertThat(reply.get("type").asString()).isEqualTo("inference_response");
		assertThat(reply.get("request_id").asString()).isEqualTo("ipc-1");
		JsonNode sum = reply.get("outputs").get(0);
		assertThat(sum.get("name").asString()).isEqualTo("sum");
		assertThat(sum.get("data_type").asString()).isEqualTo("float32");
		assertThat(sum.get("shape").toString()).isEqualTo("[1,4]");
		assertThat(sum.get("data").toString()).isEqualTo("[11.0,22.0,33.0,44.0]");
		assertThat(reply.get("queue_micros").asLong()).isNotNegative();
		assertThat(reply.get("run_micros").asLong()).isNotNegative();

		ManagedChannel channel = Channels.local(this.grpcServer.getPort());
		try {
			InferResponse grpc = InferenceServiceGrpc.newBlockingStub(channel)
				.withDeadlineAfter(30, TimeUnit.SECONDS)
				.infer(Tensors.addRequest());
			assertThat(grpc.getOutputs(0).getFloatDataList()).containsExactly(11f, 22f, 33f, 44f);
		}
		finally {
			Channels.close(channel);
		}
	}

	@Test
	void refusalsCarryTheRuntimesErrorCodes() {
		handshake();
		assertError(this.client.request(ADD.formatted("e-1").replace("\"add\"", "\"absent\"")), 503, "model_not_loaded");
		assertError(this.client.request(ADD.formatted("e-2").replace("[1,2,3,4]", "[1,2,3]")), 400, "input_invalid");
		assertError(this.client.request(ADD.formatted("e-3").replace("\"float32\"", "\"complex64\"")), 400, "input_invalid");
		assertError(this.client.request(ADD.formatted("e-4").replace("\"model_id\"", "\"timeout_ms\":-1,\"model_id\"")), 400,
				"input_invalid");
		assertError(this.client.request(ADD.formatted("e-5").replace("\"model_id\"", "\"priority\":\"urgent\",\"model_id\"")),
				400, "input_invalid");
		// Still usable after every refusal.
		assertThat(this.client.request(ADD.formatted("e-6")).get("type").asString()).isEqualTo("inference_response");
	}

	@Test
	void aCancelledRequestIsAnsweredAsCancelled() {
		handshake();
		this.client.send(IpcClient.frame(HOLD.formatted("hold-ipc").getBytes(StandardCharsets.UTF_8)));
		try (IpcClient other = IpcClient.connect(this.properties.socketPath())) {
			other.request("{\"type\":\"handshake\",\"token\":\"" + TOKEN + "\",\"protocol_version\":1}");
			JsonNode cancelled = await().atMost(Duration.ofSeconds(10))
				.until(() -> other.request("{\"type\":\"cancel_request\",\"request_id\":\"hold-ipc\"}"),
						(reply) -> reply.get("cancelled").asBoolean());
			assertThat(cancelled.get("type").asString()).isEqualTo("cancel_response");
			assertThat(cancelled.get("request_id").asString()).isEqualTo("hold-ipc");
		}
		JsonNode answer = this.client.read();
		assertError(answer, 503, "execution_failed");
		assertThat(answer.get("message").asString()).isEqualTo("cancelled");
	}

	@Test
	void aClientThatGoesAwayCancelsWhatItLeftRunning() {
		double before = cancelled();
		try (IpcClient leaving = IpcClient.connect(this.properties.socketPath())) {
			leaving.request("{\"type\":\"handshake\",\"token\":\"" + TOKEN + "\",\"protocol_version\":1}");
			leaving.send(IpcClient.frame(HOLD.formatted("hold-gone").getBytes(StandardCharsets.UTF_8)));
			// Answered only once it is queued, so the close comes after the request is in flight.
			assertThat(leaving.request("{\"type\":\"models_request\"}").get("type").asString()).isEqualTo("models_response");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> cancelled() > before);
	}

	@Test
	void warmupRunsTheModelOnceOrSaysWhyNot() {
		handshake();
		JsonNode warm = this.client.request("{\"type\":\"warmup_request\",\"model_id\":\"add\",\"tokens\":16}");
		assertThat(warm.get("type").asString()).isEqualTo("warmup_response");
		assertThat(warm.get("model_id").asString()).isEqualTo("add");
		assertThat(warm.get("success").asBoolean()).isTrue();
		assertThat(warm.get("error").isNull()).isTrue();
		assertThat(warm.get("elapsed_ms").asLong()).isNotNegative();
		JsonNode absent = this.client.request("{\"type\":\"warmup_request\",\"model_id\":\"absent\",\"tokens\":16}");
		assertThat(absent.get("success").asBoolean()).isFalse();
		assertThat(absent.get("error").asString()).contains("absent");
	}

	@Test
	void prometheusTextIsWhatTheActuatorServes() throws Exception {
		Set<String> before = families(http("/actuator/prometheus"));
		JsonNode reply = this.client.request("{\"type\":\"prometheus_request\"}");
		assertThat(reply.get("type").asString()).isEqualTo("prometheus_response");
		String text = reply.get("text").asString();
		assertThat(text).contains("# TYPE vigil_health_status gauge");
		Set<String> after = families(http("/actuator/prometheus"));
		assertThat(families(text)).containsAll(before).isSubsetOf(after);
	}

	private void handshake() {
		JsonNode ack = this.client.request("{\"type\":\"handshake\",\"token\":\"" + TOKEN + "\",\"protocol_version\":1}");
		assertThat(ack.get("type").asString()).isEqualTo("handshake_ack");
	}

	private double cancelled() {
		Counter counter = this.meters.find("vigil.inference.requests").tag("outcome", "cancelled").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static void assertError(JsonNode reply, int code, String errorCode) {
		assertThat(reply.get("type").asString()).as("%s", reply).isEqualTo("error");
		assertThat(reply.get("code").asInt()).as("%s", reply).isEqualTo(code);
		assertThat(reply.get("error_code").asString()).as("%s", reply).isEqualTo(errorCode);
	}

	private String http(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	/** The metric families a text exposition declares. */
	private static Set<String> families(String text) {
		return text.lines()
			.filter((line) -> line.startsWith("# TYPE "))
			.map((line) -> line.split(" ")[2])
			.collect(Collectors.toSet());
	}

}
