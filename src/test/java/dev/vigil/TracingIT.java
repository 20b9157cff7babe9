package dev.vigil;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.WatchHostsRequest;
import dev.vigil.api.routerhosts.v1.WatchHostsResponse;
import dev.vigil.api.v1.InferenceServiceGrpc;
import dev.vigil.security.Roles;
import dev.vigil.security.TokenDigest;
import dev.vigil.testing.Channels;
import dev.vigil.testing.OnnxModels;
import dev.vigil.testing.Tensors;
import dev.vigil.testing.ZipkinServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Traces in a real collector, Zipkin's own server: a caller's AddHost with a W3C
 * {@code traceparent} is one trace in Zipkin holding the gRPC server span (with the caller's name),
 * the write's transaction and its wait for the lock, the hosts-file render that ran later on its
 * own thread, and the hook that render set off, each under the right parent and all of service
 * {@code vigil}; an inference's wait in the queue and its run are two spans under its call; a
 * WatchHosts snapshot's send is a span under its call, with the shared snapshot's build under it;
 * an HTTP request is traced and a probe is not. With the collector gone, Vigil serves on and stays
 * ready, and counts the spans it drops.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.grpc.server.port=0", "spring.datasource.url=jdbc:sqlite:target/test-data/tracing/vigil.db",
				"vigil.hosts.file.path=target/test-data/tracing/hosts", "vigil.models.directory=" + TracingIT.MODELS,
				"vigil.hooks.on-success[0].name=noted", "vigil.hooks.on-success[0].command=true"
		// Naming the collector (below) is all it takes to export.
		})
class TracingIT {

	static final Path WORK = Path.of("target/test-data/tracing");

	static final String MODELS = "target/test-data/tracing/models";

	private static final String TOKEN = "tracing-test-token";

	static final ZipkinServer zipkin = ZipkinServer.start();

	@DynamicPropertySource
	static void collector(DynamicPropertyRegistry registry) throws IOException {
		// A fresh registry each run, so the writes below are new entries.
		FileSystemUtils.deleteRecursively(WORK);
		OnnxModels.write(Path.of(MODELS), "add", OnnxModels.add());
		registry.add("management.tracing.export.zipkin.endpoint", zipkin::spansEndpoint);
		// A list binds from one source: the token's every property is here.
		registry.add("vigil.security.tokens[0].name", () -> "operator");
		registry.add("vigil.security.tokens[0].sha256", () -> HexFormat.of().formatHex(TokenDigest.sha256(TOKEN)));
		registry.add("vigil.security.tokens[0].roles",
				() -> Roles.HOSTS_READ + "," + Roles.HOSTS_WRITE + "," + Roles.MODELS_INFER);
	}

	@AfterAll
	static void stopCollector() {
		zipkin.close();
	}

	@Autowired
	GrpcServerLifecycle grpcServer;

	@LocalServerPort
	int httpPort;

	@Autowired
	MeterRegistry meters;

