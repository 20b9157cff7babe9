package dev.vigil.client;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The jar's command line ({@code vigil host list}, {@code vigil probe readiness}, …), which starts
 * no Spring context, and the rule that tells it from a server start: the server starts with no
 * arguments or with Spring's {@code --name=value} arguments alone, as the image's entry point and
 * {@code spring-boot:run} pass them; anything else is a command, and an unknown one prints the
 * usage and exits 2.
 */
public final class VigilCommandLine {

	private static final Pattern SPRING_ARGUMENT = Pattern.compile("--[A-Za-z][\\w.\\[\\]-]*=.*|--debug|--trace");

	private static final Pattern TOKEN_FLAG = Pattern.compile("--token(=.*)?");

	private VigilCommandLine() {
	}

	/** Whether these arguments start the server rather than run a command. */
	public static boolean startsServer(String[] args) {
		for (String arg : args) {
			if (!SPRING_ARGUMENT.matcher(arg).matches() || TOKEN_FLAG.matcher(arg).matches()) {
				return false;
			}
		}
		return true;
	}

	/** Runs the command the arguments name and returns its exit code; never throws. */
	public static int run(String[] args, CommandIo io) {
		RootCommand root = new RootCommand(io);
		CommandLine commandLine = new CommandLine(root);
		for (Object command : List.of(new HostCommands(root), new SnapshotCommands(root), new ServerCommands(root),
				new RenderCommand(root), new WatchCommand(root), new VersionCommand(root), new TokenCommand(root),
				new ProbeCommand(root), new CompletionCommand(root))) {
			commandLine.addSubcommand(command);
		}
		commandLine.setOut(new PrintWriter(io.out(), true, StandardCharsets.UTF_8))
			.setErr(new PrintWriter(io.err(), true, StandardCharsets.UTF_8))
			.setExecutionExceptionHandler((failure, command, parsed) -> root.failed(failure))
			.setParameterExceptionHandler((failure, arguments) -> usage(failure, arguments, io));
		return commandLine.execute(args);
	}

	/** Wrong arguments: what is wrong (without a token's value), a suggestion, then the usage. */
	private static int usage(ParameterException failure, String[] arguments, CommandIo io) {
		io.err().println(redacted(failure.getMessage(), arguments));
		UnmatchedArgumentException.printSuggestions(failure, io.err());
		failure.getCommandLine().usage(io.err());
		return ExitCodes.USAGE;
	}

	private static String redacted(String message, String[] arguments) {
		String text = message;
		for (int i = 0; i < arguments.length; i++) {
			String secret = null;
			if (arguments[i].equals("--token") && i + 1 < arguments.length) {
				secret = arguments[i + 1];
			}
			else if (arguments[i].startsWith("--token=")) {
				secret = arguments[i].substring("--token=".length());
			}
			if (secret != null && !secret.isEmpty()) {
				text = text.replace(secret, "******");
			}
		}
		return text;
	}

}
