package dev.vigil.hosts.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.hosts.HostsFileRenderedEvent;
import dev.vigil.hosts.HostsProperties.HostsFileSettings;
import dev.vigil.hosts.formats.HostsFormat;
import dev.vigil.hosts.registry.Change;
import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostsException;
import dev.vigil.hosts.registry.HostsRegistry;
import dev.vigil.support.AtomicFileWriter;
import dev.vigil.support.Backoff;
import dev.vigil.support.BackgroundWorker;
import dev.vigil.support.DelayedHandOff;
import dev.vigil.support.LifecyclePhases;
import dev.vigil.support.OneLine;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.TaskScheduler;

/**
 * Renders the registry to the hosts file on its own thread: once at startup and after every change
 * the feed moves to, made here or on another replica. A request while a render is already waiting joins it, so a burst of changes is one
 * write. Under a stream of changes the renderer is busy at most a tenth of the time: a render waits
 * the coalescing delay, or nine times as long as the one before took, whichever is longer, so
 * rendering a large file never takes the cores the writes need. Each attempt is counted, recorded for health and published as a
 * {@link HostsFileRenderedEvent}.
 */
class HostsFileRenderer extends BackgroundWorker {

	private static final Logger logger = LoggerFactory.getLogger(HostsFileRenderer.class);

	private final HostsRegistry registry;

	private final Path path;

	private final Set<PosixFilePermission> mode;

	private final int pageSize;

	private final Duration coalesceDelay;

	private final HostsFileHealthCheck status;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final AtomicBoolean pending = new AtomicBoolean();

	private final AtomicLong entries = new AtomicLong();

	private final MeterRegistry meters;

	private final ObservationRegistry observations;

	/** The call that asked for the waiting render, last of those it joins: the render's span is its child. */
	private final AtomicReference<Observation> cause = new AtomicReference<>();

	/** How long a stop waits for a render under way. */
	private static final Duration STOP_WAIT = Duration.ofSeconds(10);

	private static final Backoff RETRY = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

	/** Idle time owed per unit of render time: a render takes at most a tenth of the renderer's time. */
	private static final int IDLE_PER_BUSY = 9;

	/** How long the last render took. */
	private volatile long lastRenderNanos;

	/** Spring's shared scheduler, which hands the render to the worker once its delay is over. */
	private final TaskScheduler delays;

	private ExecutorService worker;

	HostsFileRenderer(HostsRegistry registry, HostsFileSettings settings, int pageSize, HostsFileHealthCheck status,
			TaskScheduler delays, ApplicationEventPublisher events, MeterRegistry meters,
			ObservationRegistry observations, Clock clock) {
		super("hosts-file", LifecyclePhases.HOSTS_FILE);
		this.registry = registry;
		this.delays = delays;
		this.path = settings.path();
		this.mode = permissions(settings.mode());
		this.pageSize = pageSize;
		this.coalesceDelay = settings.coalesceDelay();
		this.status = status;
		this.events = events;
		this.meters = meters;
		this.observations = observations;
		this.clock = clock;
		Gauge.builder("vigil.hosts.entries", this.entries, AtomicLong::get)
			.description("Entries in the hosts registry, as of the last render")
			.strongReference(true)
			.register(meters);
	}

	/**
	 * Asks for a render; returns at once. The render starts after the coalescing delay, and
	 * requests made while one is waiting are merged into it.
	 */
	public void requestRender() {
		Observation current = this.observations.getCurrentObservation();
		if (current != null) {
			this.cause.set(current);
		}
		if (this.pending.compareAndSet(false, true)) {
			Duration spacing = Duration.ofNanos(this.lastRenderNanos * IDLE_PER_BUSY);
			submit((spacing.compareTo(this.coalesceDelay) > 0) ? spacing : this.coalesceDelay, this::render);
		}
	}

	@Override
	protected void onStart() {
		// Not interrupted on stop: an interrupt would abort the file write half-way through the temp file.
		this.worker = singleThread("vigil-hosts-file-", Ending.finish(STOP_WAIT));
		this.pending.set(true);
		submit(Duration.ZERO, this::render);
	}

