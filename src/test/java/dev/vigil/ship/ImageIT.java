package dev.vigil.ship;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.client.RouterHostsClient;
import dev.vigil.security.TokenDigest;
import dev.vigil.testing.Channels;
import dev.vigil.testing.ImageCommands;
import dev.vigil.testing.IpcClient;
import dev.vigil.testing.Podman;
import dev.vigil.testing.SystemCommands.Result;
import dev.vigil.testing.Ports;
import dev.vigil.testing.SystemCommands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The Dockerfile built by a real container engine (Debian's podman, with the stand-in base images
 * {@code .ci/image-bases} makes) and the image run as the Helm chart runs it: read-only root,
 * {@code /tmp} and {@code /data} as volumes, every capability dropped, no new privileges, a memory
 * limit, non-root. From the host, as a kubelet probes: {@code /readyz} and {@code /livez}, gRPC
 * Liveness and Readiness, {@code grpc.health.v1}; inside: the ahead-of-time cache in use, the chart's
 * {@code preStop} command, and nothing the cache's training run left in {@code /tmp}. A host
 * added survives replacing the container on the same {@code /data} volume, and {@code podman stop}
 * (SIGTERM) with a hook in flight turns readiness 503 for good and ends the server within the
 * chart's grace. And the chart's own Deployment, played by {@code podman kube play}, gets ready.
 */
class ImageIT {

	private static final String IMAGE = "localhost/vigil:it";

	private static final String TOKEN = "image-it-token-" + Long.toString(System.nanoTime(), 36);

	private static final Duration BUILD = Duration.ofMinutes(10);

	/** The IPC socket, on the {@code /tmp} volume, which a second container mounts too. */
	private static final String IPC_SOCKET = "/tmp/vigil.sock";

	/** The chart's terminationGracePeriodSeconds at its defaults (preStop 5 s, drain 20 s, margin). */
	private static final Duration GRACE = Duration.ofSeconds(30);

	private final String run = Long.toString(System.nanoTime(), 36);

	private final List<String> containers = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<Path> plays = new ArrayList<>();

	/** The volumes there were before a play: kube down leaves those it made (the claim's, emptyDirs). */
	private List<String> volumesBefore;

	@AfterEach
	void removeWhatWasMade() throws Exception {
		for (String container : this.containers) {
			podman(Duration.ofMinutes(1), "rm", "-f", "-t", "0", container);
		}
		podman(Duration.ofMinutes(1), "volume", "rm", "-f", volume("data"), volume("tmp"));
		for (Path play : this.plays) {
			podman(Duration.ofMinutes(1), "kube", "down", play.toString());
			Files.deleteIfExists(play);
		}
		if (this.volumesBefore != null) {
			for (String made : volumes()) {
				if (!this.volumesBefore.contains(made)) {
					podman(Duration.ofMinutes(1), "volume", "rm", "-f", made);
				}
			}
		}
	}

	/** Builds the Dockerfile once for every test here, with the project's Maven cache mounted. */
	@BeforeAll
	static void buildImage() throws Exception {
		SystemCommands.assume("podman", "podman");
		assumeThat(podman(Duration.ofMinutes(1), "image", "exists", Podman.RUNTIME_BASE).exit())
			.as("the stand-in base images: run .ci/image-bases")
			.isZero();
		Result build = Podman.build(IMAGE, BUILD);
		assertThat(build.exit()).as("podman build: %s", build.output()).isZero();
	}

