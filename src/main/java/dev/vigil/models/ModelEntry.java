package dev.vigil.models;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * One model in the registry: its file, state, ONNX Runtime session and usage. A session is closed
 * only once no inference uses it.
 */
final class ModelEntry {

	private final long handleId;

	private final String name;

	private final Path file;

	private final long sizeBytes;

	private final LongAdder requests = new LongAdder();

	private final LongAdder latencyNanos = new LongAdder();

	private final AtomicInteger users = new AtomicInteger();

	private volatile ModelState state = ModelState.LOADING;

	private volatile String error = "";

	private volatile OrtSession session;

	private volatile Map<String, TensorSpec> inputs = Map.of();

	private volatile List<TensorSpec> outputs = List.of();

	private volatile Instant loadedAt;

	private volatile Runnable onClosed = () -> {
	};

	ModelEntry(long handleId, String name, Path file, long sizeBytes) {
		this.handleId = handleId;
		this.name = name;
		this.file = file;
		this.sizeBytes = sizeBytes;
	}

	/** Unique to this load: a model unloaded and loaded again gets a new one. */
	long handleId() {
		return this.handleId;
	}

	String name() {
		return this.name;
	}

	Path file() {
		return this.file;
	}

	/** The format of every model Vigil serves. */
	String format() {
		return "onnx";
	}

	long sizeBytes() {
		return this.sizeBytes;
	}

	/**
	 * Memory attributed to the model: ONNX Runtime keeps its weights, which are nearly all of the
	 * file, for as long as the session is open. Runtime does not report a session's own use.
	 */
	long memoryBytes() {
		return (this.state == ModelState.READY || this.state == ModelState.UNLOADING) ? this.sizeBytes : 0;
	}

	ModelState state() {
		return this.state;
	}

	String error() {
		return this.error;
	}

	Map<String, TensorSpec> inputs() {
		return this.inputs;
	}

	List<TensorSpec> outputs() {
		return this.outputs;
	}

	Instant loadedAt() {
		return this.loadedAt;
	}

	long requestCount() {
		return this.requests.sum();
	}

	/** Mean inference time in milliseconds, 0 before the first. */
	double averageLatencyMillis() {
		long count = this.requests.sum();
		return (count == 0) ? 0 : this.latencyNanos.sum() / 1e6 / count;
	}

	void ready(OrtSession session, Map<String, TensorSpec> inputs, List<TensorSpec> outputs, Instant at) {
		this.session = session;
		// Kept in the order given: error messages and ListModels list inputs by name.
		this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
		this.outputs = List.copyOf(outputs);
		this.loadedAt = at;
		this.state = ModelState.READY;
	}

	void failed(String error) {
		this.error = error;
		this.state = ModelState.ERROR;
	}

	/** Takes the session for one inference; null when the model is not READY. Pair with {@link #release()}. */
	OrtSession acquire() {
		this.users.incrementAndGet();
		if (this.state != ModelState.READY) {
			release();
			return null;
		}
		return this.session;
	}

	/** Gives back a session taken by {@link #acquire()}, closing it if it was the last use of an unloaded model. */
	void release() {
		if (this.users.decrementAndGet() == 0 && this.state == ModelState.UNLOADING) {
			closeSession();
		}
	}

	void recordRun(long nanos) {
		this.requests.increment();
		this.latencyNanos.add(nanos);
	}

	/**
	 * Stops new inferences; the session closes, and {@code onClosed} runs, when the last running
	 * one ends.
	 */
	void unload(Runnable closed) {
		this.onClosed = closed;
		this.state = ModelState.UNLOADING;
		if (this.users.get() == 0) {
			closeSession();
		}
	}

	private synchronized void closeSession() {
		OrtSession current = this.session;
		this.session = null;
		if (current == null) {
			return;
		}
		try {
			current.close();
		}
		catch (OrtException ex) {
			// Closing only frees native memory; a failure leaves nothing to undo.
		}
		this.onClosed.run();
	}

}
