package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads at the lowest CPU priority (nice 19), for a benchmark's load client that stands in for
 * other machines: on a machine it shares with the server, it then takes only the CPU the server
 * leaves, as remote clients would, so that what is measured is the server. Linux gives each thread
 * its own nice value; a thread sets its own, which needs no privilege.
 */
final class LowPriorityThreads implements ThreadFactory {

	private final String prefix;

	private final AtomicInteger count = new AtomicInteger();

	LowPriorityThreads(String prefix) {
		this.prefix = prefix;
	}

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new Thread(() -> {
			lowerOwnPriority();
			task.run();
		}, this.prefix + this.count.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	}

	private static void lowerOwnPriority() {
		try {
			// "pid/task/tid": this thread's own id, which renice takes as a process id.
			String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
			Process renice = new ProcessBuilder("renice", "-n", "19", "-p", tid).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!renice.waitFor(10, TimeUnit.SECONDS) || renice.exitValue() != 0) {
				throw new IllegalStateException("renice failed for thread " + tid);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot lower this thread's priority: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
