package dev.vigil.support;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A shell command ({@code sh -c}) started as the leader of a new session, hence of its own process
 * group (through {@code setsid}, from util-linux), so that a timeout or a shutdown kills everything
 * it started, not only the shell. Its input is {@code /dev/null}; stderr joins stdout.
 */
public final class ProcessGroup {

	private ProcessGroup() {
	}

	/** Starts {@code command} with {@code environment} added to this process's, its output sent to {@code output}. */
	public static Process start(String command, Map<String, String> environment, ProcessBuilder.Redirect output)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder(List.of("setsid", "sh", "-c", command)).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectOutput(output);
		builder.environment().putAll(environment);
		return builder.start();
	}

	/**
	 * SIGKILL to the whole group, through the shell's own {@code kill}: the JDK can only signal
	 * single processes. Descendants that left the group are killed one by one.
	 */
	public static void kill(Process leader) {
		List<ProcessHandle> descendants = leader.descendants().toList();
		try {
			Process kill = new ProcessBuilder("sh", "-c", "kill -s KILL -- -" + leader.pid()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			kill.waitFor(5, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			// Falls back on the process handles below.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		leader.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
	}

}
