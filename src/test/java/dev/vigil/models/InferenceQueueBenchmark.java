package dev.vigil.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import ai.onnxruntime.OrtSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import dev.vigil.lifecycle.LifecycleProperties;
import dev.vigil.lifecycle.ShutdownCoordinator;
import dev.vigil.testing.OnnxModels;

/**
 * Inference through Vigil's queue and workers against calling the same ONNX Runtime session
 * directly, with the same concurrency, side by side in one run. Both sides convert tensors the
 * same way ({@link ModelRunner}); the difference is the queue: admission, validation, the hand-off
 * to a worker and back. Run with
 * {@code ./mvnw -Pbenchmark -DskipTests test-compile exec:java@inference-queue}; see
 * {@code docs/benchmarks.md}.
 */
public final class InferenceQueueBenchmark {

	private static final Duration WARM_UP = Duration.ofSeconds(3);

	private static final Duration ROUND = Duration.ofSeconds(3);

	private static final int ROUNDS = 5;

	private static final int LATENCY_SAMPLES = 20_000;

	private final ModelRegistry registry;

	private final InferenceService service;

	private final int concurrency;

	private final AtomicLong ids = new AtomicLong();

	private InferenceQueueBenchmark(ModelRegistry registry, InferenceService service, int concurrency) {
		this.registry = registry;
		this.service = service;
		this.concurrency = concurrency;
	}

	public static void main(String[] args) throws Exception {
		int concurrency = Runtime.getRuntime().availableProcessors();
		Path directory = Files.createTempDirectory("vigil-inference-bench");
		OnnxModels.write(directory, "add", OnnxModels.add());
		OnnxModels.write(directory, "slow", OnnxModels.slow());
		ModelsProperties properties = new ModelsProperties(directory, false, List.of(),
				new ModelsProperties.Queue(1000), concurrency, 1, 1_000_000, Duration.ofMinutes(5));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ModelRegistry registry = new ModelRegistry(properties, meters, Clock.systemUTC());
		InferenceQueue queue = new InferenceQueue(properties.queue().maxDepth());
		InferenceWorkers workers = new InferenceWorkers(concurrency, queue, registry::environment, ObservationRegistry.NOOP);
		ShutdownCoordinator coordinator = new ShutdownCoordinator(new LifecycleProperties(Duration.ofSeconds(5)), List::of);
		InferenceService service = new InferenceService(registry, queue, workers,
				new StuckWorkerWatchdog(workers, properties.stuckAfter(), (event) -> {
				}), new InputValidator(properties.maxTensorElements()), coordinator, meters, ObservationRegistry.NOOP);
		service.start();
		InferenceQueueBenchmark benchmark = new InferenceQueueBenchmark(registry, service, concurrency);
		List<String> rows = new ArrayList<>();
		try {
			List<Workload> workloads = List.of(
					new Workload("add, [1, 4] + [1, 4] (microseconds of work)", "add",
							List.of(floats("a", 1, 4), floats("b", 1, 4))),
					new Workload("slow, 2,000 loop iterations (about 2 ms of work)", "slow",
							List.of(new TensorData("iterations", TensorType.INT64, new long[0], null, new long[] { 2000 }),
									floats("x", 1, 16))));
			for (Workload workload : workloads) {
				rows.add(benchmark.throughput(workload));
			}
			rows.add("");
			rows.add(benchmark.latency(workloads.get(0)));
		}
		finally {
			service.stop();
			registry.close();
		}
		System.out.println();
		System.out.println("| workload | direct session (inferences/s, median) | through the queue (median) | queue ÷ direct | rounds (direct / queue) |");
		System.out.println("|---|---:|---:|---:|---|");
		rows.forEach(System.out::println);
	}

