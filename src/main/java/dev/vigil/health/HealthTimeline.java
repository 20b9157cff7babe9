package dev.vigil.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.health.contributor.Status;
import org.springframework.context.event.EventListener;

/**
 * Every change of any component's status, kept in memory so that an operator can tell why a
 * component was not UP at a given time: the last {@code capacity} changes, the older ones
 * counted as dropped. Background-checked components are recorded as their change is found
 * ({@link HealthChangedEvent}); the others (availability states, {@code ping}, {@code ssl}) when
 * {@link #sweep()} reads them. Only a status change is an event: a new reason under the same
 * status is not.
 */
public class HealthTimeline {

	/** The longest component name or time a door passes on to {@link #events}: longer than any there is. */
	public static final int MAX_QUERY_LENGTH = 256;

	private final int capacity;

	private final Clock clock;

	private final LongSupplier nanoClock;

	private final Counter dropped;

	private final HealthEvaluator evaluator;

	private final ArrayDeque<HealthEvent> events = new ArrayDeque<>();

	/** Each component's current status and when it began, as this timeline saw it. */
	private final Map<String, Held> held = new HashMap<>();

	private long droppedCount;

	HealthTimeline(int capacity, HealthEvaluator evaluator, MeterRegistry meters, Clock clock, LongSupplier nanoClock) {
		this.capacity = capacity;
		this.evaluator = evaluator;
		this.clock = clock;
		this.nanoClock = nanoClock;
		this.dropped = Counter.builder("vigil.health.timeline.dropped")
			.description("Health events dropped from the in-memory timeline because it was full")
			.register(meters);
	}

	/**
	 * One change of a component's status.
	 *
	 * @param at when it was seen
	 * @param component the component's name
	 * @param status its new status
	 * @param previous its status before
	 * @param reason why it is not UP (empty when it is)
	 * @param lasted how long the previous status had held, as this process saw it
	 */
	public record HealthEvent(Instant at, String component, Status status, Status previous, String reason,
			Duration lasted) {
	}

	/**
	 * What the timeline holds.
	 *
	 * @param events the kept events, oldest first
	 * @param dropped how many older events were dropped because the timeline was full
	 * @param capacity how many events it keeps
	 */
	public record Events(List<HealthEvent> events, long dropped, int capacity) {
	}

	/** The kept events at or after {@code since} (all without it) of {@code component} (all without it). */
	public synchronized Events events(Optional<Instant> since, Optional<String> component) {
		List<HealthEvent> selected = this.events.stream()
			.filter((event) -> since.map((time) -> !event.at().isBefore(time)).orElse(true))
			.filter((event) -> component.map(event.component()::equals).orElse(true))
			.toList();
		return new Events(selected, this.droppedCount, this.capacity);
	}

	/** How long the component has held its current status; empty before it was first seen. */
	public synchronized Optional<Duration> heldFor(String component) {
		return Optional.ofNullable(this.held.get(component))
			.map((held) -> Duration.ofNanos(this.nanoClock.getAsLong() - held.sinceNanos()));
	}

	/** A background check found a change. */
	@EventListener
	void changed(HealthChangedEvent change) {
		observe(change.component(), change.previous().status(), change.current());
	}

	/** Reads every component and records those whose status changed since the last look. */
	void sweep() {
		this.evaluator.overall().components().forEach((component) -> observe(component.name(), null, component));
	}

	/**
	 * Records {@code now} if its status differs from the one held. A component seen for the first
	 * time by a sweep is only remembered; one first seen through a change event is recorded, with
	 * the event's previous status.
	 */
	private synchronized void observe(String component, Status previousIfNew, ComponentState now) {
		long nowNanos = this.nanoClock.getAsLong();
		Held before = this.held.get(component);
		if (before != null && before.status().equals(now.status())) {
			return;
		}
		this.held.put(component, new Held(now.status(), nowNanos));
		Status previous = (before != null) ? before.status() : previousIfNew;
		if (previous == null) {
			return;
		}
		Duration lasted = (before != null) ? Duration.ofNanos(nowNanos - before.sinceNanos()) : Duration.ZERO;
		this.events.addLast(new HealthEvent(this.clock.instant(), component, now.status(), previous,
				Status.UP.equals(now.status()) ? "" : now.reason(), lasted));
		if (this.events.size() > this.capacity) {
			this.events.removeFirst();
			this.droppedCount++;
			this.dropped.increment();
		}
	}

	private record Held(Status status, long sinceNanos) {
	}

}
