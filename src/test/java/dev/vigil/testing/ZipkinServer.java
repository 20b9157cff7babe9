package dev.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A real trace collector: Zipkin's own server ({@code io.zipkin:zipkin-server}, the {@code exec}
 * jar the build copies to {@value #JAR}), in-memory storage, on a free loopback port, in a process
 * of its own that {@link #close()} ends. Read through Zipkin's HTTP API.
 */
public final class ZipkinServer implements AutoCloseable {

	/** Where the build's {@code zipkin-server} execution of the dependency plugin puts the jar. */
	public static final String JAR = "target/zipkin/zipkin-server.jar";

	private final int port;

	private final Process process;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private ZipkinServer(int port, Process process) {
		this.port = port;
		this.process = process;
	}

	/** Starts it and waits until its API answers; its log goes to {@code target/zipkin/zipkin-<port>.log}. */
	public static ZipkinServer start() {
		int port = Ports.free();
		try {
			Path log = Files.createDirectories(Path.of("target/zipkin")).resolve("zipkin-" + port + ".log");
			ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx256m", "-jar", JAR, "--server.port=" + port, "--logging.level.root=warn")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().put("STORAGE_TYPE", "mem");
			ZipkinServer zipkin = new ZipkinServer(port, builder.start());
			try {
				await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> zipkin.get("/health").path("status")
					.asString()
					.equals("UP"));
			}
			catch (RuntimeException ex) {
				zipkin.close();
				throw ex;
			}
			return zipkin;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where Vigil sends its spans ({@code management.tracing.export.zipkin.endpoint}). */
	public String spansEndpoint() {
		return "http://127.0.0.1:" + this.port + "/api/v2/spans";
	}

	/** One trace's spans as Zipkin's v2 JSON, an empty array while it has none. */
	public JsonNode trace(String traceId) {
		try {
			return get("/api/v2/trace/" + traceId);
		}
		catch (IllegalStateException ex) {
			return this.json.createArrayNode();
		}
	}

	/** A GET on Zipkin's API; anything but 200 is an {@link IllegalStateException}. */
	public JsonNode get(String path) {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + response.statusCode());
			}
			return this.json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		ChildProcesses.end(this.process, Duration.ofSeconds(20));
	}

}
