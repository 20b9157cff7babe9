package dev.vigil.hosts.registry;

import java.util.List;
import java.util.Optional;

/**
 * A partial change: an empty field keeps the current value. An empty comment clears it, and so
 * does a present but empty alias or tag list.
 */
public record HostUpdate(Optional<String> ipAddress, Optional<String> hostname, Optional<String> comment,
		Optional<List<String>> aliases, Optional<List<String>> tags, Optional<String> expectedVersion) {

	HostFields applyTo(HostFields current) {
		return new HostFields(this.ipAddress.orElse(current.ipAddress()), this.hostname.orElse(current.hostname()),
				this.aliases.orElse(current.aliases()), this.comment.isPresent() ? this.comment.get() : current.comment(),
				this.tags.orElse(current.tags()));
	}

}
