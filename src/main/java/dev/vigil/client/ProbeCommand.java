package dev.vigil.client;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code probe liveness|readiness|health [--target host:port] [--timeout 5s]}: {@code server …}
 * for a Kubernetes exec probe, always in words: exits 0 when alive / ready / healthy, 1 when not,
 * 2 when the server cannot be reached or the arguments are wrong.
 */
@Command(name = "probe", description = "An exec probe: exit 0 alive / ready / healthy, 1 not, 2 no answer.")
final class ProbeCommand implements Callable<Integer> {

	private final RootCommand root;

	@Parameters(paramLabel = "CHECK", description = "liveness, readiness or health.")
	private Check check;

	@Option(names = "--target", paramLabel = "HOST:PORT", description = "The server to probe, as --server.")
	private String target;

	ProbeCommand(RootCommand root) {
		this.root = root;
	}

	/** What a probe asks. */
	enum Check {

		liveness, readiness, health

	}

	@Override
	public Integer call() {
		Output words = new Output(this.root.io().out(), OutputFormat.table, false);
		try (RouterHostsClient client = this.root.settings(this.target).connect()) {
			return switch (this.check) {
				case liveness -> ServerChecks.liveness(client, words);
				case readiness -> ServerChecks.readiness(client, words);
				case health -> ServerChecks.health(client, words);
			};
		}
	}

}
