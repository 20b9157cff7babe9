package dev.vigil.hosts.formats;

import dev.vigil.hosts.registry.HostRepository;
import dev.vigil.hosts.registry.HostWrites;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Imports, in the hosts, JSON and CSV formats. */
@Configuration(proxyBeanMethods = false)
class FormatsConfiguration {

	@Bean
	HostsImporter hostsImporter(HostWrites writes, HostRepository repository) {
		return new HostsImporter(writes, repository);
	}

}
