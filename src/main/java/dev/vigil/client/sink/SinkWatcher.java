package dev.vigil.client.sink;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.grpc.Status;

import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.support.AtomicFileWriter;
import dev.vigil.support.Backoff;
import dev.vigil.support.OneLine;
import dev.vigil.support.ProcessGroup;

/**
 * {@code watch}: follows WatchHosts and keeps one artifact current. It writes on start and after
 * every snapshot whose rendering differs from the file, runs the reload command after each write,
 * reports its {@link SinkState} on the stream after every cycle and every status interval (and to
 * the status file), and reconnects after any loss with backoff from 1 s doubling to 60 s, each delay
 * jittered by 0.5–1.5× so that a fleet does not reconnect in lockstep. One line on {@code log} per
 * event; runs until {@link #stop()}.
 */
public final class SinkWatcher {

	private static final Backoff RECONNECT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

	private final SinkTemplate template;

	private final Settings settings;

	private final PrintStream log;

	private final Clock clock;

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private SinkState state;

	/** Whether the current stream delivered a snapshot: a loss after one starts the backoff over. */
	private boolean snapshotsSinceConnect;

	/**
	 * What a watch does besides following the stream.
	 *
	 * @param out the artifact
	 * @param exec the reload command run through {@code sh -c} after each write, or null
	 * @param execTimeout how long the reload command may run before its process group is killed
	 * @param statusFile where the status is kept
	 * @param statusInterval how often the status is reported when nothing happens
	 */
	public record Settings(Path out, String exec, Duration execTimeout, Path statusFile, Duration statusInterval) {
	}

	private sealed interface Event permits Snapshot, Ended, Stop {
	}

	private record Snapshot(HostsSnapshot snapshot) implements Event {
	}

	private record Ended(Throwable error) implements Event {
	}

	private record Stop() implements Event {
	}

	public SinkWatcher(SinkTemplate template, Settings settings, PrintStream log, Clock clock) {
		this.template = template;
		this.settings = settings;
		this.log = log;
		this.clock = clock;
		this.state = SinkState.adopt(settings.statusFile(), settings.out(), template.contractVersion());
	}

	/** Follows the stream until {@link #stop()}; reconnects after every loss. */
	public void run(HostsServiceGrpc.HostsServiceStub stub) throws InterruptedException {
		try {
			if (!this.state.renderedChangeId().isEmpty()) {
				this.log.println("event=adopted rendered_change_id=" + this.state.renderedChangeId());
			}
			int losses = 0;
			while (true) {
				this.events.removeIf((event) -> !(event instanceof Stop));
				SnapshotStream stream = SnapshotStream.open(stub, true, this.state.toStatus(),
						(snapshot) -> this.events.add(new Snapshot(snapshot)), (error) -> this.events.add(new Ended(error)));
				Throwable lost = follow(stream);
				if (lost == null) {
					return;
				}
				losses = this.snapshotsSinceConnect ? 1 : losses + 1;
				this.state = this.state.failed();
				saveStatus();
				Duration delay = jittered(RECONNECT.after(losses));
				this.log.println("event=stream-lost status=" + Status.fromThrowable(lost).getCode() + " reconnect_in_ms="
						+ delay.toMillis() + " consecutive_failures=" + this.state.consecutiveFailures());
				if (this.events.poll(delay.toMillis(), TimeUnit.MILLISECONDS) instanceof Stop) {
					return;
				}
			}
		}
		finally {
			saveStatus();
			this.stopped.countDown();
		}
	}

