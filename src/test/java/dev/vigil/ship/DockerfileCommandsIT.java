package dev.vigil.ship;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No Docker engine runs where Vigil is built, so this runs the Dockerfile's own commands on the
 * packaged jar: the layer extraction of the {@code layers} stage, the {@code COPY}s of the final
 * stage in their order, and its {@code ENV} and {@code ENTRYPOINT}. The started server must
 * become ready, answer the jar's probe command, and stop on SIGTERM.
 */
class DockerfileCommandsIT {

	private static final Pattern COPY_FROM_LAYERS = Pattern.compile("COPY --from=layers /layers/(\\S+)/ \\./");

	@TempDir
	Path work;

	@Test
	void theImagesCommandsExtractTheLayersAndStartAServerThatGetsReady() throws Exception {
		List<String> lines = instructions(Path.of("Dockerfile"));
		Path jar = packagedJar();

		Path layers = Files.createDirectories(this.work.resolve("layers"));
		Files.copy(jar, layers.resolve("vigil.jar"));
		String extract = lines.stream()
			.filter((line) -> line.startsWith("RUN java -Djarmode=tools"))
			.findFirst()
			.orElseThrow()
			.substring("RUN ".length());
		assertThat(run(layers, List.of("sh", "-c", extract))).isZero();

		// The final stage copies layers least-changing first: dependencies before the application.
		List<String> copied = new ArrayList<>();
		Path app = Files.createDirectories(this.work.resolve("app"));
		for (String line : lines) {
			Matcher copy = COPY_FROM_LAYERS.matcher(line);
			if (copy.matches()) {
				copied.add(copy.group(1));
				copyTree(layers.resolve(copy.group(1)), app);
			}
		}
		assertThat(copied).containsExactly("extracted/dependencies", "extracted/spring-boot-loader",
				"extracted/snapshot-dependencies", "extracted/application");
		assertThat(lines).contains("USER 10001:10001", "EXPOSE 8080 9090", "VOLUME /data");
		assertThat(lines).noneMatch((line) -> line.startsWith("HEALTHCHECK"));

		Map<String, String> environment = environment(lines);
		assertThat(environment).containsEntry("SPRING_DATASOURCE_URL", "jdbc:sqlite:/data/vigil.db");
		Path data = Files.createDirectories(this.work.resolve("data"));
		environment.replaceAll((name, value) -> value.replace("/data", data.toString()));
		int httpPort = freePort();
		int grpcPort = freePort();
		environment.put("SERVER_PORT", Integer.toString(httpPort));
		environment.put("SPRING_GRPC_SERVER_PORT", Integer.toString(grpcPort));

		List<String> entrypoint = entrypoint(lines);
		ProcessBuilder builder = new ProcessBuilder(entrypoint).directory(app.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve("server.log").toFile());
		builder.environment().putAll(environment);
		Process server = builder.start();
		try {
			HttpClient http = HttpClient.newHttpClient();
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
				assertThat(server.isAlive()).as("server running; log: %s", this.work.resolve("server.log")).isTrue();
				return status(http, httpPort, "/readyz") == 200;
			});
			assertThat(Files.exists(data.resolve("vigil.db"))).isTrue();
			assertThat(Files.exists(data.resolve("hosts"))).isTrue();
			assertThat(run(app, List.of("java", "-jar", "vigil.jar", "probe", "readiness", "--target",
					"127.0.0.1:" + grpcPort, "--timeout", "5s"))).isZero();
		}
		finally {
			server.destroy();
			assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
		}
		assertThat(Files.readString(this.work.resolve("server.log"))).contains("lifecycle.drained");
	}

	/** The Dockerfile's instructions, with continuation lines joined and comments dropped. */
	private static List<String> instructions(Path dockerfile) throws IOException {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String raw : Files.readAllLines(dockerfile)) {
			String line = raw.strip();
			if (line.startsWith("#") || line.isEmpty()) {
				continue;
			}
			if (line.endsWith("\\")) {
				current.append(line, 0, line.length() - 1).append(' ');
				continue;
			}
			instructions.add(current.append(line).toString().replaceAll("\\s+", " "));
			current.setLength(0);
		}
		return instructions;
	}

	private static Map<String, String> environment(List<String> lines) {
		Map<String, String> environment = new LinkedHashMap<>();
		Pattern pair = Pattern.compile("(\\w+)=(\\S+)");
		lines.stream().filter((line) -> line.startsWith("ENV ")).forEach((line) -> {
			Matcher matcher = pair.matcher(line);
			while (matcher.find()) {
				environment.put(matcher.group(1), matcher.group(2));
			}
		});
		return environment;
	}

	private static List<String> entrypoint(List<String> lines) {
		String json = lines.stream()
			.filter((line) -> line.startsWith("ENTRYPOINT "))
			.reduce((first, second) -> second)
			.orElseThrow()
			.substring("ENTRYPOINT ".length());
		List<String> command = new ArrayList<>(List.of(JsonMapper.builder().build().readValue(json, String[].class)));
		// The image's java is the JRE on its PATH; here it is the one running the build.
		command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
		return command;
	}

	private static Path packagedJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((file) -> file.getFileName().toString().matches("vigil-.*\\.jar"))
				.filter((file) -> !file.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run mvn verify"));
		}
	}

	/** Runs a command; its output goes to a log beside it, not to the test runner's own stream. */
	private int run(Path directory, List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.work.resolve("commands.log").toFile()))
			.start();
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("timed out: " + command);
		}
		return process.exitValue();
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
	}

	private static int status(HttpClient http, int port, String path) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
