package dev.vigil.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's podman, run as a command: the image test and the startup benchmark build the
 * Dockerfile and run its image with it.
 */
public final class Podman {

	/** The base image of the Dockerfile's last stage, stood in for by {@code .ci/image-bases}. */
	public static final String RUNTIME_BASE = "docker.io/library/eclipse-temurin:25-jre";

	private Podman() {
	}

	/** Runs {@code podman arguments...}; a command still running after {@code atMost} is killed. */
	public static SystemCommands.Result run(Duration atMost, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("podman"));
		command.addAll(List.of(arguments));
		return SystemCommands.run(atMost, command);
	}

	/**
	 * Builds the Dockerfile in the working directory as {@code tag}, with the project's Maven cache
	 * and the host's trust store (for Maven Central behind a proxy that re-signs TLS; never in the
	 * image) mounted, and no base image pulled.
	 */
	public static SystemCommands.Result build(String tag, Duration atMost) throws IOException, InterruptedException {
		return run(atMost, "build", "--pull=never", "--network=host", "-q", "-v", "/etc/ssl/certs:/etc/ssl/certs:ro",
				"-v", Path.of(System.getProperty("user.home"), ".m2") + ":/root/.m2", "-t", tag, ".");
	}

}
