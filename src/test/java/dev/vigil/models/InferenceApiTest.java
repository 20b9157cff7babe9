package dev.vigil.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.HealthResponse;
import dev.vigil.api.v1.DataType;
import dev.vigil.api.v1.InferRequest;
import dev.vigil.api.v1.InferResponse;
import dev.vigil.api.v1.InferenceServiceGrpc;
import dev.vigil.api.v1.ListModelsRequest;
import dev.vigil.api.v1.LoadModelRequest;
import dev.vigil.api.v1.ModelInfo;
import dev.vigil.api.v1.ModelState;
import dev.vigil.api.v1.Priority;
import dev.vigil.api.v1.Tensor;
import dev.vigil.api.v1.UnloadModelRequest;
import dev.vigil.testing.Channels;
import dev.vigil.testing.Doors;
import dev.vigil.testing.OnnxModels;
import dev.vigil.testing.Tensors;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code vigil.v1.InferenceService} over a real gRPC channel, on real ONNX Runtime sessions of
 * models the test writes itself: two workers and a queue of six.
 */
@VigilTest
class InferenceApiTest {

	static final Path MODELS = Path.of("target/test-data/models-api");

	static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	ApplicationContext context;

	@Autowired
	GrpcServerLifecycle grpcServer;

	@Autowired
	InferenceQueue queue;

	@Autowired
	InferenceWorkers workers;

	@Autowired
	InferenceService inference;

	ManagedChannel channel;

	InferenceClient client;

	@DynamicPropertySource
	static void models(DynamicPropertyRegistry registry) {
		registry.add("vigil.models.directory", MODELS::toString);
		registry.add("vigil.models.workers", () -> "2");
		registry.add("vigil.models.queue.max-depth", () -> "6");
		registry.add("vigil.models.max-tensor-elements", () -> "4096");
		registry.add("spring.datasource.url", () -> "jdbc:sqlite:target/test-data/models-api.db");
	}

	@BeforeAll
	static void writeModels() throws IOException {
		FileSystemUtils.deleteRecursively(MODELS);
		OnnxModels.write(MODELS, "add", OnnxModels.add());
		OnnxModels.write(MODELS, "matmul", OnnxModels.matmul());
		OnnxModels.write(MODELS, "slow", OnnxModels.slow());
		Files.writeString(MODELS.resolve("garbage.bin"), "not a model");
	}

	@BeforeEach
	void connect() {
		this.channel = Channels.local(this.grpcServer.getPort());
		this.client = new InferenceClient(this.channel);
	}

	@AfterEach
	void settle() throws InterruptedException {
		// Whatever a test left running is cancelled, so the next starts with idle workers.
		await().atMost(WAIT).until(() -> {
			List.of("hold-1", "hold-2").forEach(this.client::cancel);
			return this.queue.depth() == 0 && this.workers.busy() == 0 && this.inference.inFlight() == 0;
		});
		Channels.close(this.channel);
	}

	@Test
	void modelsInTheDirectoryAnswerWithTheRightOutputs() {
		InferResponse sum = this.client.blocking()
			.infer(InferRequest.newBuilder()
				.setModel("add")
				.addInputs(Tensors.floats("a", new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 2, 4))
				.addInputs(Tensors.floats("b", new float[] { 10, 20, 30, 40, 50, 60, 70, 80 }, 2, 4))
				.build());
		assertThat(sum.getOutputsList()).singleElement().satisfies((output) -> {
			assertThat(output.getName()).isEqualTo("sum");
			assertThat(output.getShapeList()).containsExactly(2L, 4L);
			assertThat(output.getFloatDataList()).containsExactly(11f, 22f, 33f, 44f, 55f, 66f, 77f, 88f);
		});
		assertThat(sum.getRequestId()).isNotEmpty();

		InferResponse product = this.client.blocking()
			.infer(InferRequest.newBuilder()
				.setModel("matmul")
				.setRequestId("mm-1")
				.addInputs(Tensors.floats("x", new float[] { 1, 0, 0, 1, 1, 1 }, 2, 3))
				.build());
		assertThat(product.getRequestId()).isEqualTo("mm-1");
		assertThat(product.getOutputs(0).getShapeList()).containsExactly(2L, 2L);
		assertThat(product.getOutputs(0).getFloatDataList()).containsExactly(1f, 2f, 9f, 12f);

		List<ModelInfo> models = this.client.blocking().listModels(ListModelsRequest.getDefaultInstance()).getModelsList();
		assertThat(models).extracting(ModelInfo::getName).containsExactly("add", "matmul", "slow");
		ModelInfo add = models.get(0);
		assertThat(add.getState()).isEqualTo(ModelState.READY);
		assertThat(add.getFormat()).isEqualTo("onnx");
		assertThat(add.getSizeBytes()).isEqualTo(OnnxModels.add().length);
		assertThat(add.getMemoryBytes()).isPositive();
		assertThat(add.getRequestCount()).isPositive();
		assertThat(add.getLoadedAt().getSeconds()).isPositive();
		assertThat(add.getInputsList()).extracting(dev.vigil.api.v1.TensorSpec::getName).containsExactly("a", "b");
		assertThat(add.getInputs(0).getShapeList()).containsExactly(-1L, 4L);
	}

