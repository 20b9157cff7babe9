package dev.vigil.client;

import picocli.CommandLine.Command;

/** {@code server health|liveness|readiness}: the server's own answers; the exit code follows them. */
@Command(name = "server", description = "Ask the server whether it is alive, ready and healthy.", synopsisSubcommandLabel = "COMMAND")
final class ServerCommands {

	private final RootCommand root;

	ServerCommands(RootCommand root) {
		this.root = root;
	}

	@Command(name = "health", description = "Every component's status and reason; exit 1 when unhealthy.")
	int health() {
		try (RouterHostsClient client = this.root.connect()) {
			return ServerChecks.health(client, this.root.output());
		}
	}

	@Command(name = "liveness", description = "Whether the process makes progress; exit 1 when not.")
	int liveness() {
		try (RouterHostsClient client = this.root.connect()) {
			return ServerChecks.liveness(client, this.root.output());
		}
	}

	@Command(name = "readiness", description = "Whether it should get traffic, else which components fail; exit 1 when not ready.")
	int readiness() {
		try (RouterHostsClient client = this.root.connect()) {
			return ServerChecks.readiness(client, this.root.output());
		}
	}

}
