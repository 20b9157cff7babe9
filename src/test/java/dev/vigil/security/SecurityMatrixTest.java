package dev.vigil.security;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.CompactAggregatesRequest;
import dev.vigil.api.routerhosts.v1.CreateSnapshotRequest;
import dev.vigil.api.routerhosts.v1.DeleteHostRequest;
import dev.vigil.api.routerhosts.v1.DeleteSnapshotRequest;
import dev.vigil.api.routerhosts.v1.ExportHostsRequest;
import dev.vigil.api.routerhosts.v1.GetHostRequest;
import dev.vigil.api.routerhosts.v1.HealthRequest;
import dev.vigil.api.routerhosts.v1.HealthResponse;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ImportHostsRequest;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.api.routerhosts.v1.ListSnapshotsRequest;
import dev.vigil.api.routerhosts.v1.LivenessRequest;
import dev.vigil.api.routerhosts.v1.ReadinessRequest;
import dev.vigil.api.routerhosts.v1.RollbackToSnapshotRequest;
import dev.vigil.api.routerhosts.v1.SearchHostsRequest;
import dev.vigil.api.routerhosts.v1.SinkStatus;
import dev.vigil.api.routerhosts.v1.UpdateHostRequest;
import dev.vigil.api.routerhosts.v1.WatchHostsRequest;
import dev.vigil.api.v1.CancelRequest;
import dev.vigil.api.v1.EntryHistoryRequest;
import dev.vigil.api.v1.HostHistoryGrpc;
import dev.vigil.api.v1.InferRequest;
import dev.vigil.api.v1.InferenceServiceGrpc;
import dev.vigil.api.v1.ListChangesRequest;
import dev.vigil.api.v1.ListModelsRequest;
import dev.vigil.api.v1.LoadModelRequest;
import dev.vigil.api.v1.UnloadModelRequest;
import dev.vigil.hosts.HostsHealthComponents;
import dev.vigil.testing.Channels;
import dev.vigil.testing.OnnxModels;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every HTTP endpoint and gRPC method against every kind of caller: anonymous, a wrong token, a
 * token without the method's role, and the right role. Probes are open to all; everything else
 * answers 401 / UNAUTHENTICATED, 403 / PERMISSION_DENIED or passes, with nothing in the message
 * that helps an attacker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.grpc.server.port=0", "spring.datasource.url=jdbc:sqlite:target/test-data/security.db",
				"vigil.hosts.file.path=target/test-data/security-hosts", "vigil.security.max-failed-attempts=100000" })
class SecurityMatrixTest {

	static final Path MODELS = Path.of("target/test-data/models-security");

	static final Caller WRONG = Caller.withToken("wrong token", "not-a-token-anyone-has");

	static final Map<String, Caller> ROLES = Map.of("hosts:read", Caller.withToken("hosts:read", "token-hosts-read-1"),
			"hosts:write", Caller.withToken("hosts:write", "token-hosts-write-1"), "models:infer",
			Caller.withToken("models:infer", "token-models-infer-1"), "models:admin",
			Caller.withToken("models:admin", "token-models-admin-1"), "actuator",
			Caller.withToken("actuator", "token-actuator-1"), "actuator:write",
			Caller.withToken("actuator:write", "token-actuator-write-1"));

	@DynamicPropertySource
	static void tokens(DynamicPropertyRegistry registry) {
		registry.add("vigil.models.directory", MODELS::toString);
		int i = 0;
		for (Map.Entry<String, Caller> role : ROLES.entrySet()) {
			String prefix = "vigil.security.tokens[" + i++ + "].";
			registry.add(prefix + "name", () -> role.getKey().replace(':', '-'));
			registry.add(prefix + "sha256", () -> Caller.sha256(role.getValue().token()));
			registry.add(prefix + "roles", role::getKey);
		}
	}

	@BeforeAll
	static void writeModels() {
		FileSystemUtils.deleteRecursively(MODELS.toFile());
		OnnxModels.write(MODELS, "add", OnnxModels.add());
	}

	static final HttpClient HTTP = HttpClient.newHttpClient();

	static ManagedChannel channel;

	@LocalServerPort
	int httpPort;