	@Test
	void badRequestsAreRefusedWithWhatWasExpected() {
		assertRefused(InferRequest.newBuilder().setModel("nope").build(), Status.Code.NOT_FOUND, "model 'nope' is not loaded");
		assertRefused(addRequest().removeInputs(1).build(), Status.Code.INVALID_ARGUMENT,
				"missing input 'b' (float32 [batch, 4])");
		assertRefused(addRequest().setInputs(1, Tensor.newBuilder().setName("b").setDataType(DataType.INT64)
			.addShape(1).addShape(4).addInt64Data(1).addInt64Data(2).addInt64Data(3).addInt64Data(4)).build(),
				Status.Code.INVALID_ARGUMENT, "input 'b' is int64, expected float32 [batch, 4]");
		assertRefused(addRequest().setInputs(1, Tensors.floats("b", new float[3], 1, 3)).build(),
				Status.Code.INVALID_ARGUMENT, "input 'b' has shape [1, 3], expected float32 [batch, 4]");
		assertRefused(addRequest().setInputs(1, Tensors.floats("b", new float[3], 1, 4)).build(),
				Status.Code.INVALID_ARGUMENT, "input 'b' has 3 values; shape [1, 4] needs 4");
		assertRefused(addRequest().addInputs(Tensors.floats("c", new float[4], 1, 4)).build(),
				Status.Code.INVALID_ARGUMENT, "unknown input 'c'; model 'add' takes a, b");
		assertRefused(
				addRequest().setInputs(0, Tensors.floats("a", new float[4100], 1025, 4))
					.setInputs(1, Tensors.floats("b", new float[4100], 1025, 4))
					.build(),
				Status.Code.INVALID_ARGUMENT, "more than the limit of 4096 elements");
		assertRefused(addRequest().setTimeoutMs(0).build(), Status.Code.INVALID_ARGUMENT, "timeout_ms: must be positive");
	}

	@Test
	void aRequestIdCanBeInFlightOnlyOnce() {
		CompletableFuture<InferenceClient.Outcome> hold = this.client.hold("hold-1");
		await().atMost(WAIT).until(() -> this.workers.busy() == 1);
		assertThat(this.client.infer(InferenceClient.slow("hold-1", Priority.HIGH, 1)).join().status().getDescription())
			.isEqualTo("request id 'hold-1' is already in use");
		assertThat(this.client.cancel("hold-1")).isTrue();
		assertThat(hold.join().code()).isEqualTo(Status.Code.CANCELLED);
		assertThat(this.client.cancel("hold-1")).isFalse();
	}

	@Test
	void underLoadHigherPrioritiesRunFirst() {
		List<CompletableFuture<InferenceClient.Outcome>> holds = holdBothWorkers();
		List<String> finished = new CopyOnWriteArrayList<>();
		List<CompletableFuture<InferenceClient.Outcome>> queued = new ArrayList<>();
		for (Priority priority : List.of(Priority.LOW, Priority.NORMAL, Priority.LOW, Priority.CRITICAL, Priority.HIGH)) {
			String id = priority.name() + "-" + queued.size();
			// Long enough (tens of ms) that answers cannot overtake each other on their way back.
			queued.add(this.client.infer(InferenceClient.slow(id, priority, 50_000))
				.whenComplete((outcome, failure) -> finished.add(id)));
			await().atMost(WAIT).until(() -> this.queue.depth() == queued.size());
		}
		// One worker comes free; the other stays busy, so the queue is served one at a time.
		assertThat(this.client.cancel("hold-1")).isTrue();
		await().atMost(WAIT).until(() -> finished.size() == 5);
		assertThat(finished).containsExactly("CRITICAL-3", "HIGH-4", "NORMAL-1", "LOW-0", "LOW-2");
		assertThat(queued).allSatisfy((call) -> assertThat(call.join().code()).isEqualTo(Status.Code.OK));
		assertThat(holds.get(0).join().code()).isEqualTo(Status.Code.CANCELLED);
	}

