package dev.vigil.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.vigil.support.ProcessGroup;

/**
 * One running hook: {@code sh -c COMMAND} in a {@link ProcessGroup} of its own, so that a timeout
 * or shutdown kills everything it started, not only the shell.
 */
final class HookProcess {

	/** How long output is still read after the hook ended: a child it left behind may hold the pipe. */
	private static final Duration OUTPUT_GRACE = Duration.ofSeconds(1);

	private final Process process;

	private final OutputTail output;

	private final Future<?> reader;

	private final Clock clock;

	private final long startedAt;

	private volatile boolean killed;

	private HookProcess(Process process, OutputTail output, Future<?> reader, Clock clock, long startedAt) {
		this.process = process;
		this.output = output;
		this.reader = reader;
		this.clock = clock;
		this.startedAt = startedAt;
	}

	/**
	 * Starts the command with the given variables added to Vigil's environment; its output is
	 * read on {@code readers}, keeping the last {@code outputLimit} bytes.
	 */
	static HookProcess start(String command, Map<String, String> environment, int outputLimit, Executor readers,
			Clock clock) throws IOException {
		long startedAt = System.nanoTime();
		Process process = ProcessGroup.start(command, environment, ProcessBuilder.Redirect.PIPE);
		OutputTail output = new OutputTail(outputLimit);
		InputStream stream = process.getInputStream();
		Future<?> reader = CompletableFuture.runAsync(() -> {
			try (stream) {
				output.consume(stream);
			}
			catch (IOException ex) {
				// The stream was closed under the reader after the grace: the tail read so far stands.
				throw new UncheckedIOException(ex);
			}
		}, readers);
		return new HookProcess(process, output, reader, clock, startedAt);
	}

	/** The operating system's id of the hook's shell, which is also its process group's id. */
	long pid() {
		return this.process.pid();
	}

	/**
	 * Waits for the hook to end. Past {@code timeout} its process group is killed and the run is a
	 * {@link HookStatus#TIMEOUT}; after {@link #kill()} it is {@link HookStatus#KILLED}.
	 */
	HookResult await(Duration timeout) {
		boolean ended = waitFor(timeout);
		if (!ended) {
			killGroup();
			waitFor(Duration.ofSeconds(5));
		}
		Duration duration = Duration.ofNanos(System.nanoTime() - this.startedAt);
		drainOutput();
		HookStatus status;
		if (this.killed) {
			status = HookStatus.KILLED;
		}
		else if (!ended) {
			status = HookStatus.TIMEOUT;
		}
		else {
			status = (this.process.exitValue() == 0) ? HookStatus.SUCCESS : HookStatus.FAILURE;
		}
		int exitCode = (ended && !this.killed) ? this.process.exitValue() : -1;
		return new HookResult(status, exitCode, duration, this.clock.instant(), this.output.text(),
				this.output.truncated());
	}

	/** Kills the hook's process group from another thread; {@link #await} then reports it killed. */
	void kill() {
		this.killed = true;
		killGroup();
	}

	private boolean waitFor(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.killed = true;
			killGroup();
			return false;
		}
	}

	private void drainOutput() {
		try {
			this.reader.get(OUTPUT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			closeQuietly();
		}
		catch (ExecutionException ex) {
			// Reading stopped early; what was read is kept.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			closeQuietly();
		}
	}

	private void closeQuietly() {
		try {
			this.process.getInputStream().close();
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

	private void killGroup() {
		ProcessGroup.kill(this.process);
	}

}