	@Test
	void theImageRunsAsTheChartRunsIt() throws Exception {
		Result leftovers = podman(Duration.ofMinutes(1), "run", "--rm", "--entrypoint", "ls", IMAGE, "-A", "/tmp");
		assertThat(leftovers.output()).as("the training run's leftovers in /tmp").isBlank();

		int httpPort = Ports.free();
		int grpcPort = Ports.free();
		String first = start("first", httpPort, grpcPort);
		awaitReady(httpPort);
		// Security tokens, the IPC socket and hooks set, as the chart sets them: still the build's bean definitions.
		assertThat(podman(Duration.ofSeconds(30), "logs", first).output()).as("Spring AOT mode")
			.contains("Starting AOT-processed VigilApplication")
			.contains("aot.mode on")
			.as("the JVM's warning on loading native libraries, outside the log")
			.doesNotContain("WARNING: A restricted method");
		assertThat(status(httpPort, "/livez")).isEqualTo(200);
		try (RouterHostsClient client = RouterHostsClient.connect("127.0.0.1:" + grpcPort, Duration.ofSeconds(5), TOKEN)) {
			assertThat(client.liveness()).isTrue();
			assertThat(client.checkReadiness().ready()).isTrue();
			client.hosts()
				.addHost(AddHostRequest.newBuilder().setIpAddress("192.0.2.7").setHostname("kept.example").build());
		}
		ManagedChannel channel = Channels.local(grpcPort);
		try {
			HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
			for (String service : List.of("readiness", "liveness")) {
				assertThat(health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus())
					.as("grpc.health.v1 %s", service)
					.isEqualTo(ServingStatus.SERVING);
			}
		}
		finally {
			Channels.close(channel);
		}

		// The IPC socket from a second container sharing its volume, as the chart's sidecars do.
		Result sidecar = podman(Duration.ofMinutes(1), "run", "--rm", "--read-only", "--cap-drop=ALL",
				"--security-opt=no-new-privileges", "-v", volume("tmp") + ":/tmp",
				"-v", Path.of("target/test-classes").toAbsolutePath() + ":/checks:ro", "--entrypoint", "java", IMAGE,
				"-cp", "/checks:/app/lib/*", IpcClient.class.getName(), IPC_SOCKET, "Readiness");
		assertThat(sidecar.exit()).as("IPC health_check from a second container: %s", sidecar.output()).isZero();
		assertThat(sidecar.output()).contains("\"ok\":true");

		assertThat(podman(Duration.ofSeconds(30), "exec", first, "id", "-u").output().strip()).isEqualTo("10001");
		assertThat(podman(Duration.ofSeconds(30), "exec", first, "sleep", "0").exit()).as("the chart's preStop").isZero();
		// The ENTRYPOINT's own options: a JVM whose module options differ from the training run's
		// would not use the cache, and -XX:AOTMode=on makes that an error instead of a slow start.
		List<String> cachedStart = new ArrayList<>(List.of("exec", first));
		cachedStart.addAll(ImageCommands.withOption(ImageCommands.read(Path.of("Dockerfile")).entrypoint("java"),
				"-XX:AOTMode=on"));
		cachedStart.addAll(List.of("probe", "liveness", "--target", "localhost:9090"));
		Result cached = podman(Duration.ofMinutes(1), cachedStart.toArray(String[]::new));
		assertThat(cached.exit()).as("the ahead-of-time cache is used (-XX:AOTMode=on): %s", cached.output()).isZero();
		Result launcher = podman(Duration.ofMinutes(1), "exec", first, "/app/vigil", "probe", "readiness", "--target",
				"localhost:9090");
		assertThat(launcher.exit()).as("the command line's launcher: %s", launcher.output()).isZero();
		assertThat(launcher.output()).startsWith("ready");
		Result clientShared = podman(Duration.ofMinutes(1), "exec", first, "java", "-Xshare:on",
				"-XX:SharedArchiveFile=/app/client.jsa", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", "/app/vigil.jar",
				"probe", "liveness", "--target", "localhost:9090");
		assertThat(clientShared.exit()).as("the command line's archive maps (-Xshare:on): %s", clientShared.output()).isZero();
		Result writable = podman(Duration.ofSeconds(30), "exec", first, "touch", "/app/written");
		assertThat(writable.exit()).as("the root file system is read-only").isNotZero();

		// Work in flight at SIGTERM: a hook that holds for 8 s, armed only now. Readiness must turn
		// 503 while it drains, and never back to 200. (It held 4 s until a verify on a busy machine
		// saw the hold over before podman exec noticed it and podman stop arrived: no 503 to see.)
		assertThat(podman(Duration.ofSeconds(30), "exec", first, "touch", "/tmp/hold").exit()).isZero();
		try (RouterHostsClient client = RouterHostsClient.connect("127.0.0.1:" + grpcPort, Duration.ofSeconds(5), TOKEN)) {
			client.hosts()
				.addHost(AddHostRequest.newBuilder().setIpAddress("192.0.2.8").setHostname("held.example").build());
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> podman(Duration.ofSeconds(30), "exec", first, "test", "-e", "/tmp/held").exit() == 0);
		List<Integer> readiness = new CopyOnWriteArrayList<>();
		Thread prober = new Thread(() -> {
			while (readiness.size() < 2_000 && (readiness.size() < 2 || readiness.get(readiness.size() - 1) != -1)) {
				readiness.add(status(httpPort, "/readyz"));
				LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
			}
		}, "image-it-readyz");
		prober.start();
		long stopping = System.nanoTime();
		assertThat(podman(GRACE.plusSeconds(30), "stop", "-t", Long.toString(GRACE.toSeconds()), first).exit()).isZero();
		assertThat(Duration.ofNanos(System.nanoTime() - stopping)).as("stopped within the grace period").isLessThan(GRACE);
		prober.join(Duration.ofSeconds(30).toMillis());
		List<Integer> afterFirst503 = readiness.subList(Math.max(0, readiness.indexOf(503)), readiness.size());
		assertThat(readiness).as("/readyz during podman stop").contains(503);
		assertThat(afterFirst503).as("/readyz after it first said 503").doesNotContain(200);
		assertThat(podman(Duration.ofSeconds(30), "inspect", "-f", "{{.State.ExitCode}}", first).output().strip())
			.as("ended by SIGTERM, not killed").isEqualTo("143");
		assertThat(podman(Duration.ofSeconds(30), "logs", first).output()).contains("lifecycle.drained");

		// A setting that a Spring Boot condition reads (an endpoint's exposure): the build's bean
		// definitions would ignore it, so this start takes the regular path and the setting holds.
		String second = start("second", httpPort, grpcPort,
				"MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE=health,info,prometheus,env,configprops,loggers");
		awaitReady(httpPort);
		assertThat(podman(Duration.ofSeconds(30), "logs", second).output()).as("the regular start")
			.contains("aot.mode off reason=settings-differ-from-build settings=management.endpoints.web.exposure.include")
			.doesNotContain("AOT-processed");
		assertThat(status(httpPort, "/actuator/loggers", TOKEN)).as("the endpoint the setting exposes").isEqualTo(200);
		try (RouterHostsClient client = RouterHostsClient.connect("127.0.0.1:" + grpcPort, Duration.ofSeconds(5), TOKEN)) {
			List<String> names = new ArrayList<>();
			client.hosts()
				.listHosts(ListHostsRequest.getDefaultInstance())
				.forEachRemaining((entry) -> names.add(entry.getEntry().getHostname()));
			assertThat(names).as("the registry on the same /data volume").contains("kept.example");
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> podman(Duration.ofSeconds(30), "exec", second, "cat", "/data/hosts").output().contains("kept.example"));
	}

