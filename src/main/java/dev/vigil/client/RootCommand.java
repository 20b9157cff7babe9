package dev.vigil.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import dev.vigil.support.OneLine;

/**
 * {@code vigil}: the jar's command line. Holds the options every command shares (they may stand
 * anywhere on the line), resolves them into {@link ClientSettings} and an {@link Output}, and turns
 * a failure into one line and an exit code. Without a command it prints the usage.
 */
@Command(name = "vigil", usageHelpAutoWidth = true,
		description = "Manage a Vigil (router_hosts.v1) server, and keep resolvers in step with it.",
		footer = { "", "Exit codes: 0 done; 1 the server said no (or not alive, not ready, unhealthy);",
				"2 wrong arguments or configuration, or no answer from the server." })
final class RootCommand implements Callable<Integer> {

	private final CommandIo io;

	@Spec
	private CommandSpec spec;

	@Option(names = "--server", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
			description = "The server's gRPC address (https://… for TLS with the system's CAs). Default: VIGIL_SERVER, the config file, then localhost:9090.")
	private String server;

	@Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
			description = "API token. Default: VIGIL_TOKEN, then VIGIL_TOKEN_FILE. Prefer --token-file: a flag is visible to other users in ps.")
	private String token;

	@Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT, description = "A file that holds the API token.")
	private Path tokenFile;

	@Option(names = "--ca", paramLabel = "FILE", scope = ScopeType.INHERIT,
			description = "The CA (PEM) that signed the server's certificate; turns TLS on. Default: VIGIL_CA, then [tls] ca_cert_path.")
	private Path ca;

	@Option(names = "--cert", paramLabel = "FILE", scope = ScopeType.INHERIT,
			description = "Client certificate (PEM); turns TLS on. Default: VIGIL_CERT, then [tls] cert_path.")
	private Path cert;

	@Option(names = "--key", paramLabel = "FILE", scope = ScopeType.INHERIT,
			description = "The client certificate's key (PEM, PKCS#8). Default: VIGIL_KEY, then [tls] key_path.")
	private Path key;

	@Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
			description = "Client configuration (TOML). Default: VIGIL_CONFIG, then $XDG_CONFIG_HOME/vigil/client.toml.")
	private Path config;

	@Option(names = "--timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT, converter = DurationConverter.class,
			description = "Deadline of each call (30s, 500ms). Default: 30s.")
	private Duration timeout;

	@Option(names = { "-f", "--format" }, paramLabel = "FORMAT", scope = ScopeType.INHERIT,
			description = "table, json or csv (hosts, json or csv for import and export). Default: table on a terminal, json in a pipe.")
	private OutputFormat format;

	@Option(names = { "-q", "--quiet" }, scope = ScopeType.INHERIT, description = "Print only what a script needs (the id of what was made).")
	private boolean quiet;

	@Option(names = { "-v", "--verbose" }, scope = ScopeType.INHERIT, description = "Say where and how the command connects (never the token).")
	private boolean verbose;

	@Option(names = { "-h", "--help" }, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
	private boolean help;

	/** The server the command last resolved, for the line that says it could not be reached. */
	private String reached;

	RootCommand(CommandIo io) {
		this.io = io;
	}

	@Override
	public Integer call() {
		this.spec.commandLine().usage(this.io.err());
		return ExitCodes.USAGE;
	}

	CommandIo io() {
		return this.io;
	}

	/** The settings the flags, the environment and the configuration file give, in that order. */
	ClientSettings settings(String serverOverride) {
		ClientSettings settings = ClientSettings.resolve(new ClientSettings.Flags(
				(serverOverride != null) ? serverOverride : this.server, this.token, this.tokenFile, this.ca, this.cert,
				this.key, this.config, this.timeout), this.io.env());
		if (this.verbose) {
			this.io.err().println(settings);
		}
		this.reached = settings.server();
		return settings;
	}

	/** A client for the server these options name. */
	RouterHostsClient connect() {
		return settings(null).connect();
	}

	/** The answer's writer: the format asked for, else a table on a terminal and JSON in a pipe. */
	Output output() {
		if (this.format == OutputFormat.hosts) {
			throw new CommandException("--format hosts is for host import and host export; use table, json or csv");
		}
		return summaryOutput();
	}

	/**
	 * The writer of a summary after a document moved in the format {@code -f} named: that format
	 * where it can hold an answer, else the default.
	 */
	Output summaryOutput() {
		OutputFormat chosen = (this.format != null && this.format != OutputFormat.hosts) ? this.format
				: (this.io.terminal() ? OutputFormat.table : OutputFormat.json);
		return new Output(this.io.out(), chosen, this.quiet);
	}

	/** The format asked for, or null: for the commands that move documents rather than print answers. */
	OutputFormat requestedFormat() {
		return this.format;
	}

	boolean quiet() {
		return this.quiet;
	}

	/** A failure as one line on stderr and its exit code: 1 when the server said no, 2 otherwise. */
	int failed(Exception failure) {
		if (failure instanceof StatusRuntimeException status) {
			Status.Code code = status.getStatus().getCode();
			String description = OneLine.of(status.getStatus().getDescription());
			if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
				this.io.err().println("cannot reach the server at " + this.reached + ": " + code
						+ (description.isEmpty() ? "" : " " + description));
				return ExitCodes.USAGE;
			}
			this.io.err().println(code + (description.isEmpty() ? "" : ": " + description));
			return ExitCodes.REFUSED;
		}
		this.io.err().println((failure instanceof CommandException) ? failure.getMessage() : "error: " + OneLine.withType(failure));
		return ExitCodes.USAGE;
	}

}
