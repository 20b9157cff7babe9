package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vigil.testing.SystemCommands;

/**
 * Clients written with npm's {@code @grpc/grpc-js} (default options), as the routers' own tools are:
 * the scripts under {@code src/test/resources/bench}, run by Debian's node beside their packages in
 * {@code target/bench-tools}, installed from the npm registry on first use.
 */
final class NodeClients {

	private static final Path TOOLS = Path.of("target/bench-tools");

	private static final Path SCRIPTS = Path.of("src/test/resources/bench");

	private static final Path PROTOS = Path.of("src/main/proto");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private NodeClients() {
	}

	/** Runs {@code script} with the target, the proto directory and {@code arguments}; returns the JSON line it prints last. */
	static JsonNode run(String script, String target, String... arguments) throws IOException, InterruptedException {
		SystemCommands.Result ran = SystemCommands.run(Duration.ofMinutes(10), command(script, target, arguments));
		if (ran.exit() != 0) {
			throw new IllegalStateException(script + " failed: " + ran.output());
		}
		String[] lines = ran.output().strip().split("\n");
		return JSON.readTree(lines[lines.length - 1]);
	}

	/** Starts {@code script} with the target, the proto directory and {@code arguments}; its output and errors come on its input stream. */
	static Process start(String script, String target, String... arguments) throws IOException, InterruptedException {
		return new ProcessBuilder(command(script, target, arguments)).redirectErrorStream(true).start();
	}

	private static List<String> command(String script, String target, String... arguments)
			throws IOException, InterruptedException {
		install();
		// An ES module finds its imports beside it: the script runs from the tools directory.
		Path copy = Files.copy(SCRIPTS.resolve(script), TOOLS.resolve(script), StandardCopyOption.REPLACE_EXISTING);
		List<String> command = new ArrayList<>(List.of("node", copy.toAbsolutePath().toString(), target,
				PROTOS.toAbsolutePath().toString()));
		command.addAll(List.of(arguments));
		return command;
	}

	private static void install() throws IOException, InterruptedException {
		if (Files.isDirectory(TOOLS.resolve("node_modules/@grpc/grpc-js"))
				&& Files.isDirectory(TOOLS.resolve("node_modules/@grpc/proto-loader"))) {
			return;
		}
		Files.createDirectories(TOOLS);
		SystemCommands.Result npm = SystemCommands.run(Duration.ofMinutes(5), List.of("npm", "--prefix", TOOLS.toString(),
				"install", "--silent", "--no-audit", "--no-fund", "@grpc/grpc-js@1", "@grpc/proto-loader@0"));
		if (npm.exit() != 0) {
			throw new IllegalStateException("npm install @grpc/grpc-js failed: " + npm.output());
		}
	}

}
