package dev.vigil.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

/**
 * The Dockerfile's commands, run on the packaged jar where no Docker engine runs: the layer
 * extraction of the {@code layers} stage, the final stage's {@code COPY}s in their order and its
 * {@code RUN} steps in {@code /app} (the training run), its {@code ENV} and its
 * {@code ENTRYPOINT}. The image test and the startup benchmark both start Vigil this way, so both
 * follow the file as it is.
 */
public final class ImageCommands {

	/** A {@code COPY} of files from the build context (scripts) into the working directory. */
	private static final Pattern COPY_FROM_CONTEXT = Pattern.compile("COPY ((?:src/\\S+ )+)\\./");

	private static final Pattern COPY_FROM_LAYERS = Pattern.compile("COPY --from=layers /layers/(\\S+)/ \\./");

	private final List<String> instructions;

	private ImageCommands(List<String> instructions) {
		this.instructions = instructions;
	}

	/** The instructions of {@code dockerfile}, with continuation lines joined and comments dropped. */
	public static ImageCommands read(Path dockerfile) {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		try {
			for (String raw : Files.readAllLines(dockerfile)) {
				String line = raw.strip();
				if (line.startsWith("#") || line.isEmpty()) {
					continue;
				}
				if (line.endsWith("\\")) {
					current.append(line, 0, line.length() - 1).append(' ');
					continue;
				}
				instructions.add(current.append(line).toString().replaceAll("\\s+", " "));
				current.setLength(0);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ImageCommands(List.copyOf(instructions));
	}

	public List<String> instructions() {
		return this.instructions;
	}

	/**
	 * Builds the image's {@code /app} in {@code work/app} from {@code jar}: extraction, layer copies
	 * (returned in their order) and script copies, then the final stage's {@code RUN} steps after its
	 * {@code WORKDIR /app}, in {@code work/app}: they must touch nothing outside their directory.
	 * Each runs with {@code java} first on its PATH, as the image's JVM is; a command's output goes
	 * to {@code work/commands.log}.
	 */
	public List<String> assemble(Path jar, Path work, String java) {
		try {
			Path layers = Files.createDirectories(work.resolve("layers"));
			Files.copy(jar, layers.resolve("vigil.jar"));
			List<String> stages = this.instructions.subList(0, this.instructions.size() - finalStage().size());
			for (String line : stages) {
				copyFromContext(line, layers);
			}
			String extract = stages.stream()
				.filter((line) -> line.startsWith("RUN java -Djarmode=tools"))
				.findFirst()
				.orElseThrow()
				.substring("RUN ".length());
			run(layers, extract, work, java);
			List<String> copied = new ArrayList<>();
			Path app = Files.createDirectories(work.resolve("app"));
			boolean inApp = false;
			for (String line : finalStage()) {
				Matcher copy = COPY_FROM_LAYERS.matcher(line);
				if (copy.matches()) {
					copied.add(copy.group(1));
					copyTree(layers.resolve(copy.group(1)), app);
				}
				else if (!copyFromContext(line, app) && line.startsWith("RUN ") && inApp) {
					run(app, line.substring("RUN ".length()), work, java);
				}
				inApp |= line.equals("WORKDIR /app");
			}
			return copied;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Copies the files a {@code COPY src/... ./} names into {@code directory}; false for any other line. */
	private static boolean copyFromContext(String line, Path directory) throws IOException {
		Matcher copy = COPY_FROM_CONTEXT.matcher(line);
		if (!copy.matches()) {
			return false;
		}
		for (String source : copy.group(1).trim().split(" ")) {
			Files.copy(Path.of(source), directory.resolve(Path.of(source).getFileName()));
		}
		return true;
	}

	/** The final stage's {@code ENV} variables. */
	public Map<String, String> environment() {
		Map<String, String> environment = new LinkedHashMap<>();
		Pattern pair = Pattern.compile("(\\w+)=(\\S+)");
		finalStage().stream().filter((line) -> line.startsWith("ENV ")).forEach((line) -> {
			Matcher matcher = pair.matcher(line);
			while (matcher.find()) {
				environment.put(matcher.group(1), matcher.group(2));
			}
		});
		return environment;
	}

	/** The {@code ENTRYPOINT}, with {@code java} as its java. */
	public List<String> entrypoint(String java) {
		String json = this.instructions.stream()
			.filter((line) -> line.startsWith("ENTRYPOINT "))
			.reduce((first, second) -> second)
			.orElseThrow()
			.substring("ENTRYPOINT ".length());
		List<String> command = new ArrayList<>(List.of(JsonMapper.builder().build().readValue(json, String[].class)));
		command.set(0, java);
		return command;
	}

	/** The {@code ENTRYPOINT}'s JVM options: what stands between its java and {@code -jar}. */
	public List<String> entrypointOptions() {
		List<String> command = entrypoint("java");
		return List.copyOf(command.subList(1, command.indexOf("-jar")));
	}

	/** The JVM options the final stage's training run ({@code RUN sh train ...}) starts the server with. */
	public List<String> trainingOptions() {
		String run = finalStage().stream()
			.filter((line) -> line.startsWith("RUN sh train "))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no training run (RUN sh train) in the Dockerfile"));
		return List.of(run.substring("RUN sh train ".length()).split(" && ")[0].split(" "));
	}

	/** {@code command} (a java, its options, then {@code -jar}) with {@code option} first among its options. */
	public static List<String> withOption(List<String> command, String option) {
		List<String> changed = new ArrayList<>(command);
		changed.add(1, option);
		return changed;
	}

	/**
	 * {@code command} with C1 alone ({@code -XX:TieredStopAtLevel=1}): the option the image's start
	 * was measured against.
	 */
	public static List<String> withC1Alone(List<String> command) {
		return withOption(command, "-XX:TieredStopAtLevel=1");
	}

	/** The instructions from the last {@code FROM} on. */
	public List<String> finalStage() {
		int from = 0;
		for (int i = 0; i < this.instructions.size(); i++) {
			if (this.instructions.get(i).startsWith("FROM ")) {
				from = i;
			}
		}
		return this.instructions.subList(from, this.instructions.size());
	}

	/**
	 * A JVM on this host of the image's runtime's version (its base is {@code eclipse-temurin:25-jre}):
	 * {@code -Dbench.image.java}, by default the Temurin 25 JDK these machines have.
	 */
	public static String runtimeJava() {
		return System.getProperty("bench.image.java", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
	}

	/** The packaged jar in {@code target/}. */
	public static Path packagedJar() {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((file) -> file.getFileName().toString().matches("vigil-.*\\.jar"))
				.filter((file) -> !file.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run ./mvnw package"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void run(Path directory, String shellCommand, Path work, String java) throws IOException {
		ProcessBuilder builder = new ProcessBuilder("sh", "-c", shellCommand).directory(directory.toFile());
		builder.environment().put("PATH", Path.of(java).getParent() + File.pathSeparator + System.getenv("PATH"));
		Process process = builder
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("commands.log").toFile()))
			.start();
		try {
			if (!process.waitFor(3, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("timed out: " + shellCommand);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException("interrupted: " + shellCommand, ex);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException("exit code " + process.exitValue() + ": " + shellCommand + "; log: "
					+ work.resolve("commands.log"));
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
	}

}
