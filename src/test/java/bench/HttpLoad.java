package bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.vigil.support.DaemonThreads;

/**
 * HTTP load over loopback: closed-loop throughput with a fixed number of clients, and an
 * open-loop fixed request rate.
 */
final class HttpLoad {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		// Daemon threads: a pool of plain ones kept exec:java's JVM alive after the benchmark ended.
		.executor(Executors.newFixedThreadPool(4, DaemonThreads.named("http-load-")))
		.build();

	/** Requests per second answered with the expected status by {@code clients} clients in a loop. */
	double throughput(String url, int expectedStatus, int clients, Duration duration) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
		LongAdder answered = new LongAdder();
		LongAdder unexpected = new LongAdder();
		long deadline = System.nanoTime() + duration.toNanos();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			Thread thread = new Thread(() -> {
				while (System.nanoTime() < deadline) {
					try {
						int status = this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
						(status == expectedStatus ? answered : unexpected).increment();
					}
					catch (Exception ex) {
						unexpected.increment();
					}
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		if (unexpected.sum() > 0) {
			throw new IllegalStateException(url + ": " + unexpected.sum() + " unexpected answers");
		}
		return answered.sum() / (duration.toNanos() / 1e9);
	}

	/** Sends {@code perSecond} requests a second for {@code duration}, not waiting for answers. */
	void atRate(String url, int perSecond, Duration duration) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		List<CompletableFuture<?>> sent = new ArrayList<>();
		ticker.scheduleAtFixedRate(() -> sent.add(this.client.sendAsync(request, HttpResponse.BodyHandlers.discarding())),
				0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
		Thread.sleep(duration.toMillis());
		ticker.shutdownNow();
		ticker.awaitTermination(5, TimeUnit.SECONDS);
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
	}

}