	@Test
	void aDeadlinePassedInTheQueueIsDroppedBeforeRunning() {
		holdBothWorkers();
		CompletableFuture<InferenceClient.Outcome> fieldDeadline = this.client
			.infer(InferenceClient.slow("late", Priority.CRITICAL, 1).toBuilder().setTimeoutMs(50).build());
		CompletableFuture<InferenceClient.Outcome> callDeadline = this.client.infer(
				InferenceClient.slow("impatient", Priority.CRITICAL, 1),
				InferenceServiceGrpc.newStub(this.channel).withDeadlineAfter(200, TimeUnit.MILLISECONDS));
		// The call's own deadline ends the call, and takes the request out of the queue.
		assertThat(callDeadline.join().code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		await().atMost(WAIT).until(() -> this.queue.depth() == 1);
		// The request's own timeout is noticed when a worker reaches it: it is dropped, not run.
		this.client.cancel("hold-1");
		InferenceClient.Outcome late = fieldDeadline.join();
		assertThat(late.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		assertThat(late.status().getDescription()).startsWith("deadline passed after ").endsWith("ms in the queue");
	}

	@Test
	void aRunningRequestWhoseCallDeadlinePassesIsStopped() {
		InferenceClient.Outcome outcome = this.client
			.infer(InferenceClient.slow("hold-1", Priority.NORMAL, 1_000_000_000L),
					InferenceServiceGrpc.newStub(this.channel).withDeadlineAfter(300, TimeUnit.MILLISECONDS))
			.join();
		assertThat(outcome.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
		// The run is terminated rather than left to finish its billion iterations.
		await().atMost(WAIT).until(() -> this.workers.busy() == 0 && this.inference.inFlight() == 0);
	}

	@Test
	void cancelStopsAQueuedAndARunningRequest() {
		List<CompletableFuture<InferenceClient.Outcome>> holds = holdBothWorkers();
		CompletableFuture<InferenceClient.Outcome> queued = this.client.infer(InferenceClient.slow("queued", Priority.LOW, 1));
		await().atMost(WAIT).until(() -> this.queue.depth() == 1);
		assertThat(this.client.cancel("queued")).isTrue();
		assertThat(queued.join().code()).isEqualTo(Status.Code.CANCELLED);
		assertThat(this.queue.depth()).isZero();

		assertThat(this.client.cancel("hold-2")).isTrue();
		InferenceClient.Outcome running = holds.get(1).join();
		assertThat(running.code()).isEqualTo(Status.Code.CANCELLED);
		assertThat(this.client.cancel("no-such-request")).isFalse();
	}

	@Test
	void aFloodFillsTheQueueTakesReadinessOutOnEveryDoorAndItComesBackAsItDrains() throws Exception {
		holdBothWorkers();
		List<CompletableFuture<InferenceClient.Outcome>> flood = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			flood.add(this.client.infer(InferenceClient.slow("flood-" + i, Priority.NORMAL, 1000)));
		}
		await().atMost(WAIT).until(() -> this.queue.depth() == 6);
		InferenceClient.Outcome refused = this.client.infer(InferenceClient.slow("one-too-many", Priority.CRITICAL, 1)).join();
		assertThat(refused.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
		assertThat(refused.status().getDescription()).isEqualTo("queue full: 6 requests waiting");

		try (Doors doors = Doors.of(this.context)) {
			await().atMost(WAIT).untilAsserted(() -> assertThat(doors.read().readyAnswers()).containsOnly(false));
			Doors.View full = doors.read();
			assertThat(full.aliveAnswers()).containsOnly(true);
			assertThat(full.grpcReason()).contains("modelQueue: queue full (6)");
			assertThat(doors.get("/actuator/health/modelQueue").body()).contains("\"status\":\"OUT_OF_SERVICE\"")
				.contains("\"queueDepth\":6")
				.contains("\"maxQueueDepth\":6")
				.contains("\"busyWorkers\":2");
			HealthResponse health = doors.health();
			assertThat(health.getModelQueue().getState()).isEqualTo("Unhealthy");
			assertThat(health.getModelQueue().getReady()).isFalse();
			assertThat(health.getModelQueue().getQueueDepth()).isEqualTo(6);
			assertThat(health.getModelQueue().getModelsLoaded()).isEqualTo(3);
			assertThat(health.getModelQueue().getAcceptingRequests()).isTrue();
			assertThat(doors.get("/actuator/prometheus").body()).contains("vigil_model_queue_depth 6.0")
				.contains("vigil_model_queue_rejections_total{reason=\"queue_full\"}")
				.contains("vigil_models_loaded 3.0");

			this.client.cancel("hold-1");
			this.client.cancel("hold-2");
			assertThat(flood).allSatisfy((call) -> assertThat(call.join().code()).isEqualTo(Status.Code.OK));
			await().atMost(WAIT).untilAsserted(() -> assertThat(doors.read().readyAnswers()).containsOnly(true));
			assertThat(doors.health().getModelQueue().getState()).isEqualTo("Healthy");
			assertThat(doors.get("/actuator/prometheus").body())
				.contains("vigil_inference_requests_total{model=\"slow\",outcome=\"ok\"}")
				.contains("vigil_inference_duration_seconds_count{model=\"slow\"}")
				.contains("vigil_model_memory_bytes{model=\"slow\"}");
		}
	}

	@Test
	void modelsLoadAndUnloadThroughTheApi() {
		ModelInfo loaded = this.client.blocking()
			.loadModel(LoadModelRequest.newBuilder().setName("add-copy").setFile("add.onnx").build())
			.getModel();
		assertThat(loaded.getState()).isEqualTo(ModelState.READY);
		assertThat(this.client.blocking().infer(addRequest().setModel("add-copy").build()).getOutputs(0).getFloatDataList())
			.containsExactly(2f, 4f, 6f, 8f);
		assertRpc(() -> this.client.blocking().loadModel(LoadModelRequest.newBuilder().setName("add-copy").setFile("add.onnx").build()),
				Status.Code.ALREADY_EXISTS, "model 'add-copy' is already ready");

		assertThat(this.client.blocking().unloadModel(UnloadModelRequest.newBuilder().setName("add-copy").build()).getUnloaded())
			.isTrue();
		assertRefused(addRequest().setModel("add-copy").build(), Status.Code.NOT_FOUND, "model 'add-copy' is not loaded");
		assertRpc(() -> this.client.blocking().unloadModel(UnloadModelRequest.newBuilder().setName("add-copy").build()),
				Status.Code.NOT_FOUND, "model 'add-copy' is not loaded");

		assertRpc(() -> this.client.blocking().loadModel(LoadModelRequest.newBuilder().setName("garbage").setFile("garbage.bin").build()),
				Status.Code.INVALID_ARGUMENT, "model 'garbage' could not be loaded: ");
		assertThat(this.client.blocking().listModels(ListModelsRequest.getDefaultInstance()).getModelsList())
			.filteredOn((model) -> model.getName().equals("garbage"))
			.singleElement()
			.satisfies((model) -> {
				assertThat(model.getState()).isEqualTo(ModelState.ERROR);
				assertThat(model.getError()).isNotEmpty();
			});
		assertRefused(addRequest().setModel("garbage").build(), Status.Code.UNAVAILABLE, "model 'garbage' is error: ");
		this.client.blocking().unloadModel(UnloadModelRequest.newBuilder().setName("garbage").build());

		assertRpc(() -> this.client.blocking().loadModel(LoadModelRequest.newBuilder().setName("escape").setFile("../models-api.db").build()),
				Status.Code.INVALID_ARGUMENT, "file: must name a file inside the models directory");
		assertRpc(() -> this.client.blocking().loadModel(LoadModelRequest.newBuilder().setName("absent").build()),
				Status.Code.NOT_FOUND, "no model file 'absent.onnx' in the models directory");
		assertRpc(() -> this.client.blocking().loadModel(LoadModelRequest.newBuilder().setName("../bad").build()),
				Status.Code.INVALID_ARGUMENT, "name: must be 1-100 letters");
	}

	/** Occupies both workers with runs that last until cancelled. */
	private List<CompletableFuture<InferenceClient.Outcome>> holdBothWorkers() {
		List<CompletableFuture<InferenceClient.Outcome>> holds = List.of(this.client.hold("hold-1"),
				this.client.hold("hold-2"));
		await().atMost(WAIT).until(() -> this.workers.busy() == 2);
		return holds;
	}

	private static InferRequest.Builder addRequest() {
		return InferRequest.newBuilder()
			.setModel("add")
			.addInputs(Tensors.floats("a", new float[] { 1, 2, 3, 4 }, 1, 4))
			.addInputs(Tensors.floats("b", new float[] { 1, 2, 3, 4 }, 1, 4));
	}

	private void assertRefused(InferRequest request, Status.Code code, String message) {
		InferenceClient.Outcome outcome = this.client.infer(request).join();
		assertThat(outcome.code()).isEqualTo(code);
		assertThat(outcome.status().getDescription()).contains(message);
	}

	private static void assertRpc(ThrowingCallable call, Status.Code code, String message) {
		assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, (ex) -> {
			assertThat(ex.getStatus().getCode()).isEqualTo(code);
			assertThat(ex.getStatus().getDescription()).contains(message);
		});
	}

}
