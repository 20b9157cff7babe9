package dev.vigil.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Vigil started as its own process, as a user or an image starts it: its output goes to a log
 * file, {@link #awaitReady} polls {@code /readyz}, and {@link #close} sends SIGTERM and waits, so
 * no process outlives the test.
 */
public final class VigilProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final Path log;

	private final int httpPort;

	private final long startedNanos;

	private VigilProcess(Process process, Path log, int httpPort, long startedNanos) {
		this.process = process;
		this.log = log;
		this.httpPort = httpPort;
		this.startedNanos = startedNanos;
	}

	/** Starts {@code command} in {@code directory} with extra environment variables; it serves HTTP on {@code httpPort}. */
	public static VigilProcess start(List<String> command, Path directory, Map<String, String> environment, int httpPort,
			Path log) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		long started = System.nanoTime();
		try {
			return new VigilProcess(builder.start(), log, httpPort, started);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The command {@code ./mvnw spring-boot:run} runs: a JVM with the application's whole classpath
	 * spelled out, tens of kilobytes of command line, then {@code arguments}.
	 */
	public static List<String> classpathCommand(String... arguments) {
		List<String> command = new ArrayList<>(List.of(java(), "-cp", applicationClasspath(), "dev.vigil.VigilApplication"));
		command.addAll(List.of(arguments));
		return command;
	}

	/** The JDK running the tests. */
	public static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * The application's classes and every library, not the test classes. Surefire runs the tests'
	 * JVM from a manifest-only jar and names the real classpath in a property of its own.
	 */
	private static String applicationClasspath() {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(classpath.split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	/** Waits until {@code /readyz} answers 200, failing at once if the process dies; returns the time since start. */
	public Duration awaitReady(Duration atMost) {
		await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> {
			assertThat(this.process.isAlive()).as("Vigil running (exit code %s); log: %s", exitCodeIfDead(), this.log)
				.isTrue();
			return readyzStatus() == 200;
		});
		return Duration.ofNanos(System.nanoTime() - this.startedNanos);
	}

	/** {@code GET /readyz}'s status code, or -1 while nothing answers. */
	public int readyzStatus() {
		return get("/readyz");
	}

	/** A GET on the HTTP port: the status code, or -1 while nothing answers. */
	public int get(String path) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.discarding())
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

	/** The process's id, for the JDK's tools. */
	public long pid() {
		return this.process.pid();
	}

	/** The process's resident memory in bytes, from {@code /proc}. */
	public long residentBytes() {
		return residentBytes(this.process.pid());
	}

	/** The resident memory in bytes of the process {@code pid} of this host, from {@code /proc}. */
	public static long residentBytes(long pid) {
		return status(pid, "VmRSS:") * 1024;
	}

	/** The process's threads, from {@code /proc}. */
	public long threads() {
		return status(this.process.pid(), "Threads:");
	}

	/** The files the process has open, from {@code /proc}. */
	public long openFiles() {
		try (Stream<Path> files = Files.list(Path.of("/proc", Long.toString(this.process.pid()), "fd"))) {
			return files.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The number a field of {@code /proc/<pid>/status} gives (its unit, if any, left out). */
	private static long status(long pid, String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith(field)) {
					return Long.parseLong(line.replaceAll("\\D", ""));
				}
			}
			throw new IllegalStateException("no " + field + " for " + pid);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The CPU time the process has used so far, user and system. */
	public Duration cpuTime() {
		return this.process.info().totalCpuDuration().orElseThrow();
	}

	public String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Object exitCodeIfDead() {
		return this.process.isAlive() ? "none" : this.process.exitValue();
	}

	/** Sends SIGTERM and waits for the exit; returns whether it stopped within a minute (it is killed otherwise). */
	public boolean stop() {
		this.process.destroy();
		try {
			if (this.process.waitFor(60, TimeUnit.SECONDS)) {
				return true;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process.destroyForcibly();
		return false;
	}

	/** Sends SIGKILL, as a node's out-of-memory killer or a lost node does, and waits for the exit. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			stop();
		}
	}

}