	/**
	 * The chart itself: its Deployment, ConfigMap and volume claim as Helm renders them, played by
	 * {@code podman kube play} with the built image, serves {@code /readyz} through the chart's own
	 * settings. Probed from the host, as a kubelet does; the container ports are published on the
	 * host, which a cluster would do with its Service.
	 */
	@Test
	void theChartsDeploymentPlaysOnPodman() throws Exception {
		int httpPort = Ports.free();
		String manifests = new Helm(HelmChartTest.CHART).template()
			.withName("vigil-it-" + this.run)
			.set("image.repository", IMAGE.substring(0, IMAGE.indexOf(':')))
			.set("image.tag", IMAGE.substring(IMAGE.indexOf(':') + 1))
			.set("image.pullPolicy", "Never")
			.call();
		List<Object> played = new ArrayList<>();
		for (Object document : new Yaml().loadAll(manifests)) {
			if (document instanceof Map<?, ?> resource
					&& List.of("Deployment", "ConfigMap", "PersistentVolumeClaim").contains(resource.get("kind"))) {
				if ("Deployment".equals(resource.get("kind"))) {
					publish(resource, "http", httpPort);
				}

				played.add(resource);
			}
		}
		List<String> kinds = played.stream().map((resource) -> String.valueOf(((Map<?, ?>) resource).get("kind"))).toList();
		assertThat(kinds).containsOnlyOnce("Deployment", "PersistentVolumeClaim").contains("ConfigMap");
		Path file = Files.createTempFile("vigil-chart", ".yaml");
		this.plays.add(file);
		Files.writeString(file, new Yaml().dumpAll(played.iterator()));
		this.volumesBefore = volumes();
		Result play = podman(Duration.ofMinutes(2), "kube", "play", file.toString());
		assertThat(play.exit()).as("podman kube play: %s", play.output()).isZero();
		awaitReady(httpPort);
		assertThat(status(httpPort, "/livez")).isEqualTo(200);
		String vigil = Stream.of(podman(Duration.ofSeconds(30), "ps", "--format", "{{.Names}}", "--filter",
				"name=vigil-it-" + this.run).output().split("\\s+"))
			.filter((name) -> !name.isBlank() && !name.endsWith("-infra"))
			.findFirst()
			.orElseThrow();
		assertThat(podman(Duration.ofSeconds(30), "logs", vigil).output()).as("the chart's settings in Spring AOT mode")
			.contains("aot.mode on");
	}

