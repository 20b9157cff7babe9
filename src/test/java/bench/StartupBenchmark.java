package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.testing.ImageCommands;
import dev.vigil.testing.Ports;
import dev.vigil.testing.VigilProcess;

import org.springframework.util.FileSystemUtils;

/**
 * Start time and idle memory of three ways to start the packaged jar, side by side in one run:
 * {@code java -jar} on the fat jar, the extracted jar ({@code -Djarmode=tools extract}), and the
 * image's own command ({@link ImageCommands}: extraction, class-data training run, {@code ENV} and
 * {@code ENTRYPOINT}). Each start gets a fresh data directory, so each migrates its database. Time
 * to ready: from process start to the first {@code /readyz} 200. RSS idle: resident memory after
 * that answer and {@value #IDLE_SECONDS} s of idleness. The rounds interleave the three ways;
 * medians of {@value #ROUNDS}. Run it with {@code ./mvnw -Pbenchmark -DskipTests verify} (or
 * {@code exec:java@startup} after {@code package}); see {@code docs/benchmarks.md}.
 */
public final class StartupBenchmark {

	private static final int ROUNDS = 7;

	private static final int IDLE_SECONDS = 5;

	private StartupBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path work = Files.createTempDirectory("vigil-startup");
		try {
			ImageCommands image = ImageCommands.read(Path.of("Dockerfile"));
			Path jar = ImageCommands.packagedJar();
			image.assemble(jar, work);
			// The image's /app: the extracted layers merged, plus the class-data archive.
			Path app = work.resolve("app");
			List<String> dataVariables = List.of("SPRING_DATASOURCE_URL", "VIGIL_HOSTS_FILE_PATH", "VIGIL_MODELS_DIRECTORY");
			Map<String, Way> ways = new LinkedHashMap<>();
			ways.put("fat jar: java -jar", new Way(List.of(VigilProcess.java(), "-jar", jar.toAbsolutePath().toString()),
					Path.of("."), only(image.environment(), dataVariables)));
			ways.put("extracted jar", new Way(List.of(VigilProcess.java(), "-jar", "vigil.jar"), app,
					only(image.environment(), dataVariables)));
			ways.put("image command (extracted + CDS + JVM options)", new Way(image.entrypoint(), app, image.environment()));

			Map<String, List<Sample>> samples = new LinkedHashMap<>();
			ways.keySet().forEach((name) -> samples.put(name, new ArrayList<>()));
			for (int round = 0; round < ROUNDS; round++) {
				for (Map.Entry<String, Way> way : ways.entrySet()) {
					samples.get(way.getKey()).add(start(way.getValue(), work));
				}
			}
			report(samples);
		}
		finally {
			FileSystemUtils.deleteRecursively(work);
		}
	}

	private static Sample start(Way way, Path work) throws IOException, InterruptedException {
		Path data = work.resolve("data");
		FileSystemUtils.deleteRecursively(data);
		Files.createDirectories(data);
		Map<String, String> environment = new LinkedHashMap<>(way.environment());
		environment.replaceAll((name, value) -> value.replace("/data", data.toString()));
		int httpPort = Ports.free();
		environment.put("SERVER_PORT", Integer.toString(httpPort));
		environment.put("SPRING_GRPC_SERVER_PORT", Integer.toString(Ports.free()));
		try (VigilProcess vigil = VigilProcess.start(way.command(), way.directory(), environment, httpPort,
				work.resolve("startup.log"))) {
			Duration ready = vigil.awaitReady(Duration.ofMinutes(2));
			Thread.sleep(Duration.ofSeconds(IDLE_SECONDS).toMillis());
			long rss = vigil.residentBytes();
			if (!vigil.stop()) {
				throw new IllegalStateException("did not stop on SIGTERM: " + way.command());
			}
			return new Sample(ready.toMillis(), rss);
		}
	}

	private static void report(Map<String, List<Sample>> samples) {
		System.out.printf("%n| how it starts | to ready (median) | RSS idle (median) | to ready, each start (ms) | RSS, each (MB) |%n");
		System.out.println("|---|---:|---:|---|---|");
		Map<String, Sample> medians = new LinkedHashMap<>();
		samples.forEach((name, list) -> {
			long ready = median(list.stream().map(Sample::readyMillis).toList());
			long rss = median(list.stream().map(Sample::rssBytes).toList());
			medians.put(name, new Sample(ready, rss));
			System.out.printf("| %s | %.2f s | %d MB | %s | %s |%n", name, ready / 1000.0, rss >> 20,
					list.stream().map((sample) -> Long.toString(sample.readyMillis())).toList(),
					list.stream().map((sample) -> Long.toString(sample.rssBytes() >> 20)).toList());
		});
		List<Sample> ordered = new ArrayList<>(medians.values());
		Sample fat = ordered.get(0);
		Sample imageCommand = ordered.get(ordered.size() - 1);
		System.out.printf("%nimage command ÷ fat jar: to ready %.2f×, RSS idle %.2f×%n",
				(double) imageCommand.readyMillis() / fat.readyMillis(), (double) imageCommand.rssBytes() / fat.rssBytes());
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
		return sorted.get(sorted.size() / 2);
	}

	private static Map<String, String> only(Map<String, String> environment, List<String> names) {
		Map<String, String> kept = new LinkedHashMap<>(environment);
		kept.keySet().retainAll(names);
		return kept;
	}

	private record Way(List<String> command, Path directory, Map<String, String> environment) {
	}

	private record Sample(long readyMillis, long rssBytes) {
	}

}