	@Autowired
	GrpcServerLifecycle grpcServer;

	@AfterAll
	static void closeChannel() throws InterruptedException {
		if (channel != null) {
			Channels.close(channel);
		}
	}

	String base() {
		return "http://127.0.0.1:" + this.httpPort;
	}

	Channel channel() {
		if (channel == null) {
			channel = Channels.local(this.grpcServer.getPort());
		}
		return channel;
	}

	@Test
	void probesAreOpenToEveryCallerAndIgnoreCredentials() {
		for (String path : List.of("/livez", "/readyz", "/actuator/health/liveness", "/actuator/health/readiness")) {
			for (Caller caller : everyCaller()) {
				HttpResponse<String> response = caller.get(HTTP, base(), path);
				assertThat(response.statusCode()).as("%s as %s", path, caller).isEqualTo(200);
				assertThat(response.body()).as("status only").isEqualTo("{\"status\":\"UP\"}");
			}
		}
		for (Caller caller : everyCaller()) {
			assertThat(caller.get(HTTP, base(), "/.well-known/acme-challenge/unknown").statusCode())
				.as("ACME challenge as %s: open, and 404 for a token no order made", caller)
				.isEqualTo(404);
			assertThat(grpc(caller, (ch) -> HostsServiceGrpc.newBlockingStub(ch).liveness(LivenessRequest.getDefaultInstance())))
				.isEqualTo(Status.Code.OK);
			assertThat(grpc(caller, (ch) -> HostsServiceGrpc.newBlockingStub(ch).readiness(ReadinessRequest.getDefaultInstance())))
				.isEqualTo(Status.Code.OK);
			for (String service : List.of("", "liveness", "readiness", "router_hosts.v1.HostsService")) {
				assertThat(grpc(caller, (ch) -> HealthGrpc.newBlockingStub(ch)
					.check(HealthCheckRequest.newBuilder().setService(service).build()))).as("grpc.health.v1 '%s' as %s", service, caller)
					.isEqualTo(Status.Code.OK);
			}
		}
	}

	@Test
	void actuatorNeedsTheActuatorRole() {
		for (String path : List.of("/actuator/prometheus", "/actuator/env", "/actuator/configprops", "/actuator/info",
				"/actuator/health/db", "/actuator", "/actuator/metrics", "/actuator/metrics/jvm.memory.used",
				"/actuator/loggers", "/actuator/loggers/dev.vigil", "/actuator/threaddump", "/actuator/scheduledtasks",
				"/actuator/mappings", "/actuator/beans", "/no-such-path")) {
			assertThat(Caller.ANONYMOUS.get(HTTP, base(), path).statusCode()).as("%s anonymous", path).isEqualTo(401);
			HttpResponse<String> wrong = WRONG.get(HTTP, base(), path);
			assertThat(wrong.statusCode()).as("%s wrong token", path).isEqualTo(401);
			assertThat(wrong.body()).isEqualTo("{\"status\":401,\"error\":\"authentication required\"}");
			assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
			if (path.startsWith("/actuator")) {
				HttpResponse<String> lacking = ROLES.get("hosts:read").get(HTTP, base(), path);
				assertThat(lacking.statusCode()).as("%s without the role", path).isEqualTo(403);
				assertThat(lacking.body()).isEqualTo("{\"status\":403,\"error\":\"forbidden\"}");
				assertThat(ROLES.get("actuator").get(HTTP, base(), path).statusCode()).as("%s with the role", path)
					.isEqualTo(200);
			}
		}
	}

	@Test
	void heapDumpIsNotExposed() {
		// A heap holds every secret the process has read.
		assertThat(ROLES.get("actuator").get(HTTP, base(), "/actuator/heapdump").statusCode()).isEqualTo(404);
	}

