package dev.vigil.client;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a command of the jar writes to and reads from its surroundings: its two streams, its
 * environment (for {@code VIGIL_*} and XDG variables) and whether a person is at a terminal, which
 * picks the default output format and progress lines.
 *
 * @param out where answers go
 * @param err where errors, progress and usage go
 * @param env the environment variables
 * @param terminal whether the command runs on a terminal rather than in a pipe or a script
 */
public record CommandIo(PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {

	/** The process's own streams and environment. */
	public static CommandIo system() {
		return new CommandIo(System.out, System.err, System.getenv(), System.console() != null);
	}

}