	/** Asks {@link #run} to end, and waits (up to {@code timeout}) until it has. */
	public boolean stop(Duration timeout) throws InterruptedException {
		this.events.add(new Stop());
		return this.stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The events of one stream; returns why it ended, or null when asked to stop. */
	private Throwable follow(SnapshotStream stream) throws InterruptedException {
		long nextReport = System.nanoTime() + this.settings.statusInterval().toNanos();
		this.snapshotsSinceConnect = false;
		try (stream) {
			while (true) {
				long wait = Math.max(0, nextReport - System.nanoTime());
				Event event = this.events.poll(wait, TimeUnit.NANOSECONDS);
				if (event instanceof Stop) {
					return null;
				}
				if (event instanceof Ended ended) {
					return (ended.error() != null) ? ended.error() : Status.UNAVAILABLE.withDescription("stream ended").asException();
				}
				if (event instanceof Snapshot snapshot) {
					this.snapshotsSinceConnect = true;
					cycle(snapshot.snapshot());
				}
				stream.report(this.state.toStatus());
				saveStatus();
				nextReport = System.nanoTime() + this.settings.statusInterval().toNanos();
			}
		}
	}

	/** Render, write if different, reload after a write. */
	private void cycle(HostsSnapshot snapshot) {
		long now = this.clock.instant().getEpochSecond();
		byte[] rendered;
		try {
			rendered = this.template.render(snapshot);
		}
		catch (SinkException ex) {
			this.state = this.state.failed();
			this.log.println("event=render-failed change_id=" + snapshot.changeId() + " reason=" + quoted(ex.getMessage())
					+ " consecutive_failures=" + this.state.consecutiveFailures());
			return;
		}
		boolean written;
		try {
			written = AtomicFileWriter.write(this.settings.out(), rendered);
		}
		catch (IOException ex) {
			this.state = this.state.failed();
			this.log.println("event=write-failed path=" + this.settings.out() + " reason=" + quoted(OneLine.withType(ex)));
			return;
		}
		boolean reloadFailed = false;
		long lastReload = this.state.lastReloadSuccessUnix();
		if (written) {
			this.log.println("event=written path=" + this.settings.out() + " change_id=" + snapshot.changeId() + " entries="
					+ snapshot.entries().size() + " bytes=" + rendered.length);
			if (this.settings.exec() != null) {
				reloadFailed = !reload();
				lastReload = reloadFailed ? lastReload : this.clock.instant().getEpochSecond();
			}
		}
		else {
			reloadFailed = this.state.reloadFailed();
		}
		this.state = new SinkState(now, reloadFailed ? this.state.consecutiveFailures() + 1 : 0, this.template.contractVersion(),
				snapshot.changeId(), reloadFailed, lastReload, SinkState.sha256(rendered));
	}

	/** Runs the reload command in its own process group; true when it exited 0 within its timeout. */
	private boolean reload() {
		try {
			Process process = ProcessGroup.start(this.settings.exec(), Map.of(), ProcessBuilder.Redirect.INHERIT);
			if (!process.waitFor(this.settings.execTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				ProcessGroup.kill(process);
				this.log.println("event=reload-failed reason=" + quoted("timeout after " + this.settings.execTimeout().toMillis() + "ms"));
				return false;
			}
			if (process.exitValue() != 0) {
				this.log.println("event=reload-failed exit_code=" + process.exitValue());
				return false;
			}
			this.log.println("event=reloaded");
			return true;
		}
		catch (IOException ex) {
			this.log.println("event=reload-failed reason=" + quoted(OneLine.withType(ex)));
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void saveStatus() {
		try {
			this.state.write(this.settings.statusFile());
		}
		catch (IOException ex) {
			this.log.println("event=status-write-failed path=" + this.settings.statusFile() + " reason=" + quoted(OneLine.withType(ex)));
		}
	}

	/** A log field's value in quotes, with its own quotes escaped, so that the line stays one set of fields. */
	private static String quoted(String text) {
		return "\"" + OneLine.of(text).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/** The delay times a random factor in [0.5, 1.5). */
	static Duration jittered(Duration delay) {
		return Duration.ofNanos((long) (delay.toNanos() * ThreadLocalRandom.current().nextDouble(0.5, 1.5)));
	}

}