	private String throughput(Workload workload) throws Exception {
		ModelRegistry registry = this.registry;
		InferenceService service = this.service;
		int concurrency = this.concurrency;
		OrtSession session = registry.get(workload.model()).acquire();
		try {
			Runnable direct = () -> runDirect(registry, session, workload);
			Runnable queued = () -> service.submit(requestId(), workload.model(), workload.inputs(), Priority.NORMAL,
					Long.MAX_VALUE).join();
			closedLoop(direct, concurrency, WARM_UP);
			closedLoop(queued, concurrency, WARM_UP);
			double[] directRates = new double[ROUNDS];
			double[] queuedRates = new double[ROUNDS];
			for (int round = 0; round < ROUNDS; round++) {
				directRates[round] = closedLoop(direct, concurrency, ROUND);
				queuedRates[round] = closedLoop(queued, concurrency, ROUND);
			}
			double directMedian = median(directRates);
			double queuedMedian = median(queuedRates);
			return String.format("| %s, %d client threads, %d workers | %.0f | %.0f | **%.2f×** | %s / %s |",
					workload.label(), concurrency, concurrency, directMedian, queuedMedian, queuedMedian / directMedian,
					rounded(directRates), rounded(queuedRates));
		}
		finally {
			registry.get(workload.model()).release();
		}
	}

	/** One client, one request at a time: what the queue adds to each request's latency. */
	private String latency(Workload workload) {
		ModelRegistry registry = this.registry;
		InferenceService service = this.service;
		OrtSession session = registry.get(workload.model()).acquire();
		try {
			long[] direct = new long[LATENCY_SAMPLES];
			long[] queued = new long[LATENCY_SAMPLES];
			for (int pass = 0; pass < 2; pass++) {
				for (int i = 0; i < LATENCY_SAMPLES; i++) {
					long start = System.nanoTime();
					runDirect(registry, session, workload);
					direct[i] = System.nanoTime() - start;
					start = System.nanoTime();
					service.submit(requestId(), workload.model(), workload.inputs(), Priority.NORMAL, Long.MAX_VALUE)
						.join();
					queued[i] = System.nanoTime() - start;
				}
			}
			Arrays.sort(direct);
			Arrays.sort(queued);
			return String.format(
					"Latency, one client, %s: direct p50 %.1f µs, p99 %.1f µs; through the queue p50 %.1f µs, p99 %.1f µs; the queue adds %.1f µs at p50.",
					workload.label(), direct[direct.length / 2] / 1e3, direct[direct.length * 99 / 100] / 1e3,
					queued[queued.length / 2] / 1e3, queued[queued.length * 99 / 100] / 1e3,
					(queued[queued.length / 2] - direct[direct.length / 2]) / 1e3);
		}
		finally {
			registry.get(workload.model()).release();
		}
	}

	private static void runDirect(ModelRegistry registry, OrtSession session, Workload workload) {
		try (OrtSession.RunOptions options = new OrtSession.RunOptions()) {
			ModelRunner.run(registry.environment(), session, workload.inputs(), options);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Calls per second with {@code threads} threads each calling {@code call} back to back. */
	private static double closedLoop(Runnable call, int threads, Duration duration) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicBoolean stop = new AtomicBoolean();
		LongAdder calls = new LongAdder();
		List<CompletableFuture<Void>> running = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			running.add(CompletableFuture.runAsync(() -> {
				while (!stop.get()) {
					call.run();
					calls.increment();
				}
			}, pool));
		}
		long start = System.nanoTime();
		Thread.sleep(duration.toMillis());
		stop.set(true);
		CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
		double seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		return calls.sum() / seconds;
	}

	private String requestId() {
		return "bench-" + this.ids.incrementAndGet();
	}

	private static TensorData floats(String name, long... shape) {
		int size = 1;
		for (long dim : shape) {
			size *= (int) dim;
		}
		float[] values = new float[size];
		Arrays.fill(values, 0.5f);
		return new TensorData(name, TensorType.FLOAT32, shape, values, null);
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private static String rounded(double[] values) {
		return String.join(", ", Arrays.stream(values).mapToObj((value) -> String.format("%.0f", value)).toList());
	}

	private record Workload(String label, String model, List<TensorData> inputs) {
	}

}