	@Test
	void changingALoggerNeedsTheWriteRoleWhichReadsNothing() {
		String logger = "/actuator/loggers/dev.vigil.hosts";
		String debug = "{\"configuredLevel\":\"DEBUG\"}";
		for (Caller caller : List.of(ROLES.get("actuator"), ROLES.get("hosts:write"))) {
			HttpResponse<String> refused = caller.post(HTTP, base(), logger, debug);
			assertThat(refused.statusCode()).as("as %s", caller).isEqualTo(403);
			assertThat(refused.body()).isEqualTo("{\"status\":403,\"error\":\"forbidden\"}");
		}
		assertThat(Caller.ANONYMOUS.post(HTTP, base(), logger, debug).statusCode()).isEqualTo(401);
		assertThat(ROLES.get("actuator").get(HTTP, base(), logger).body()).doesNotContain("DEBUG");
		try {
			assertThat(ROLES.get("actuator:write").post(HTTP, base(), logger, debug).statusCode()).isEqualTo(204);
			assertThat(ROLES.get("actuator").get(HTTP, base(), logger).body()).contains("\"configuredLevel\":\"DEBUG\"");
			assertThat(ROLES.get("actuator:write").get(HTTP, base(), logger).statusCode())
				.as("the write role alone reads nothing").isEqualTo(403);
		}
		finally {
			ROLES.get("actuator:write").post(HTTP, base(), logger, "{\"configuredLevel\":null}");
		}
	}

