package bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.testing.ImageCommands;
import dev.vigil.testing.VigilProcess;

/**
 * What the image's runtime and JVM options cost once Vigil is up: the probe, hosts API and
 * inference benchmarks, each run in a JVM of its own per runtime, the runtimes interleaved in one
 * run. One runtime is the image's before issue 25 (Java 17 with its collector and heap options,
 * C2 on); then the image's {@code ENTRYPOINT} today (its JVM, {@link ImageCommands#runtimeJava()}, with every
 * option but the ahead-of-time cache, which is valid only for the image's own class path), as it
 * is and with C1 alone ({@code -XX:TieredStopAtLevel=1}), the option that starts it 0.1 s sooner.
 * In-process benchmarks run their clients in the same JVM, on the same options. Each benchmark
 * prints its own tables; {@code -Dbench.*} properties pass through to each. Run it with
 * {@code ./mvnw -Pbenchmark -DskipTests test-compile exec:java@runtime}; see {@code docs/benchmarks.md}.
 */
public final class RuntimeBenchmark {

	private static final List<String> BENCHMARKS = List.of(ProbeLoadHarness.class.getName(),
			HostsApiBenchmark.class.getName(), IpcInferenceBenchmark.class.getName());

	private RuntimeBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 1) {
			// In a child JVM: the benchmark's main returns with its servers' threads still alive
			// (exec:java leaves them to Maven), so this JVM ends when the benchmark does.
			Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
			System.exit(0);
		}
		List<String> image = ImageCommands.read(Path.of("Dockerfile")).entrypoint(ImageCommands.runtimeJava());
		Map<String, List<String>> runtimes = new LinkedHashMap<>();
		runtimes.put("Java 17, C2 (the image before)",
				List.of(VigilProcess.java(), "-XX:+UseSerialGC", "-Xms32m", "-XX:MaxRAMPercentage=75.0"));
		// Neither start-up option changes the running server: the cache holds the image's class path
		// only, and Spring AOT's definitions fit the image's own main class and settings, not these
		// benchmarks' contexts.
		List<String> options = image.subList(0, image.indexOf("-jar"))
			.stream()
			.filter((option) -> !option.startsWith("-XX:AOTCache=") && !option.startsWith("-Dspring.aot.enabled="))
			.toList();
		runtimes.put("Java 25, the image's options", options);
		runtimes.put("Java 25, the image's options with C1 alone", ImageCommands.withC1Alone(options));
		List<String> passed = System.getProperties()
			.stringPropertyNames()
			.stream()
			.filter((name) -> name.startsWith("bench."))
			.map((name) -> "-D" + name + "=" + System.getProperty(name))
			.toList();
		String classpath = ChildJvm.classpath();
		for (String benchmark : System.getProperty("bench.runtime.benchmarks", String.join(",", BENCHMARKS)).split(",")) {
			for (Map.Entry<String, List<String>> runtime : runtimes.entrySet()) {
				System.out.printf("%n## %s on %s: %s%n", benchmark, runtime.getKey(), String.join(" ", runtime.getValue()));
				List<String> command = new ArrayList<>(runtime.getValue());
				command.addAll(passed);
				command.addAll(List.of("-cp", classpath, RuntimeBenchmark.class.getName(), benchmark));
				int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
				if (exit != 0) {
					throw new IllegalStateException(benchmark + " exited " + exit + " on " + runtime.getKey());
				}
			}
		}
	}

}