	/** Runs {@code task} on the worker after {@code delay}; on stop, a render in progress finishes but one still waiting is dropped. */
	private synchronized void submit(Duration delay, Runnable task) {
		if (!isRunning()) {
			return;
		}
		DelayedHandOff.after(this.delays, delay, this.worker, task);
	}

	/**
	 * Renders in a span of its own, the child of the call whose change asked for it even though it
	 * runs later on this thread; the hooks the render sets off are its children in turn.
	 */
	private void render() {
		this.pending.set(false);
		long started = System.nanoTime();
		try {
			renderObserved();
		}
		finally {
			this.lastRenderNanos = System.nanoTime() - started;
		}
	}

	private void renderObserved() {
		Observation.createNotStarted("vigil.hosts.file.render", this.observations)
			.contextualName("hosts file render")
			.parentObservation(this.cause.getAndSet(null))
			.observe(this::renderNow);
	}

	private void renderNow() {
		long count = 0;
		HostsFileRenderedEvent event;
		try {
			HostsRegistry.AsOf<Rendered> read = this.registry.readAll(this.pageSize, HostsFileRenderer::hostsFileText);
			Change change = read.change();
			StringBuilder content = read.value().content();
			count = read.value().entries();
			this.entries.set(count);
			boolean written = AtomicFileWriter.write(this.path, content.toString().getBytes(StandardCharsets.UTF_8),
					this.mode);
			event = new HostsFileRenderedEvent(
					written ? HostsFileRenderedEvent.Result.WRITTEN : HostsFileRenderedEvent.Result.UNCHANGED, count,
					change.id(), "");
			logger.info("hosts.file.render result={} entries={} change={} path={}", event.result(), count, change.id(),
					this.path);
		}
		catch (Exception ex) {
			String error = OneLine.of(HostsException.fromDatabase(asRuntime(ex)).getMessage());
			event = new HostsFileRenderedEvent(HostsFileRenderedEvent.Result.FAILED, count, "", error);
			logger.warn("hosts.file.render result=FAILED path={} error=\"{}\"", this.path, error);
		}
		Counter.builder("vigil.hosts.file.writes")
			.description("Hosts file render attempts by result")
			.tag("result", event.result().name().toLowerCase(Locale.ROOT))
			.register(this.meters)
			.increment();
		scheduleRetry(this.status.record(event, this.clock.instant()));
		this.events.publishEvent(event);
	}

	/** The hosts file's text from every entry's pages. */
	private static Rendered hostsFileText(Supplier<List<Host>> pages) {
		StringBuilder content = new StringBuilder(HostsFormat.HOSTS.begin());
		long count = 0;
		for (List<Host> page = pages.get(); !page.isEmpty(); page = pages.get()) {
			page.forEach((host) -> content.append(HostsFormat.HOSTS.entry(host, false)));
			count += page.size();
		}
		return new Rendered(content, count);
	}

	private record Rendered(StringBuilder content, long entries) {
	}

	/** After a failure, tries again in 1 s, 2 s, 4 s... up to 30 s, until a render succeeds. */
	private synchronized void scheduleRetry(int consecutiveFailures) {
		if (consecutiveFailures != 0) {
			submit(RETRY.after(consecutiveFailures), this::retry);
		}
	}

	private void retry() {
		if (this.pending.compareAndSet(false, true)) {
			render();
		}
	}

	private static RuntimeException asRuntime(Exception ex) {
		return (ex instanceof RuntimeException runtime) ? runtime : new IllegalStateException(OneLine.withType(ex), ex);
	}

	private static Set<PosixFilePermission> permissions(String octal) {
		int bits = Integer.parseInt(octal, 8);
		Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
		PosixFilePermission[] order = { PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
				PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
				PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
				PosixFilePermission.OWNER_READ };
		for (int i = 0; i < order.length; i++) {
			if ((bits & (1 << i)) != 0) {
				permissions.add(order[i]);
			}
		}
		return permissions;
	}

}