	/** Adds a host port to the container port named {@code name} of the Deployment's one container. */
	@SuppressWarnings("unchecked")
	private static void publish(Map<?, ?> deployment, String name, int hostPort) {
		Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) deployment.get("spec")).get("template");
		List<Map<String, Object>> containers = (List<Map<String, Object>>) ((Map<String, Object>) template.get("spec"))
			.get("containers");
		for (Map<String, Object> port : (List<Map<String, Object>>) containers.get(0).get("ports")) {
			if (name.equals(port.get("name"))) {
				port.put("hostPort", hostPort);
				port.put("hostIP", "127.0.0.1");
			}
		}
	}

	/** Runs the image as the chart's Deployment runs it; returns the container's name. */
	private String start(String name, int httpPort, int grpcPort, String... environment) throws Exception {
		String container = "vigil-it-" + this.run + "-" + name;
		this.containers.add(container);
		List<String> command = new ArrayList<>(List.of("run", "-d", "--name", container, "--read-only",
				"-v", volume("tmp") + ":/tmp", "-v", volume("data") + ":/data", "--cap-drop=ALL",
				"--security-opt=no-new-privileges", "--memory=768m", "-p", "127.0.0.1:" + httpPort + ":8080",
				"-p", "127.0.0.1:" + grpcPort + ":9090", "-e", "VIGIL_SECURITY_TOKENS_0_NAME=image-it",
				"-e", "VIGIL_SECURITY_TOKENS_0_SHA256=" + HexFormat.of().formatHex(TokenDigest.sha256(TOKEN)),
				"-e", "VIGIL_SECURITY_TOKENS_0_ROLES=hosts:read,hosts:write,actuator", "-e", "VIGIL_IPC_ENABLED=true",
				"-e", "VIGIL_IPC_SOCKET_PATH=" + IPC_SOCKET, "-e", "VIGIL_HOOKS_ONSUCCESS_0_NAME=hold",
				"-e", "VIGIL_HOOKS_ONSUCCESS_0_COMMAND=if [ -e /tmp/hold ]; then touch /tmp/held; sleep 8; fi"));
		for (String variable : environment) {
			command.addAll(List.of("-e", variable));
		}
		command.add(IMAGE);
		Result started = podman(Duration.ofMinutes(1), command.toArray(String[]::new));
		assertThat(started.exit()).as("podman run: %s", started.output()).isZero();
		return container;
	}

	private void awaitReady(int httpPort) {
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> status(httpPort, "/readyz") == 200);
	}

	private int status(int httpPort, String path) {
		return status(httpPort, path, null);
	}

	/** The status of a GET, with {@code token} as its bearer token unless null; -1 when nothing answers. */
	private int status(int httpPort, String path, String token) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
				.timeout(Duration.ofSeconds(2));
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static List<String> volumes() throws IOException, InterruptedException {
		return podman(Duration.ofMinutes(1), "volume", "ls", "-q").output().lines().map(String::strip).toList();
	}

	private String volume(String name) {
		return "vigil-it-" + this.run + "-" + name;
	}

	private static Result podman(Duration atMost, String... arguments) throws IOException, InterruptedException {
		return Podman.run(atMost, arguments);
	}

}
