package dev.vigil.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.vigil.testing.ChildProcesses;
import dev.vigil.testing.Ports;
import dev.vigil.testing.SystemCommands;

import static org.awaitility.Awaitility.await;

/**
 * A real ACME CA for tests: Debian's {@code pebble}, on loopback, with HTTP-01 validation on. It
 * validates by calling {@code httpPort} on the names ordered, so the Vigil under test listens
 * there. Its own HTTPS uses a certificate the test makes; ACME clients trust that one alone.
 */
final class PebbleServer implements AutoCloseable {

	private final Path directory;

	private final int acmePort;

	private final Process process;

	private PebbleServer(Path directory, int acmePort, Process process) {
		this.directory = directory;
		this.acmePort = acmePort;
		this.process = process;
	}

	/** Skips the calling test, naming the package, where pebble is not installed. */
	static void assumeInstalled() {
		SystemCommands.assume("pebble", "pebble");
	}

	static PebbleServer start(Path directory, int httpPort) {
		try {
			Files.createDirectories(directory);
			TestCertificates.create(directory, "pebble-listener", 1, 30);
			int acmePort = Ports.free();
			Files.writeString(directory.resolve("pebble.json"), "{\"pebble\":{\"listenAddress\":\"127.0.0.1:" + acmePort
					+ "\",\"managementListenAddress\":\"127.0.0.1:" + Ports.free() + "\",\"certificate\":\""
					+ TestCertificates.certificatePath(directory, "pebble-listener").toAbsolutePath()
					+ "\",\"privateKey\":\"" + TestCertificates.keyPath(directory, "pebble-listener").toAbsolutePath()
					+ "\",\"httpPort\":" + httpPort + ",\"tlsPort\":" + Ports.free()
					+ ",\"ocspResponderURL\":\"\",\"externalAccountBindingRequired\":false}}");
			ProcessBuilder builder = new ProcessBuilder("pebble", "-config", directory.resolve("pebble.json").toString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("pebble.log").toFile()));
			// No artificial validation delay; no deliberately rejected nonces.
			builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
			builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
			PebbleServer pebble = new PebbleServer(directory, acmePort, builder.start());
			await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
				try (Socket socket = new Socket("127.0.0.1", acmePort)) {
					return true;
				}
			});
			return pebble;
		}
		catch (IOException ex) {
			throw new IllegalStateException("pebble could not start", ex);
		}
	}

	String directoryUrl() {
		return "https://localhost:" + this.acmePort + "/dir";
	}

	/** The certificate of pebble's own HTTPS listener, for {@code vigil.acme.trust-certificate}. */
	Path listenerCertificate() {
		return TestCertificates.certificatePath(this.directory, "pebble-listener");
	}

	@Override
	public void close() {
		ChildProcesses.end(this.process, Duration.ofSeconds(10));
	}


}
