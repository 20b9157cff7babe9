package bench;

import java.util.List;

/** What a benchmark is told on its command line beyond its defaults. */
final class BenchProperties {

	private BenchProperties() {
	}

	/** The system property {@code name} as a space-separated list (JVM options, Vigil settings); empty when unset. */
	static List<String> words(String name) {
		return List.of(System.getProperty(name, "").split(" ")).stream().filter((word) -> !word.isBlank()).toList();
	}

}
