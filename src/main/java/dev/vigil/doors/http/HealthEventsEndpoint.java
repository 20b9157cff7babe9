package dev.vigil.doors.http;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.vigil.health.HealthTimeline;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/healthevents}: the health timeline, for the actuator role and Spring Boot
 * Admin. {@code since} is a time ({@code 2026-12-07T03:00:00Z}) or a while ago ({@code 30m});
 * {@code component} names one component. Each event's {@code lasted} is in seconds.
 */
@Component
@Endpoint(id = "healthevents")
class HealthEventsEndpoint {

	private final HealthTimeline timeline;

	private final Clock clock = Clock.systemUTC();

	HealthEventsEndpoint(HealthTimeline timeline) {
		this.timeline = timeline;
	}

	@ReadOperation
	Timeline events(@Nullable String since, @Nullable String component) {
		HealthTimeline.Events kept = this.timeline.events(Optional.ofNullable(since).map(this::instant),
				Optional.ofNullable(component).map((name) -> bounded("component", name)));
		return new Timeline(kept.events().stream().map(Event::of).toList(), kept.dropped(), kept.capacity());
	}

	private Instant instant(String since) {
		bounded("since", since);
		try {
			return Instant.parse(since);
		}
		catch (DateTimeParseException notInstant) {
			try {
				return this.clock.instant().minus(DurationStyle.detectAndParse(since));
			}
			catch (RuntimeException notDuration) {
				throw new InvalidEndpointRequestException("since: neither a time (2026-12-07T03:00:00Z) nor a while ago (30m)",
						"since: neither a time nor a while ago");
			}
		}
	}

	private static String bounded(String name, String value) {
		if (value.length() > HealthTimeline.MAX_QUERY_LENGTH) {
			throw new InvalidEndpointRequestException(name + ": at most " + HealthTimeline.MAX_QUERY_LENGTH + " characters",
					name + ": too long");
		}
		return value;
	}

	/** What the endpoint answers: the events, oldest first, and how many were dropped. */
	record Timeline(List<Event> events, long dropped, int capacity) {
	}

	/** One change, with plain values for JSON. */
	record Event(String at, String component, String status, String previous, String reason, double lasted) {

		static Event of(HealthTimeline.HealthEvent event) {
			return new Event(event.at().toString(), event.component(), event.status().getCode(),
					event.previous().getCode(), event.reason(), event.lasted().toMillis() / 1000.0);
		}

	}

}
