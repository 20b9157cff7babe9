package dev.vigil.hosts.file;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.bind.DefaultValue;

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
