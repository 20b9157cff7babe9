package dev.vigil.client;

/**
 * A command that cannot run as asked: wrong arguments, a configuration file that does not parse, a
 * file that cannot be read. Exits {@link ExitCodes#USAGE} with its one-line message.
 */
final class CommandException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	CommandException(String message) {
		super(message);
	}

}
