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
import dev.vigil.testing.Podman;
import dev.vigil.testing.Ports;
import dev.vigil.testing.SystemCommands;
import dev.vigil.testing.VigilProcess;

import org.springframework.util.FileSystemUtils;

/**
 * Start time and idle memory of the ways to start the packaged jar, side by side in one run:
 * {@code java -jar} on the fat jar (this JVM), the extracted jar ({@code -Djarmode=tools extract})
 * on the image's runtime ({@link ImageCommands#runtimeJava()}), the image's own command as a bare
 * process ({@link ImageCommands}: extraction, the ahead-of-time cache's training run, {@code ENV}
 * and {@code ENTRYPOINT}), the same with C1 alone ({@code -XX:TieredStopAtLevel=1}), and, where podman and
 * the stand-in bases are there, the image itself: built from the Dockerfile and started with
 * {@code podman run} as the Helm chart runs it, with a network of its own and in a pod whose network
 * exists already. Each start gets a fresh data directory, so each
 * migrates its database. Time to ready: from process start (of {@code podman run}, for the image)
 * to the first {@code /readyz} 200. RSS idle: the JVM's resident memory after that answer and
 * {@value #IDLE_SECONDS} s of idleness. The rounds interleave the ways; medians of
 * {@value #ROUNDS}. Run it with {@code exec:java@startup} after {@code ./mvnw -DskipTests package};
 * see {@code docs/benchmarks.md}.
 */
public final class StartupBenchmark {

	private static final int ROUNDS = 5;

	private static final String IMAGE = "localhost/vigil:startup-benchmark";

	private static final int IDLE_SECONDS = 5;

