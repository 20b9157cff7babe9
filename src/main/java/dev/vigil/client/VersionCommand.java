package dev.vigil.client;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import dev.vigil.api.routerhosts.v1.ServerInfo;

/** {@code version}: this jar's version, then the server's; no answer exits 2, as every command's does. */
@Command(name = "version", description = "This client's version and the server's.")
final class VersionCommand implements Callable<Integer> {

	private final RootCommand root;

	VersionCommand(RootCommand root) {
		this.root = root;
	}

	/** The jar's version from its manifest; {@code development} when run from classes. */
	static String clientVersion() {
		String version = VersionCommand.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "development";
	}

	@Override
	public Integer call() {
		Output output = this.root.output();
		if (output.format() == OutputFormat.table) {
			this.root.io().out().println("client " + clientVersion());
		}
		ServerInfo server;
		try (RouterHostsClient client = this.root.connect()) {
			server = client.health().getServer();
		}
		output.record("server " + server.getBuildInfo(),
				Table.of(Table.column("client"), Table.column("server"), Table.column("server_build_info"))
					.row(clientVersion(), server.getVersion(), server.getBuildInfo()));
		return ExitCodes.OK;
	}

}
