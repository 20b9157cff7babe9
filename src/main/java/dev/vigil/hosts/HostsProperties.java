package dev.vigil.hosts;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

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
 * @param pageSize entries read per database query when streaming lists, exports and renders
 */
@Validated
@ConfigurationProperties("vigil.hosts")
public record HostsProperties(@Valid @NotNull @DefaultValue HostsFile file, @NotNull @DefaultValue("16MB") DataSize importMaxSize,
		@NotNull @DefaultValue("64KB") DataSize exportChunkSize, @Min(1) @Max(10_000) @DefaultValue("500") int pageSize) {

	/**
	 * The rendered hosts file.
	 *
	 * @param path where the hosts file is rendered; its directory is created
	 * @param mode the hosts file's permissions, in octal
	 * @param coalesceDelay how long a render waits after the first change, so the changes that
	 * follow within it share one render
	 */
	public record HostsFile(@NotNull @DefaultValue("./data/hosts") Path path,
			@NotNull @Pattern(regexp = "0?[0-7]{3}") @DefaultValue("0644") String mode,
			@NotNull @DefaultValue("100ms") Duration coalesceDelay) {
	}

}
