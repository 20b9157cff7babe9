package dev.vigil.hosts.snapshots;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Snapshots: how many are kept and for how long (applied whenever one is taken, pre-rollback
 * and scheduled ones counted like the rest), and whether they are also taken on a timer.
 *
 * @param maxSnapshots the most snapshots kept; the oldest beyond it are deleted
 * @param maxAge snapshots older than this are deleted
 * @param scheduleInterval take a {@code scheduled} snapshot this often when the registry has
 * changed since the newest snapshot; unset: never
 */
public record SnapshotSettings(@Min(1) @DefaultValue("50") int maxSnapshots,
		@NotNull @DurationMin(minutes = 1) @DefaultValue("30d") Duration maxAge,
		@DurationMin(seconds = 1) Duration scheduleInterval) {
}
