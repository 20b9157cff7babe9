package dev.vigil.client;

import dev.vigil.client.sink.SinkException;
import dev.vigil.client.sink.SinkTemplate;

/** What {@code render} and {@code watch} share: a template that does not load is a usage error. */
final class SinkCommands {

	private SinkCommands() {
	}

	static SinkTemplate load(String location) {
		try {
			return SinkTemplate.load(location);
		}
		catch (SinkException ex) {
			throw new CommandException(ex.getMessage());
		}
	}

}
