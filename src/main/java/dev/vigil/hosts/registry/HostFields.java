package dev.vigil.hosts.registry;

import java.util.List;

/**
 * What an entry says: address, name, aliases, comment and tags. Built raw from requests and
 * imports, and canonical once {@link HostValidator} has accepted it. A null comment is none.
 */
public record HostFields(String ipAddress, String hostname, List<String> aliases, String comment, List<String> tags) {

	public HostFields {
		aliases = List.copyOf(aliases);
		tags = List.copyOf(tags);
	}

}