	@Test
	void healthRootShowsDetailsOnlyToTheActuatorRole() {
		for (Caller caller : List.of(Caller.ANONYMOUS, ROLES.get("hosts:read"))) {
			HttpResponse<String> response = caller.get(HTTP, base(), "/actuator/health");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).as(caller.label()).contains("\"status\"").doesNotContain("components", "details");
		}
		assertThat(ROLES.get("actuator").get(HTTP, base(), "/actuator/health").body()).contains("\"components\"",
				"\"db\"", "\"details\"");
		assertThat(WRONG.get(HTTP, base(), "/actuator/health").statusCode()).isEqualTo(401);
	}

	@Test
	void grpcHealthGivesStatusesToAnyoneAndDetailsToTheActuatorRole() {
		HealthResponse anonymous = HostsServiceGrpc.newBlockingStub(channel()).health(HealthRequest.getDefaultInstance());
		assertThat(anonymous.getHealthy()).isTrue();
		assertThat(anonymous.getServer().getVersion()).isNotEmpty();
		assertThat(anonymous.getComponentsList()).isNotEmpty()
			.allSatisfy((component) -> assertThat(component.getDetailsMap()).isEmpty());
		assertThat(anonymous.hasDatabase()).isFalse();
		assertThat(anonymous.hasModelQueue()).isFalse();
		HealthResponse operator = HostsServiceGrpc.newBlockingStub(ROLES.get("actuator").on(channel()))
			.health(HealthRequest.getDefaultInstance());
		assertThat(operator.getDatabase().getBackend()).isEqualTo("sqlite");
		assertThat(operator.getComponentsList()).anySatisfy((component) -> assertThat(component.getDetailsMap()).isNotEmpty());
		assertThat(grpc(WRONG, (ch) -> HostsServiceGrpc.newBlockingStub(ch).health(HealthRequest.getDefaultInstance())))
			.isEqualTo(Status.Code.UNAUTHENTICATED);
	}

	@Test
	void everyProtectedMethodNeedsItsRole() {
		List<String> failures = new ArrayList<>();
		for (ProtectedCall call : protectedCalls()) {
			expect(failures, call, Caller.ANONYMOUS, Status.Code.UNAUTHENTICATED);
			expect(failures, call, WRONG, Status.Code.UNAUTHENTICATED);
			for (Map.Entry<String, Caller> role : ROLES.entrySet()) {
				Status.Code code = grpc(role.getValue(), call.invocation());
				boolean allowed = call.roles().contains(role.getKey());
				if (allowed && (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED)) {
					failures.add(call.name() + " as " + role.getKey() + ": " + code + ", expected to pass");
				}
				if (!allowed && code != Status.Code.PERMISSION_DENIED) {
					failures.add(call.name() + " as " + role.getKey() + ": " + code + ", expected PERMISSION_DENIED");
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void refusalsSayNothingThatHelpsAnAttacker() {
		StatusRuntimeException unauthenticated = failure(WRONG,
				(ch) -> HostsServiceGrpc.newBlockingStub(ch).getHost(GetHostRequest.newBuilder().setId("x").build()));
		StatusRuntimeException denied = failure(ROLES.get("models:infer"),
				(ch) -> HostsServiceGrpc.newBlockingStub(ch).getHost(GetHostRequest.newBuilder().setId("x").build()));
		assertThat(unauthenticated.getStatus().getDescription()).isEqualTo("Authentication failed");
		assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
		assertThat(String.valueOf(denied.getStatus().getDescription())).doesNotContain("hosts:read", "token", "role");
	}

	@Test
	void aSinkIsRecordedUnderItsCallersTokenName() throws Exception {
		SinkStatus status = SinkStatus.newBuilder().setContractVersion("1").setReloadFailed(true).build();
		bidi(HostsServiceGrpc.newStub(ROLES.get("hosts:read").on(channel()))::watchHosts,
				WatchHostsRequest.newBuilder().setStatus(status).build());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode sinks = JsonMapper.shared()
				.readTree(ROLES.get("actuator").get(HTTP, base(), "/actuator/health").body())
				.path("components")
				.path(HostsHealthComponents.SINKS);
			assertThat(sinks.path("status").asString()).isEqualTo("DEGRADED");
			assertThat(sinks.path("details").path("sinks").path("hosts-read").path("reloadFailed").asBoolean()).isTrue();
		});
	}

	static List<ProtectedCall> protectedCalls() {
		return List.of(
				new ProtectedCall("GetHost", List.of("hosts:read"),
						(ch) -> HostsServiceGrpc.newBlockingStub(ch).getHost(GetHostRequest.newBuilder().setId("01J0000000000000000000000X").build())),
				new ProtectedCall("ListHosts", List.of("hosts:read"),
						(ch) -> HostsServiceGrpc.newBlockingStub(ch).listHosts(ListHostsRequest.getDefaultInstance()).forEachRemaining((r) -> {
						})),
				new ProtectedCall("SearchHosts", List.of("hosts:read"),
						(ch) -> HostsServiceGrpc.newBlockingStub(ch).searchHosts(SearchHostsRequest.newBuilder().setQuery("x").build())
							.forEachRemaining((r) -> {
							})),
				new ProtectedCall("ExportHosts", List.of("hosts:read"),
						(ch) -> HostsServiceGrpc.newBlockingStub(ch).exportHosts(ExportHostsRequest.newBuilder().setFormat("json").build())
							.forEachRemaining((r) -> {
							})),
				new ProtectedCall("WatchHosts", List.of("hosts:read"),
						(ch) -> bidi(HostsServiceGrpc.newStub(ch)::watchHosts, WatchHostsRequest.getDefaultInstance())),
				new ProtectedCall("ListSnapshots", List.of("hosts:read"),
						(ch) -> HostsServiceGrpc.newBlockingStub(ch).listSnapshots(ListSnapshotsRequest.getDefaultInstance())
							.forEachRemaining((r) -> {
							})),
				new ProtectedCall("EntryHistory", List.of("hosts:read"),
						(ch) -> HostHistoryGrpc.newBlockingStub(ch).entryHistory(EntryHistoryRequest.newBuilder().setId("01J0000000000000000000000X").build())),
				new ProtectedCall("ListChanges", List.of("hosts:read"),
						(ch) -> HostHistoryGrpc.newBlockingStub(ch).listChanges(ListChangesRequest.getDefaultInstance())),
				new ProtectedCall("CreateSnapshot", List.of("hosts:write"),
						(ch) -> HostsServiceGrpc.newBlockingStub(ch).createSnapshot(CreateSnapshotRequest.newBuilder().setName("\n").build())),
				new ProtectedCall("RollbackToSnapshot", List.of("hosts:write"),
						(ch) -> HostsServiceGrpc.newBlockingStub(ch).rollbackToSnapshot(RollbackToSnapshotRequest.getDefaultInstance())),
				new ProtectedCall("DeleteSnapshot", List.of("hosts:write"),
						(ch) -> HostsServiceGrpc.newBlockingStub(ch).deleteSnapshot(DeleteSnapshotRequest.getDefaultInstance())),
				new ProtectedCall("CompactAggregates", List.of("hosts:write"),
						(ch) -> HostsServiceGrpc.newBlockingStub(ch).compactAggregates(CompactAggregatesRequest.getDefaultInstance())),
				new ProtectedCall("AddHost", List.of("hosts:write"),
						(ch) -> HostsServiceGrpc.newBlockingStub(ch).addHost(AddHostRequest.newBuilder().setIpAddress("not-an-ip").setHostname("x").build())),
				new ProtectedCall("UpdateHost", List.of("hosts:write"),
						(ch) -> HostsServiceGrpc.newBlockingStub(ch).updateHost(UpdateHostRequest.newBuilder().setId("01J0000000000000000000000X").build())),
				new ProtectedCall("DeleteHost", List.of("hosts:write"),
						(ch) -> HostsServiceGrpc.newBlockingStub(ch).deleteHost(DeleteHostRequest.newBuilder().setId("01J0000000000000000000000X").build())),
				new ProtectedCall("ImportHosts", List.of("hosts:write"),
						(ch) -> bidi(HostsServiceGrpc.newStub(ch)::importHosts,
								ImportHostsRequest.newBuilder().setLastChunk(true).build())),
				new ProtectedCall("ServerReflectionInfo", List.of("actuator"),
						(ch) -> bidi(ServerReflectionGrpc.newStub(ch)::serverReflectionInfo,
								ServerReflectionRequest.newBuilder().setListServices("").build())),
				new ProtectedCall("Infer", List.of("models:infer"),
						(ch) -> InferenceServiceGrpc.newBlockingStub(ch).infer(InferRequest.newBuilder().setModel("absent").build())),
				new ProtectedCall("Cancel", List.of("models:infer"),
						(ch) -> InferenceServiceGrpc.newBlockingStub(ch).cancel(CancelRequest.newBuilder().setRequestId("r").build())),
				new ProtectedCall("ListModels", List.of("models:infer", "models:admin"),
						(ch) -> InferenceServiceGrpc.newBlockingStub(ch).listModels(ListModelsRequest.getDefaultInstance())),
				new ProtectedCall("LoadModel", List.of("models:admin"),
						(ch) -> InferenceServiceGrpc.newBlockingStub(ch).loadModel(LoadModelRequest.newBuilder().setName("absent").build())),
				new ProtectedCall("UnloadModel", List.of("models:admin"),
						(ch) -> InferenceServiceGrpc.newBlockingStub(ch).unloadModel(UnloadModelRequest.newBuilder().setName("absent").build())));
	}

	/** A streaming call: one request, then the outcome; its failure is thrown as for a blocking call. */
	static <Q, R> void bidi(Function<StreamObserver<R>, StreamObserver<Q>> start, Q request) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		StreamObserver<Q> requests = start.apply(new StreamObserver<>() {

			@Override
			public void onNext(R value) {
			}

			@Override
			public void onError(Throwable error) {
				done.completeExceptionally(error);
			}

			@Override
			public void onCompleted() {
				done.complete(null);
			}

		});
		requests.onNext(request);
		requests.onCompleted();
		try {
			done.get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof StatusRuntimeException status) ? status : new IllegalStateException(ex);
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void expect(List<String> failures, ProtectedCall call, Caller caller, Status.Code expected) {
		Status.Code code = grpc(caller, call.invocation());
		if (code != expected) {
			failures.add(call.name() + " as " + caller + ": " + code + ", expected " + expected);
		}
	}

	private List<Caller> everyCaller() {
		List<Caller> callers = new ArrayList<>(List.of(Caller.ANONYMOUS, WRONG));
		callers.addAll(ROLES.values());
		return callers;
	}

	private Status.Code grpc(Caller caller, Consumer<Channel> invocation) {
		StatusRuntimeException failure = failure(caller, invocation);
		return (failure != null) ? failure.getStatus().getCode() : Status.Code.OK;
	}

	private StatusRuntimeException failure(Caller caller, Consumer<Channel> invocation) {
		try {
			invocation.accept(caller.on(channel()));
			return null;
		}
		catch (StatusRuntimeException ex) {
			return ex;
		}
	}

	/** A protected method, the roles that may call it, and one call of it. */
	record ProtectedCall(String name, List<String> roles, Consumer<Channel> invocation) {
	}

}
