package dev.vigil.models;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.support.OneLine;

import org.springframework.util.function.SingletonSupplier;

/**
 * The loaded models, each with its own ONNX Runtime session. Models load from the configured
 * directory at startup and through the API; a model that fails to load stays listed in ERROR with
 * its error until it is loaded again or unloaded.
 */
class ModelRegistry implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ModelRegistry.class);

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private static final String EXTENSION = ".onnx";

	private final ModelsProperties properties;

	private final MeterRegistry meters;

	private final Clock clock;

	// Made with the first model: creating it unpacks and loads ONNX Runtime's native library, a
	// cost of start time and resident memory (docs/benchmarks.md) a Vigil without models never needs.
	// ONNX Runtime's own log goes to stderr, outside Vigil's log; its ERROR lines only repeat what
	// every failed run returns as an exception (a cancelled run, say), which Vigil reports itself.
	private final SingletonSupplier<OrtEnvironment> environment = SingletonSupplier
		.of(() -> OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL));

	private final Map<String, ModelEntry> models = new ConcurrentHashMap<>();

	private final Map<String, Gauge> memoryGauges = new ConcurrentHashMap<>();

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	private final AtomicLong handles = new AtomicLong();

	ModelRegistry(ModelsProperties properties, MeterRegistry meters, Clock clock) {
		this.properties = properties;
		this.meters = meters;
		this.clock = clock;
		Gauge.builder("vigil.models.loaded", this, ModelRegistry::loadedCount)
			.description("Models in state READY")
			.register(meters);
	}

	/** Runs {@code listener} after any model changes state. */
	void onChange(Runnable listener) {
		this.listeners.add(listener);
	}

	/** Loads every {@code *.onnx} file of the models directory; one that fails is listed in ERROR. */
	void loadDirectory() {
		Path directory = this.properties.directory();
		if (!Files.isDirectory(directory)) {
			logger.info("models.directory.absent path={}", directory);
			return;
		}
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + EXTENSION)) {
			stream.forEach(files::add);
		}
		catch (IOException ex) {
			logger.warn("models.directory.unreadable path={} error=\"{}\"", directory, ex.getMessage());
			return;
		}
		files.sort(Comparator.naturalOrder());
		for (Path file : files) {
			String fileName = file.getFileName().toString();
			try {
				load(fileName.substring(0, fileName.length() - EXTENSION.length()), fileName);
			}
			catch (ModelsException ex) {
				// Already logged and listed in ERROR; the others still load.
			}
		}
	}

	/**
	 * Loads a model from a file of the models directory ({@code name.onnx} unless named). Returns
	 * once it is READY; a model that cannot be loaded is listed in ERROR and the call fails.
	 */
	ModelEntry load(String name, String fileName) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new ModelsException(ModelsException.Reason.INVALID,
					"name: must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
		}
		String requested = (fileName == null || fileName.isEmpty()) ? name + EXTENSION : fileName;
		Path file = resolve(requested);
		long size;
		try {
			size = Files.size(file);
		}
		catch (IOException ex) {
			throw new ModelsException(ModelsException.Reason.NOT_FOUND,
					"no model file '" + requested + "' in the models directory");
		}
		ModelEntry entry = new ModelEntry(this.handles.incrementAndGet(), name, file, size);
		ModelEntry existing = this.models.putIfAbsent(name, entry);
		if (existing != null && !(existing.state() == ModelState.ERROR && this.models.replace(name, existing, entry))) {
			throw new ModelsException(ModelsException.Reason.ALREADY_EXISTS,
					"model '" + name + "' is already " + existing.state().name().toLowerCase(Locale.ROOT));
		}
		changed();
		try {
			OrtSession.SessionOptions options = new OrtSession.SessionOptions();
			options.setIntraOpNumThreads(this.properties.intraOpThreads());
			OrtSession session = environment().createSession(file.toString(), options);
			entry.ready(session, specs(session.getInputInfo()), List.copyOf(specs(session.getOutputInfo()).values()),
					this.clock.instant());
		}
		catch (OrtException | RuntimeException ex) {
			String error = OneLine.of(ex);
			entry.failed(error);
			changed();
			logger.warn("model.load name={} result=ERROR error=\"{}\"", name, error);
			throw new ModelsException(ModelsException.Reason.INVALID,
					"model '" + name + "' could not be loaded: " + error);
		}
		this.memoryGauges.put(name, Gauge.builder("vigil.model.memory", entry, ModelEntry::memoryBytes)
			.description("Memory attributed to each model (its weights)")
			.baseUnit("bytes")
			.tag("model", name)
			.register(this.meters));
		logger.info("model.load name={} result=READY sizeBytes={} inputs={}", name, size, entry.inputs().keySet());
		changed();
		return entry;
	}

	/**
	 * Unloads a model: it takes no new inferences at once, and its session closes when the ones
	 * running end.
	 */
	void unload(String name) {
		ModelEntry entry = get(name);
		entry.unload(() -> {
			this.models.remove(name, entry);
			Gauge gauge = this.memoryGauges.remove(name);
			if (gauge != null) {
				this.meters.remove(gauge);
			}
			logger.info("model.unload name={}", name);
			changed();
		});
		if (entry.state() == ModelState.ERROR) {
			this.models.remove(name, entry);
		}
		changed();
	}

	/** The named model, whatever its state. */
	ModelEntry get(String name) {
		ModelEntry entry = (name != null) ? this.models.get(name) : null;
		if (entry == null) {
			throw new ModelsException(ModelsException.Reason.NOT_FOUND, "model '" + name + "' is not loaded");
		}
		return entry;
	}

	/** Every model, by name. */
	List<ModelEntry> list() {
		return this.models.values().stream().sorted(Comparator.comparing(ModelEntry::name)).toList();
	}

	int loadedCount() {
		return (int) this.models.values().stream().filter((entry) -> entry.state() == ModelState.READY).count();
	}

	long memoryUsedBytes() {
		return this.models.values().stream().mapToLong(ModelEntry::memoryBytes).sum();
	}

	/** ONNX Runtime's environment, made on first use. */
	OrtEnvironment environment() {
		return this.environment.obtain();
	}

	@Override
	public void close() {
		this.models.values().forEach((entry) -> entry.unload(() -> {
		}));
		this.models.clear();
	}

	private Path resolve(String fileName) {
		Path directory = this.properties.directory().toAbsolutePath().normalize();
		Path file = directory.resolve(fileName).normalize();
		if (!file.startsWith(directory) || file.equals(directory)) {
			throw new ModelsException(ModelsException.Reason.INVALID, "file: must name a file inside the models directory");
		}
		return file;
	}

	private void changed() {
		this.listeners.forEach(Runnable::run);
	}

	/** By name: ONNX Runtime does not report them in one stable order. */
	private static Map<String, TensorSpec> specs(Map<String, NodeInfo> nodes) {
		Map<String, TensorSpec> specs = new LinkedHashMap<>();
		for (String name : new TreeSet<>(nodes.keySet())) {
			NodeInfo node = nodes.get(name);
			if (node.getInfo() instanceof TensorInfo tensor) {
				specs.put(node.getName(), new TensorSpec(node.getName(), TensorType.of(tensor.type), tensor.getShape(),
						tensor.getDimensionNames()));
			}
			else {
				specs.put(node.getName(), new TensorSpec(node.getName(), null, new long[0], new String[0]));
			}
		}
		return specs;
	}

}
