package dev.vigil.client;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
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

	private static final Pattern SPRING_ARGUMENT = Pattern.compile("(--[A-Za-z][\\w.\\[\\]-]*)=.*|--debug|--trace");

	private static final Set<String> OPTIONS_WITH_VALUES = Set.of("--server", "--token", "--token-file", "--ca", "--cert",
			"--key", "--config", "--timeout", "-f", "--format");

	private VigilCommandLine() {
	}

	/**
	 * Whether these arguments start the server rather than run a command: a {@code --name=value}
	 * whose name is one of the command line's own options ({@code --token=…}) is the command line's.
	 */
	public static boolean startsServer(String[] args) {
		for (String arg : args) {
			Matcher spring = SPRING_ARGUMENT.matcher(arg);
			if (!spring.matches() || (spring.group(1) != null && OPTIONS_WITH_VALUES.contains(spring.group(1)))) {
				return false;
			}
		}
		return true;
	}

	/** Runs the command the arguments name and returns its exit code; never throws. */
	public static int run(String[] args, CommandIo io) {
		RootCommand root = new RootCommand(io);
		CommandLine commandLine = new CommandLine(root);
		Map<String, Supplier<Object>> commands = commands(root);
		String named = commandWord(args, commands.keySet());
		// picocli builds each command's model by reflection at every start: only the one named is
		// needed, unless the line names none (usage, suggestions) or asks for completion (all).
		if (named != null && !named.equals("completion")) {
			commandLine.addSubcommand(commands.get(named).get());
		}
		else {
			commands.values().forEach((command) -> commandLine.addSubcommand(command.get()));
		}
		commandLine.setOut(new PrintWriter(io.out(), true, StandardCharsets.UTF_8))
			.setErr(new PrintWriter(io.err(), true, StandardCharsets.UTF_8))
			.setExecutionExceptionHandler((failure, command, parsed) -> root.failed(failure))
			.setParameterExceptionHandler((failure, arguments) -> usage(failure, arguments, io));
		return commandLine.execute(args);
	}

	private static Map<String, Supplier<Object>> commands(RootCommand root) {
		Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
		commands.put("host", () -> new HostCommands(root));
		commands.put("snapshot", () -> new SnapshotCommands(root));
		commands.put("changes", () -> new HistoryCommands.ChangesCommand(root));
		commands.put("compact", () -> new HistoryCommands.CompactCommand(root));
		commands.put("server", () -> new ServerCommands(root));
		commands.put("render", () -> new RenderCommand(root));
		commands.put("watch", () -> new WatchCommand(root));
		commands.put("version", () -> new VersionCommand(root));
		commands.put("token", () -> new TokenCommand(root));
		commands.put("probe", () -> new ProbeCommand(root));
		commands.put("completion", () -> new CompletionCommand(root));
		return commands;
	}

	/** The first argument that names a command and is not a global option's value, or null. */
	private static String commandWord(String[] args, Set<String> names) {
		for (int i = 0; i < args.length; i++) {
			boolean optionValue = i > 0 && OPTIONS_WITH_VALUES.contains(args[i - 1]);
			if (!optionValue && names.contains(args[i])) {
				return args[i];
			}
		}
		return null;
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
