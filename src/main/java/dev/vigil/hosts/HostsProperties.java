package dev.vigil.hosts;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import dev.vigil.hosts.file.HostsFileSettings;
import dev.vigil.hosts.sinks.SinkSettings;
import dev.vigil.hosts.snapshots.SnapshotSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The hosts registry's settings ({@code vigil.hosts.*}).
 *
 * @param file where and how the hosts file is rendered
 * @param importMaxSize the most bytes one ImportHosts call may send; more is RESOURCE_EXHAUSTED
 * @param exportChunkSize the largest chunk an ExportHosts message carries
 * @param pageSize entries read per database query when streaming lists, exports, snapshots and renders
 * @param changes the change feed
 * @param sinks the {@code sinks} component's judgement of WatchHosts consumers
 * @param snapshots snapshot retention and schedule
 */
@Validated
@ConfigurationProperties("vigil.hosts")
public record HostsProperties(@Valid @NotNull @DefaultValue HostsFileSettings file, @NotNull @DefaultValue("16MB") DataSize importMaxSize,
		@NotNull @DefaultValue("64KB") DataSize exportChunkSize, @Min(1) @Max(10_000) @DefaultValue("500") int pageSize,
		@Valid @NotNull @DefaultValue Changes changes, @Valid @NotNull @DefaultValue SinkSettings sinks,
		@Valid @NotNull @DefaultValue SnapshotSettings snapshots) {

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

}
