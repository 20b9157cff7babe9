package dev.vigil.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * Takes the process from Running through Draining to Stopped when the application context
 * closes (SIGTERM). The drain happens while the context closes but before any server stops:
 * Spring publishes {@link ContextClosedEvent} first, so probes and in-flight calls are still
 * served while work drains, and readiness already reports the shutdown.
 */
public class ShutdownCoordinator implements ApplicationListener<ContextClosedEvent>, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(ShutdownCoordinator.class);

	private final Duration drainTimeout;

	private final Supplier<List<Drainable>> drainables;

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	private volatile LifecycleState state = LifecycleState.RUNNING;

	/**
	 * @param drainables what to drain, asked for only when the drain starts: the components that
	 * drain also ask this coordinator whether to take work
	 */
	public ShutdownCoordinator(LifecycleProperties properties, Supplier<List<Drainable>> drainables) {
		this.drainTimeout = properties.drainTimeout();
		this.drainables = drainables;
	}

	/** The current state. */
	public LifecycleState state() {
		return this.state;
	}

	/** Whether new work is taken. */
	public boolean acceptingWork() {
		return this.state == LifecycleState.RUNNING;
	}

	/** Runs {@code listener} after each change of state, on the thread that made it. */
	public void onChange(Runnable listener) {
		this.listeners.add(listener);
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		drain();
	}

	/** Drains once: a second call (a second close) does nothing. */
	synchronized void drain() {
		if (this.state != LifecycleState.RUNNING) {
			return;
		}
		long started = System.nanoTime();
		enter(LifecycleState.DRAINING);
		for (Drainable drainable : this.drainables.get()) {
			Duration left = this.drainTimeout.minusNanos(System.nanoTime() - started);
			drainable.drain(left.isNegative() ? Duration.ZERO : left);
		}
		enter(LifecycleState.STOPPED);
		logger.info("lifecycle.drained durationMs={}", Duration.ofNanos(System.nanoTime() - started).toMillis());
	}

	/** After the servers' own listeners: they turn NOT_SERVING before the drain begins. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private void enter(LifecycleState next) {
		logger.info("lifecycle.state state={} previous={}", next.label(), this.state.label());
		this.state = next;
		this.listeners.forEach(Runnable::run);
	}

}
