package dev.vigil.hosts;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The hosts registry's settings ({@code vigil.hosts.*}). Each concern's settings are a record
 * nested here, so that every package of the module reads them from its base package.
 *
 * @param file where and how the hosts file is rendered
 * @param importMaxSize the most bytes one ImportHosts call may send; more is RESOURCE_EXHAUSTED
 * @param exportChunkSize the largest chunk an ExportHosts message carries
 * @param pageSize entries read per database query when streaming lists, exports, snapshots and renders
 * @param changes the change feed
 * @param sinks the {@code sinks} component's judgement of WatchHosts consumers
 * @param snapshots snapshot retention and schedule
 * @param limits bounds on the free text a query may send, checked before the database sees it
 * @param history each entry's history: retention, and the size past which {@code db} is DEGRADED
 */
@Validated
@ConfigurationProperties("vigil.hosts")
public record HostsProperties(@Valid @NotNull @DefaultValue HostsFileSettings file, @NotNull @DefaultValue("16MB") DataSize importMaxSize,
		@NotNull @DefaultValue("64KB") DataSize exportChunkSize, @Min(1) @Max(10_000) @DefaultValue("500") int pageSize,
		@Valid @NotNull @DefaultValue Changes changes, @Valid @NotNull @DefaultValue SinkSettings sinks,
		@Valid @NotNull @DefaultValue SnapshotSettings snapshots, @Valid @NotNull @DefaultValue Limits limits,
		@Valid @NotNull @DefaultValue HistorySettings history) {

	/**
	 * The change feed: every committed change's id, and how replicas and followers hear of it.
	 *
	 * @param checkInterval how often the newest change id is read, to catch changes no
	 * notification announced (a second process on the same SQLite file, a lost notification)
	 * @param retained how many of the newest changes the log keeps; older ones are pruned
	 * @param followerCoalesceDelay how long a WatchHosts follower waits after a change before its
	 * next snapshot, so a burst of changes is a few snapshots
	 * @param followerSharedSnapshots how many WatchHosts snapshots, each read once and encoded
	 * once for every follower due one, are kept at a time; 0 shares none, and each follower reads
	 * its own pages
	 */
	public record Changes(@NotNull @DurationMin(millis = 10) @DefaultValue("1s") Duration checkInterval,
			@Min(1) @DefaultValue("10000") int retained, @NotNull @DurationMin(millis = 0) @DefaultValue("100ms") Duration followerCoalesceDelay,
			@Min(0) @Max(64) @DefaultValue("4") int followerSharedSnapshots) {
	}

	/**
	 * The rendered hosts file.
	 *
	 * @param path where the hosts file is rendered; its directory is created
	 * @param mode the hosts file's permissions, in octal
	 * @param coalesceDelay how long a render waits after the first change, so the changes that
	 * follow within it share one render
	 */
	public record HostsFileSettings(@NotNull @DefaultValue("./data/hosts") Path path,
			@NotNull @Pattern(regexp = "0?[0-7]{3}") @DefaultValue("0644") String mode,
			@NotNull @DefaultValue("100ms") Duration coalesceDelay) {
	}

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

	/**
	 * Each entry's history: how much is kept, and when its size is a concern. Retention runs on a
	 * timer on every replica; CompactAggregates folds an entry's rows at any time.
	 *
	 * @param maxPerEntry each entry keeps at most its newest this many rows
	 * @param maxAge rows older than this are deleted, except a live entry's newest
	 * @param warnEntrySize past this many rows for one entry, {@code db} is DEGRADED naming it
	 * (readiness serves DEGRADED); at most {@code max-per-entry}
	 * @param pruneInterval how often retention runs
	 * @param summaryInterval how often the rows are counted again for the {@code db} details, when
	 * something changed since the last count; the check itself only reads the last count
	 * @param compactBatch CompactAggregates folds this many entries per transaction under the write
	 * lock, so that other writes interleave with a long compaction
	 * @param maxPage the most rows one page of EntryHistory or ListChanges holds; a larger page size
	 * is read as this (the wire contract documents 1000)
	 * @param defaultPage the rows a page holds when the caller does not say
	 * @param maxText the longest page token or caller name read; longer is INVALID_ARGUMENT before any query
	 */
	public record HistorySettings(@Min(1) @Max(1_000_000) @DefaultValue("1000") int maxPerEntry,
			@NotNull @DurationMin(hours = 1) @DefaultValue("365d") Duration maxAge,
			@Min(1) @DefaultValue("500") int warnEntrySize,
			@NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration pruneInterval,
			@NotNull @DurationMin(millis = 100) @DefaultValue("30s") Duration summaryInterval,
			@Min(1) @Max(100_000) @DefaultValue("200") int compactBatch,
			@Min(1) @Max(10_000) @DefaultValue("1000") int maxPage,
			@Min(1) @Max(10_000) @DefaultValue("100") int defaultPage,
			@Min(1) @Max(10_000) @DefaultValue("1024") int maxText) {

		/** A page the caller does not size is one it could have asked for. */
		@AssertTrue(message = "default-page must be at most max-page")
		public boolean isDefaultPageWithinMax() {
			return this.defaultPage <= this.maxPage;
		}

		/** The warning must come before retention deletes anything by count, or it could never show. */
		@AssertTrue(message = "warn-entry-size must be at most max-per-entry")
		public boolean isWarnEntrySizeWithinRetention() {
			return this.warnEntrySize <= this.maxPerEntry;
		}

	}

	/**
	 * Bounds on the text ListHosts and SearchHosts send, checked before any query is built: past
	 * one the call is INVALID_ARGUMENT naming the field and the bound, on every database alike
	 * (SQLite refuses a LIKE pattern over 50,000 bytes as a server error).
	 *
	 * @param filterLength the most characters of a ListHosts filter
	 * @param filterTerms the most terms (text or {@code tag:NAME}) of a ListHosts filter
	 * @param queryLength the most characters of a SearchHosts query
	 */
	public record Limits(@Min(1) @Max(10_000) @DefaultValue("1024") int filterLength,
			@Min(1) @Max(256) @DefaultValue("16") int filterTerms,
			@Min(1) @Max(10_000) @DefaultValue("1024") int queryLength) {
	}

}
