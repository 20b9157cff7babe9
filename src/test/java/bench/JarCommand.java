package bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.testing.VigilProcess;

/** The packaged jar started as a user starts it, for the benchmarks that measure a Vigil process of its own. */
final class JarCommand {

	private JarCommand() {
	}

	/**
	 * {@code java <jvm options> -jar <jar>} on the given loopback ports, security off, its hosts file
	 * and models in {@code work}, on {@code database}'s settings; the list takes more settings after.
	 */
	static List<String> of(Path jar, List<String> jvmOptions, int http, int grpc, Path work, List<String> database) {
		List<String> command = new ArrayList<>(List.of(VigilProcess.java()));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + http,
				"--spring.grpc.server.port=" + grpc, "--vigil.hosts.file.path=" + work.resolve("hosts"),
				"--vigil.models.directory=" + work.resolve("models"), "--vigil.security.enabled=false"));
		command.addAll(database);
		return command;
	}

	/** The settings of an SQLite file in {@code work}. */
	static List<String> sqlite(Path work) {
		return List.of("--spring.datasource.url=jdbc:sqlite:" + work.resolve("vigil.db"));
	}

}
