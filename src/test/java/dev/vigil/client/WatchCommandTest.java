package dev.vigil.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vigil.security.TokenDigest;
import dev.vigil.testing.CommandRun;
import dev.vigil.testing.Ports;
import dev.vigil.testing.SystemCommands;
import dev.vigil.testing.VigilProcess;

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
 * {@code watch} as a real process against a running Vigil, as a router runs it: it writes the
 * artifact and reloads after each change, a failing reload turns {@code sinks} DEGRADED naming it
 * (readiness untouched), it reconnects after the server restarts, a template of another contract
 * writes nothing and counts as a failure, its status file is adopted only while the artifact is
 * unchanged, and SIGTERM ends it with exit 0. Each test is its own sink (its own token).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:sqlite:target/test-data/watch/vigil.db",
				"vigil.hosts.file.path=target/test-data/watch/hosts", "vigil.models.directory=target/test-data/no-models",
				"vigil.health.defaults.interval=200ms", "vigil.hosts.sinks.grace=0s" })
class WatchCommandTest {

	private static final int GRPC_PORT = Ports.free();

	private static final List<String> SINKS = List.of("router-a", "router-b", "router-c", "router-d", "router-e");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		FileSystemUtils.deleteRecursively(Path.of("target/test-data/watch"));
		// A fixed port: the restart test brings the gRPC server back where the sinks look for it.
		registry.add("spring.grpc.server.port", () -> GRPC_PORT);
		registry.add("vigil.security.tokens[0].name", () -> "operator");
		registry.add("vigil.security.tokens[0].roles", () -> "hosts:read,hosts:write,actuator");
		registry.add("vigil.security.tokens[0].sha256", () -> sha256("operator"));
		for (int i = 0; i < SINKS.size(); i++) {
			String name = SINKS.get(i);
			registry.add("vigil.security.tokens[" + (i + 1) + "].name", () -> name);
			registry.add("vigil.security.tokens[" + (i + 1) + "].roles", () -> "hosts:read");
			registry.add("vigil.security.tokens[" + (i + 1) + "].sha256", () -> sha256(name));
		}
	}

	@Autowired
	GrpcServerLifecycle grpcServer;

	@LocalServerPort
	int httpPort;

	@TempDir
	Path work;

	@Test
	void aChangeRewritesTheArtifactAndRunsTheReloadThenSigtermExitsZero() throws Exception {
		Path out = this.work.resolve("dnsmasq.d/vigil.conf");
		Path reloads = this.work.resolve("reloads");
		try (Sink sink = Sink.start(this.work, "router-a", "--template", "builtin:dnsmasq", "--out", out.toString(), "--exec",
				"echo reloaded >> " + reloads, "--status-interval", "1s")) {
			await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(reloads));
			add("10.20.0.1", "watched.home");
			await().atMost(Duration.ofSeconds(15)).until(() -> Files.readString(out).contains("address=/watched.home/10.20.0.1"));
			await().atMost(Duration.ofSeconds(5)).until(() -> Files.readAllLines(reloads).size() == 2);
			JsonNode status = JSON.readTree(this.work.resolve("dnsmasq.d/vigil.conf.status").toFile());
			assertThat(status.get("consecutive_failures").asInt()).isZero();
			assertThat(status.get("contract_version").asString()).isEqualTo("1");
			await().atMost(Duration.ofSeconds(10)).until(() -> sinkDetails("router-a").path("converged").asBoolean());
			assertThat(sink.terminate()).isZero();
			assertThat(sink.log()).contains("event=written", "event=reloaded", "event=stopped").doesNotContain("Exception");
		}
	}

	@Test
	void aFailingReloadTurnsSinksDegradedNamingTheSinkAndLeavesReadinessAlone() throws Exception {
		Path out = this.work.resolve("hosts");
		try (Sink sink = Sink.start(this.work, "router-b", "--template", "builtin:hosts", "--out", out.toString(), "--exec",
				"exit 3", "--status-interval", "1s")) {
			await().atMost(Duration.ofSeconds(30)).until(() -> sinkDetails("router-b").path("reloadFailed").asBoolean());
			JsonNode sinks = sinks();
			assertThat(sinks.get("status").asString()).isEqualTo("DEGRADED");
			assertThat(sinks.path("details").path("reason").asString()).contains("router-b: ").contains("reload failed");
			CommandRun.of(operator(), "server", "readiness").assertExit(0);
			assertThat(sink.log()).contains("event=reload-failed exit_code=3");
		}
	}

	@Test
	void afterTheServerRestartsTheSinkReconnectsAndConverges() throws Exception {
		Path out = this.work.resolve("unbound.conf");
		try (Sink sink = Sink.start(this.work, "router-c", "--template", "builtin:unbound", "--out", out.toString())) {
			await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(out));
			this.grpcServer.stop();
			try {
				await().atMost(Duration.ofSeconds(15)).until(() -> sink.log().contains("event=stream-lost"));
			}
			finally {
				this.grpcServer.start();
			}
			add("10.20.0.3", "after-restart.home");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> Files.readString(out).contains("local-data: \"after-restart.home. IN A 10.20.0.3\""));
		}
	}

	@Test
	void aTemplateOfAnotherContractWritesNothingAndCountsAsAFailure() throws Exception {
		Path template = Files.writeString(this.work.resolve("v2.mustache"),
				"{{! contract_version: 2 }}\n{{#Entries}}{{Hostname}}\n{{/Entries}}");
		Path out = this.work.resolve("v2.out");
		try (Sink sink = Sink.start(this.work, "router-d", "--template", template.toString(), "--out", out.toString(),
				"--status-interval", "1s")) {
			await().atMost(Duration.ofSeconds(30)).until(() -> sinkDetails("router-d").path("consecutiveFailures").asInt() > 0);
			assertThat(out).doesNotExist();
			assertThat(sinkDetails("router-d").path("contractVersion").asString()).isEqualTo("2");
			assertThat(sink.log()).contains("event=render-failed",
					"targets contract version \\\"2\\\", but this server serves version \\\"1\\\"");
		}
	}

	@Test
	void theStatusFileIsAdoptedOnlyWhileTheArtifactIsUnchanged() throws Exception {
		Path out = this.work.resolve("adopted.hosts");
		String[] args = { "--template", "builtin:hosts", "--out", out.toString() };
		try (Sink first = Sink.start(this.work, "router-e", args)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(out.resolveSibling("adopted.hosts.status")));
			assertThat(first.terminate()).isZero();
		}
		try (Sink second = Sink.start(this.work, "router-e", args)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> second.log().contains("event=adopted"));
			assertThat(second.terminate()).isZero();
		}
		Files.writeString(out, "# edited by hand\n");
		try (Sink third = Sink.start(this.work, "router-e", args)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> third.log().contains("event=written"));
			assertThat(third.log()).doesNotContain("event=adopted");
		}
	}

	@Test
	void renderWritesOnceAndAFailureLeavesTheFileAsItWas() throws Exception {
		SystemCommands.assume("setsid", "util-linux");
		add("10.20.0.9", "rendered.home");
		Path out = this.work.resolve("rendered.conf");
		CommandRun.of(operator(), "render", "--template", "builtin:dnsmasq", "--out", out.toString()).assertExit(0);
		assertThat(Files.readString(out)).contains("address=/rendered.home/10.20.0.9");
		assertThat(CommandRun.of(operator(), "render", "--template", "builtin:hosts").assertExit(0).out())
			.contains("10.20.0.9\trendered.home\n");
		String before = Files.readString(out);
		Path v2 = Files.writeString(this.work.resolve("v2.mustache"), "{{! contract_version: 2 }}\nnothing\n");
		assertThat(CommandRun.of(operator(), "render", "--template", v2.toString(), "--out", out.toString()).assertExit(2).err())
			.contains("targets contract version \"2\"");
		assertThat(Files.readString(out)).isEqualTo(before);
		CommandRun.of(operator(), "render", "--template", this.work.resolve("none.mustache").toString()).assertExit(2);
	}

	private void add(String ip, String hostname) {
		CommandRun.of(operator(), "host", "add", "--ip", ip, "--hostname", hostname).assertExit(0);
	}

	private Map<String, String> operator() {
		return Map.of("VIGIL_SERVER", "localhost:" + GRPC_PORT, "VIGIL_TOKEN", "operator", "HOME", this.work.toString());
	}

	/** The sinks component as /actuator/health/sinks shows it to a caller with the actuator role. */
	private JsonNode sinks() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.httpPort + "/actuator/health/sinks"))
				.header("Authorization", "Bearer operator")
				.build(), HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body());
	}

	/** The sink's entry in the sinks component's details; missing until it has reported. */
	private JsonNode sinkDetails(String sink) throws Exception {
		return sinks().path("details").path("sinks").path(sink);
	}

	private static String sha256(String token) {
		return HexFormat.of().formatHex(TokenDigest.sha256(token));
	}

	/** A {@code watch} process, killed if a test leaves it running. */
	private record Sink(Process process, Path logFile) implements AutoCloseable {

		static Sink start(Path work, String token, String... args) throws IOException {
			Path tokenFile = Files.writeString(work.resolve(token + ".token"), token);
			List<String> command = new ArrayList<>(List.of("--server", "localhost:" + GRPC_PORT, "--token-file",
					tokenFile.toString(), "watch"));
			command.addAll(List.of(args));
			Path log = Files.createTempFile(work, token, ".log");
			ProcessBuilder builder = new ProcessBuilder(VigilProcess.classpathCommand(command.toArray(String[]::new)))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().put("HOME", work.toString());
			return new Sink(builder.start(), log);
		}

		String log() throws IOException {
			return Files.readString(this.logFile, StandardCharsets.UTF_8);
		}

		/** SIGTERM, then the exit code. */
		int terminate() throws InterruptedException {
			this.process.destroy();
			assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			return this.process.exitValue();
		}

		@Override
		public void close() throws InterruptedException {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}

	}

}
