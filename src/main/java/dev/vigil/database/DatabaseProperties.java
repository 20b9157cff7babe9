package dev.vigil.database;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Vigil shares the database between writes, reads and its check ({@code vigil.database.*}).
 *
 * @param sqlite the embedded default's settings
 * @param writes how long a write may wait before it is reported, and before it gives up
 */
@Validated
@ConfigurationProperties(DatabaseProperties.PREFIX)
record DatabaseProperties(@Valid @NotNull @DefaultValue Sqlite sqlite, @Valid @NotNull @DefaultValue Writes writes) {

	/** Where the settings are bound from, for what reads them before the context has beans. */
	static final String PREFIX = "vigil.database";

	/**
	 * SQLite in WAL mode: one writer connection, a pool of read-only connections that never wait for
	 * it, and a connection of the db check's own.
	 *
	 * @param readConnections read-only connections for lists, searches, exports, snapshots and renders
	 * @param synchronous when a commit reaches the disk: {@code NORMAL} (at checkpoints; a process crash
	 * loses nothing committed, a power loss may lose the newest commits) or {@code FULL} (at every
	 * commit; a power loss loses nothing committed)
	 * @param checkpointInterval how often the write-ahead log is copied into the database file, on a
	 * connection of its own rather than in a write's commit; with {@code NORMAL}, also how often the
	 * log reaches the disk
	 */
	public record Sqlite(@Min(1) @Max(64) @DefaultValue("4") int readConnections,
			@NotNull @DefaultValue("NORMAL") Synchronous synchronous,
			@NotNull @DurationMin(millis = 10) @DefaultValue("1s") Duration checkpointInterval) {
	}

	/**
	 * The write path's bounds. A write waits for its turn (one write at a time in a process, and
	 * on PostgreSQL the lock across replicas) and then for its commit.
	 *
	 * @param stallAfter a write waiting this long for the write lock or for its commit makes
	 * {@code db} DEGRADED, naming the wait, until no write waits that long
	 * @param lockWait the longest a write waits for the write lock when its caller set no deadline
	 * (a caller's deadline bounds it otherwise); then it answers UNAVAILABLE, writing nothing
	 * @param maxGroup the most writes that arrived while another was committing and now commit
	 * together, in one transaction; one that fails having written runs the transaction again
	 * without it, so a larger group risks more work redone
	 */
	public record Writes(@NotNull @DurationMin(millis = 1) @DefaultValue("3s") Duration stallAfter,
			@NotNull @DurationMin(millis = 1) @DefaultValue("10s") Duration lockWait,
			@Min(1) @Max(64) @DefaultValue("32") int maxGroup) {
	}

	/** SQLite's {@code PRAGMA synchronous} levels Vigil offers in WAL mode. */
	public enum Synchronous {

		NORMAL, FULL

	}

}
