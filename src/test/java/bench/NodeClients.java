package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
		Process node = start(script, target, arguments);
		node.getOutputStream().close();
		String said = new String(node.getInputStream().readAllBytes());
		if (!node.waitFor(10, TimeUnit.MINUTES) || node.exitValue() != 0) {
			node.destroyForcibly();
			throw new IllegalStateException(script + " failed: " + said);
		}
		String[] lines = said.strip().split("\n");
		return JSON.readTree(lines[lines.length - 1]);
	}

	/** Starts {@code script} with the target, the proto directory and {@code arguments}; its output and errors come on its input stream. */
	static Process start(String script, String target, String... arguments) throws IOException, InterruptedException {
		install();
		// An ES module finds its imports beside it: the script runs from the tools directory.
		Path copy = Files.copy(SCRIPTS.resolve(script), TOOLS.resolve(script), StandardCopyOption.REPLACE_EXISTING);
		List<String> command = new ArrayList<>(List.of("node", copy.toAbsolutePath().toString(), target,
				PROTOS.toAbsolutePath().toString()));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

	private static void install() throws IOException, InterruptedException {
		if (Files.isDirectory(TOOLS.resolve("node_modules/@grpc/grpc-js"))
				&& Files.isDirectory(TOOLS.resolve("node_modules/@grpc/proto-loader"))) {
			return;
		}
		Files.createDirectories(TOOLS);
		Process npm = new ProcessBuilder(List.of("npm", "--prefix", TOOLS.toString(), "install", "--silent", "--no-audit",
				"--no-fund", "@grpc/grpc-js@1", "@grpc/proto-loader@0"))
			.redirectErrorStream(true)
			.start();
		String said = new String(npm.getInputStream().readAllBytes());
		if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
			throw new IllegalStateException("npm install @grpc/grpc-js failed: " + said);
		}
	}

}