	private StartupBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path work = Files.createTempDirectory("vigil-startup");
		try {
			ImageCommands image = ImageCommands.read(Path.of("Dockerfile"));
			Path jar = ImageCommands.packagedJar();
			String java = ImageCommands.runtimeJava();
			image.assemble(jar, work, java);
			// The image's /app: the extracted layers merged, plus the ahead-of-time cache.
			Path app = work.resolve("app");
			List<String> dataVariables = List.of("SPRING_DATASOURCE_URL", "VIGIL_HOSTS_FILE_PATH", "VIGIL_MODELS_DIRECTORY");
			Map<String, String> dataOnly = only(image.environment(), dataVariables);
			List<String> entrypoint = image.entrypoint(java);
			Map<String, Way> ways = new LinkedHashMap<>();
			ways.put("fat jar: java -jar, Java " + Runtime.version().feature(),
					process(List.of(VigilProcess.java(), "-jar", jar.toAbsolutePath().toString()), Path.of("."), dataOnly));
			ways.put("extracted jar, the image's Java", process(List.of(java, "-jar", "vigil.jar"), app, dataOnly));
			ways.put("image command, C1 alone (-XX:TieredStopAtLevel=1)", process(ImageCommands.withC1Alone(entrypoint), app, image.environment()));
			ways.put("image command, bare process", process(entrypoint, app, image.environment()));
			if (imageBuilt()) {
				ways.put("the image: podman run", StartupBenchmark::podmanRun);
				ways.put("the image: podman run --pod, the pod's network made first", StartupBenchmark::podmanRunInPod);
			}
			else {
				System.out.println("podman or the stand-in base images are missing (.ci/image-bases): the image is not timed");
			}

			Map<String, List<Sample>> samples = new LinkedHashMap<>();
			ways.keySet().forEach((name) -> samples.put(name, new ArrayList<>()));
			for (int round = 0; round < ROUNDS; round++) {
				for (Map.Entry<String, Way> way : ways.entrySet()) {
					samples.get(way.getKey()).add(way.getValue().start(work));
				}
			}
			report(samples);
		}
		finally {
			FileSystemUtils.deleteRecursively(work);
			if (SystemCommands.installed("podman")) {
				Podman.run(Duration.ofMinutes(1), "rmi", "-f", IMAGE);
			}
		}
	}

	private static boolean imageBuilt() throws IOException, InterruptedException {
		if (!SystemCommands.installed("podman")
				|| Podman.run(Duration.ofMinutes(1), "image", "exists", Podman.RUNTIME_BASE).exit() != 0) {
			return false;
		}
		SystemCommands.Result build = Podman.build(IMAGE, Duration.ofMinutes(10));
		if (build.exit() != 0) {
			throw new IllegalStateException("podman build: " + build.output());
		}
		return true;
	}

	private static Way process(List<String> command, Path directory, Map<String, String> variables) {
		return (work) -> {
			Path data = freshData(work);
			Map<String, String> environment = new LinkedHashMap<>(variables);
			environment.replaceAll((name, value) -> value.replace("/data", data.toString()));
			int httpPort = Ports.free();
			environment.put("SERVER_PORT", Integer.toString(httpPort));
			environment.put("SPRING_GRPC_SERVER_PORT", Integer.toString(Ports.free()));
			try (VigilProcess vigil = VigilProcess.start(command, directory, environment, httpPort, work.resolve("startup.log"))) {
				return sample(vigil, command, vigil::residentBytes);
			}
		};
	}

	/** The image as the chart runs it: read-only root, /tmp and /data volumes, no capabilities, a memory limit. */
	private static Sample podmanRun(Path work) throws Exception {
		int httpPort = Ports.free();
		return podmanRun(work, httpPort, List.of("-p", "127.0.0.1:" + httpPort + ":8080"));
	}

	/**
	 * The same, started in a pod whose network (and published port) exists already: a kubelet sets
	 * up a pod's sandbox before it starts the pod's containers, and keeps it when it restarts one,
	 * so this is the start a restarted container makes. Timed from {@code podman run}, as above.
	 */
	private static Sample podmanRunInPod(Path work) throws Exception {
		int httpPort = Ports.free();
		String pod = "vigil-startup-pod-" + System.nanoTime();
		try {
			podmanOrFail("pod", "create", "--name", pod, "-p", "127.0.0.1:" + httpPort + ":8080");
			podmanOrFail("pod", "start", pod);
			return podmanRun(work, httpPort, List.of("--pod", pod));
		}
		finally {
			Podman.run(Duration.ofMinutes(1), "pod", "rm", "-f", "-t", "0", pod);
		}
	}

	private static void podmanOrFail(String... arguments) throws IOException, InterruptedException {
		SystemCommands.Result result = Podman.run(Duration.ofMinutes(1), arguments);
		if (result.exit() != 0) {
			throw new IllegalStateException("podman " + String.join(" ", arguments) + ": " + result.output());
		}
	}

	private static Sample podmanRun(Path work, int httpPort, List<String> network) throws Exception {
		Path data = freshData(work);
		Files.setAttribute(data, "unix:uid", 10001);
		String name = "vigil-startup-" + System.nanoTime();
		List<String> command = new ArrayList<>(List.of("podman", "run", "--rm", "--name", name, "--read-only", "--tmpfs",
				"/tmp", "-v", data + ":/data", "--cap-drop=ALL", "--security-opt=no-new-privileges", "--memory=768m"));
		command.addAll(network);
		command.add(IMAGE);
		try (VigilProcess podman = VigilProcess.start(command, work, Map.of(), httpPort, work.resolve("startup.log"))) {
			return sample(podman, command, () -> {
				String pid = Podman.run(Duration.ofSeconds(30), "inspect", "-f", "{{.State.Pid}}", name).output().strip();
				return VigilProcess.residentBytes(Long.parseLong(pid));
			});
		}
		finally {
			Podman.run(Duration.ofMinutes(1), "rm", "-f", "-t", "0", name);
		}
	}

	private static Sample sample(VigilProcess vigil, List<String> command, ResidentMemory memory) throws Exception {
		Duration ready = vigil.awaitReady(Duration.ofMinutes(2));
		Thread.sleep(Duration.ofSeconds(IDLE_SECONDS).toMillis());
		long rss = memory.bytes();
		if (!vigil.stop()) {
			throw new IllegalStateException("did not stop on SIGTERM: " + command);
		}
		return new Sample(ready.toMillis(), rss);
	}

	private static Path freshData(Path work) throws IOException {
		Path data = work.resolve("data");
		FileSystemUtils.deleteRecursively(data);
		return Files.createDirectories(data);
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
		medians.forEach((name, median) -> System.out.printf("%s ÷ fat jar: to ready %.2f×, RSS idle %.2f×%n", name,
				(double) median.readyMillis() / fat.readyMillis(), (double) median.rssBytes() / fat.rssBytes()));
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

	/** One way to start Vigil: starts it once, in {@code work}, and measures it. */
	private interface Way {

		Sample start(Path work) throws Exception;

	}

	private interface ResidentMemory {

		long bytes() throws Exception;

	}

	private record Sample(long readyMillis, long rssBytes) {
	}

}
