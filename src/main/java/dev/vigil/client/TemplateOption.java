package dev.vigil.client;

import picocli.CommandLine.Option;

import dev.vigil.client.sink.SinkException;
import dev.vigil.client.sink.SinkTemplate;

/** {@code --template}, which {@code render} and {@code watch} share; a template that does not load is a usage error. */
final class TemplateOption {

	@Option(names = "--template", required = true, paramLabel = "FILE",
			description = "A Mustache template file, or builtin:hosts, builtin:dnsmasq, builtin:unbound.")
	private String location;

	SinkTemplate load() {
		try {
			return SinkTemplate.load(this.location);
		}
		catch (SinkException ex) {
			throw new CommandException(ex.getMessage());
		}
	}

}
