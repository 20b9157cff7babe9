package dev.vigil.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vigil.client.CommandIo;
import dev.vigil.client.VigilCommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One run of the jar's command line in this JVM, not on a terminal, with the given environment:
 * its exit code and what it wrote.
 *
 * @param command the arguments, joined, for failure messages
 * @param exitCode the exit code
 * @param out what it wrote to stdout
 * @param err what it wrote to stderr
 */
public record CommandRun(String command, int exitCode, String out, String err) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Runs {@code vigil args…} with the environment {@code env} and returns what it did. */
	public static CommandRun of(Map<String, String> env, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = VigilCommandLine.run(args, new CommandIo(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), Map.copyOf(env), false));
		return new CommandRun(String.join(" ", args), code, out.toString(StandardCharsets.UTF_8),
				err.toString(StandardCharsets.UTF_8));
	}

	/** Runs {@code vigil command args…}, for tests of one command that pass on their own arguments. */
	public static CommandRun ofCommand(Map<String, String> env, String command, String... args) {
		String[] line = new String[args.length + 1];
		line[0] = command;
		System.arraycopy(args, 0, line, 1, args.length);
		return of(env, line);
	}

	/** Fails unless the command exited with {@code expected}. */
	public CommandRun assertExit(int expected) {
		assertThat(this.exitCode).as("exit code of %s (stderr: %s)", this.command, this.err).isEqualTo(expected);
		return this;
	}

	/** Stdout as JSON. */
	public JsonNode json() {
		return JSON.readTree(this.out);
	}

	/** The first line of stdout, or empty. */
	public String firstLine() {
		return this.out.lines().findFirst().orElse("");
	}

}
