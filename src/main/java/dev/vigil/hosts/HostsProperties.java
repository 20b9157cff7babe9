package dev.vigil.hosts;

import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
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
public record HostsProperties(@Valid @NotNull HostsFile file, @NotNull DataSize importMaxSize,
		@NotNull DataSize exportChunkSize, @Min(1) @Max(10_000) int pageSize) {

	/**
	 * The rendered hosts file.
	 *
	 * @param path where it is written
	 * @param mode its permissions, in octal
	 */
	public record HostsFile(@NotNull Path path, @NotNull @Pattern(regexp = "0?[0-7]{3}") String mode) {
	}

}
