package dev.vigil.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ends the servers a test started as processes of their own (a CA, a trace collector). */
public final class ChildProcesses {

	private ChildProcesses() {
	}

	/** SIGTERM, then at most {@code grace} to exit; a process still running is killed and waited for as long again. */
	public static void end(Process process, Duration grace) {
		process.destroy();
		try {
			if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
