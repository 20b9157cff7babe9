package dev.vigil.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The jar's commands' {@code --option value} pairs, and their exit codes: 0 done (alive, ready,
 * healthy), 1 the server said no, 2 wrong arguments or no answer.
 */
final class CommandOptions {

	static final int OK = 0;

	static final int NOT_OK = 1;

	static final int ERROR = 2;

	private CommandOptions() {
	}

	/** The options among {@code args}, each of {@code allowed}; wrong arguments throw IllegalArgumentException. */
	static Map<String, String> parse(List<String> args, Set<String> allowed) {
		Deque<String> rest = new ArrayDeque<>(args);
		Map<String, String> options = new LinkedHashMap<>();
		while (!rest.isEmpty()) {
			String option = rest.poll();
			String value = rest.poll();
			if (value == null) {
				throw new IllegalArgumentException("missing value for " + option);
			}
			if (!allowed.contains(option)) {
				throw new IllegalArgumentException("unknown option " + option);
			}
			options.put(option, value);
		}
		return options;
	}

}
