package dev.vigil.hosts.sinks;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the {@code sinks} component judges the consumers that report through WatchHosts.
 *
 * @param window a sink last heard from longer ago than this, with no stream open, is left out
 * @param grace how long a sink may show an older change than the newest before it counts as
 * lagging
 * @param maxListed at most this many sinks are listed in the component's details (failing first,
 * then lagging, then converged), so that a fleet's details stay readable and bounded
 */
public record SinkSettings(@NotNull @DurationMin(seconds = 1) @DefaultValue("15m") Duration window,
		@NotNull @DurationMin(millis = 0) @DefaultValue("30s") Duration grace,
		@Min(1) @Max(10_000) @DefaultValue("20") int maxListed) {
}
