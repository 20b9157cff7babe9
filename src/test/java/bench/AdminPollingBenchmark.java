package bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.vigil.ship.AdminServerFixture;

/**
 * What a Spring Boot Admin server costs Vigil's probes: {@code /readyz} throughput, 8 clients, with
 * and without a user's Details page open, in interleaved rounds on one Vigil registered with a real
 * admin server (which polls its health at its default, every 10 s). The open page is emulated as
 * the UI does it: every second, through the admin server, the health and the metrics its panels
 * draw. Run it with
 * {@code ./mvnw -Pbenchmark -DskipTests test-compile exec:java@admin-polling}; see
 * {@code docs/benchmarks.md}.
 */
public final class AdminPollingBenchmark {

	private static final List<String> DETAILS_PAGE = List.of("health", "metrics/jvm.memory.used",
			"metrics/jvm.memory.max", "metrics/process.cpu.usage", "metrics/system.cpu.usage", "metrics/jvm.threads.live",
			"metrics/jvm.threads.peak", "metrics/jvm.gc.pause", "metrics/process.uptime");

	private static final int CLIENTS = 8;

	private static final int ROUNDS = 5;

	private static final Duration ROUND = Duration.ofSeconds(5);

	private AdminPollingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		try (AdminServerFixture fixture = AdminServerFixture.start()) {
			String id = fixture.awaitVigilUp().path("id").asString();
			// jvm.gc.pause exists from the first collection after Vigil bound it.
			System.gc();
			String readyz = "http://127.0.0.1:" + fixture.vigilPort() + "/readyz";
			HttpLoad load = new HttpLoad();
			load.throughput(readyz, 200, CLIENTS, Duration.ofSeconds(10));
			List<Double> quiet = new ArrayList<>();
			List<Double> polled = new ArrayList<>();
			AtomicLong pageReads = new AtomicLong();
			for (int round = 0; round < ROUNDS; round++) {
				quiet.add(load.throughput(readyz, 200, CLIENTS, ROUND));
				AtomicBoolean open = new AtomicBoolean(true);
				Thread page = new Thread(() -> readDetailsPage(fixture, id, open, pageReads), "details-page");
				page.start();
				polled.add(load.throughput(readyz, 200, CLIENTS, ROUND));
				open.set(false);
				page.join();
			}
			double without = Figures.median(quiet);
			double with = Figures.median(polled);
			System.out.println();
			System.out.println("| /readyz, 8 clients | requests/s (median of 5 rounds of 5 s) | rounds |");
			System.out.println("|---|---:|---|");
			System.out.printf("| registered, the admin server polling health every 10 s | %.0f | %s |%n", without, Figures.wholeNumbers(quiet));
			System.out.printf("| and a Details page open (%d reads a second through it) | %.0f | %s |%n", DETAILS_PAGE.size(),
					with, Figures.wholeNumbers(polled));
			System.out.printf("%nwith the page ÷ without: %.2f× (%d page reads)%n", with / without, pageReads.get());
		}
	}

	private static void readDetailsPage(AdminServerFixture fixture, String id, AtomicBoolean open, AtomicLong reads) {
		while (open.get()) {
			long started = System.nanoTime();
			for (String endpoint : DETAILS_PAGE) {
				try {
					fixture.get("/instances/" + id + "/actuator/" + endpoint);
					reads.incrementAndGet();
				}
				catch (Exception ex) {
					throw new IllegalStateException(endpoint, ex);
				}
			}
			long rest = Duration.ofSeconds(1).toNanos() - (System.nanoTime() - started);
			if (rest > 0) {
				try {
					Thread.sleep(rest / 1_000_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

}