	@Test
	void aWriteIsOneTraceFromTheCallToTheHookAndAnInferenceShowsItsQueueAndItsRun() throws Exception {
		ManagedChannel channel = Channels.local(this.grpcServer.getPort());
		try {
			String traceId = randomHex(16);
			String callerSpan = randomHex(8);
			HostsServiceGrpc.newBlockingStub(traced(channel, traceId, callerSpan))
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.addHost(AddHostRequest.newBuilder().setIpAddress("192.0.2.10").setHostname("traced.home").build());
			Map<String, JsonNode> spans = awaitSpans(traceId, "router_hosts.v1.hostsservice/addhost", "hosts write",
					"hosts file render", "hook noted");
			JsonNode call = spans.get("router_hosts.v1.hostsservice/addhost");
			assertThat(call.path("kind").asString()).isEqualTo("SERVER");
			assertThat(call.path("parentId").asString()).as("the caller's span, from its traceparent").isEqualTo(callerSpan);
			assertThat(call.path("tags").path("vigil.caller").asString()).isEqualTo("operator");
			assertThat(call.path("tags").toString()).doesNotContain(TOKEN);
			assertParent(spans, "hosts write", "router_hosts.v1.hostsservice/addhost");
			assertParent(spans, "hosts file render", "router_hosts.v1.hostsservice/addhost");
			assertParent(spans, "hook noted", "hosts file render");
			spans.values()
				.forEach((span) -> assertThat(span.path("localEndpoint").path("serviceName").asString()).isEqualTo("vigil"));
			// As the collector gives it: the docs show this trace (docs/observability.md).
			Files.writeString(Files.createDirectories(WORK.resolveSibling("tracing-trace")).resolve("addhost.json"),
					zipkin.trace(traceId).toPrettyString());

			String inferenceTrace = randomHex(16);
			InferenceServiceGrpc.InferenceServiceBlockingStub inference = InferenceServiceGrpc
				.newBlockingStub(traced(channel, inferenceTrace, randomHex(8)))
				.withDeadlineAfter(10, TimeUnit.SECONDS);
			// The model loads in the background from the start: the first call may find it loading.
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> inference.infer(Tensors.addRequest()) != null);
			Map<String, JsonNode> inferred = awaitSpans(inferenceTrace, "vigil.v1.inferenceservice/infer", "inference queue",
					"inference run");
			assertParent(inferred, "inference queue", "vigil.v1.inferenceservice/infer");
			assertParent(inferred, "inference run", "vigil.v1.inferenceservice/infer");

			String watchTrace = randomHex(16);
			CountDownLatch watched = new CountDownLatch(1);
			StreamObserver<WatchHostsRequest> watch = HostsServiceGrpc.newStub(traced(channel, watchTrace, randomHex(8)))
				.watchHosts(new StreamObserver<>() {

					@Override
					public void onNext(WatchHostsResponse response) {
					}

					@Override
					public void onError(Throwable failure) {
						watched.countDown();
					}

					@Override
					public void onCompleted() {
						watched.countDown();
					}

				});
			// Not following: one snapshot, then the end.
			watch.onNext(WatchHostsRequest.getDefaultInstance());
			assertThat(watched.await(10, TimeUnit.SECONDS)).isTrue();
			Map<String, JsonNode> watching = awaitSpans(watchTrace, "router_hosts.v1.hostsservice/watchhosts", "watch send",
					"watch snapshot");
			assertParent(watching, "watch send", "router_hosts.v1.hostsservice/watchhosts");
			assertParent(watching, "watch snapshot", "watch send");
			assertThat(watching.get("watch send").path("tags").path("vigil.entries").asString()).isEqualTo("1");
			assertThat(watching.get("router_hosts.v1.hostsservice/watchhosts").path("annotations"))
				.as("no annotation per message sent or received").isEmpty();

			String probe = randomHex(16);
			String other = randomHex(16);
			assertThat(get("/readyz", probe)).isEqualTo(200);
			assertThat(get("/actuator/info", other)).as("without the actuator role").isEqualTo(403);
			awaitSpans(other, "http get");
			assertThat(zipkin.trace(probe)).as("a probe, never traced").isEmpty();

			zipkin.close();
			HostsServiceGrpc.newBlockingStub(traced(channel, randomHex(16), randomHex(8)))
				.withDeadlineAfter(10, TimeUnit.SECONDS)
				.addHost(AddHostRequest.newBuilder().setIpAddress("192.0.2.11").setHostname("untraced.home").build());
			assertThat(readyz()).as("readiness with the collector gone").isEqualTo(200);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.meters.get("zipkin.reporter.spans.dropped").counter().count())
					.as("the spans the gone collector did not take, counted")
					.isPositive());
			assertThat(readyz()).as("readiness once the reporter has given up on them").isEqualTo(200);
		}
		finally {
			Channels.close(channel);
		}
	}

	/** The trace's spans by name, once Zipkin holds all the named ones (the reporter sends every second). */
	private static Map<String, JsonNode> awaitSpans(String traceId, String... names) {
		Map<String, JsonNode> byName = new HashMap<>();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			byName.clear();
			for (JsonNode span : zipkin.trace(traceId)) {
				byName.put(span.path("name").asString(), span);
			}
			assertThat(byName).containsKeys(names);
		});
		return byName;
	}

	private static void assertParent(Map<String, JsonNode> spans, String child, String parent) {
		assertThat(spans.get(child).path("parentId").asString()).as("%s's parent", child)
			.isEqualTo(spans.get(parent).path("id").asString());
	}

	/** The channel with a W3C traceparent that says sampled, as a traced caller sends it. */
	private static Channel traced(Channel channel, String traceId, String parentSpan) {
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER),
				"00-" + traceId + "-" + parentSpan + "-01");
		return ClientInterceptors.intercept(Channels.withToken(channel, TOKEN),
				MetadataUtils.newAttachHeadersInterceptor(headers));
	}

	private int readyz() throws Exception {
		return get("/readyz", randomHex(16));
	}

	/** A GET with the token and a traceparent that says sampled. */
	private int get(String path, String traceId) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path))
				.header("Authorization", "Bearer " + TOKEN)
				.header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
