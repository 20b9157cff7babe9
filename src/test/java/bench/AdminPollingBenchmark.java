package bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.vigil.ship.AdminServerFixture;

/**
 * What a Spring Boot Admin server costs Vigil's probes: {@code /readyz} throughput, 8 clients, with
 * and without a user's Details page open, in interleaved rounds on one Vigil registered with a real
 * admin server (which polls its health at its default, every 10 s). The open page is emulated as
 * the UI does it: every second, through the admin server, the health and the metrics its panels
 * draw; and once more with the same reads sent straight to Vigil, which is what Vigil itself pays
 * when the admin server runs on another machine rather than on this one's cores. Run it with
 * {@code ./mvnw -Pbenchmark -DskipTests test-compile exec:java@admin-polling}; see
 * {@code docs/benchmarks.md}.
 */
public final class AdminPollingBenchmark {

	private static final List<String> DETAILS_PAGE = List.of("health", "metrics/jvm.memory.used",
			"metrics/jvm.memory.max", "metrics/process.cpu.usage", "metrics/system.cpu.usage", "metrics/jvm.threads.live",
			"metrics/jvm.threads.peak", "metrics/jvm.gc.pause", "metrics/process.uptime");

	private static final int CLIENTS = 8;

	private static final int ROUNDS = 9;

	/**
	 * Long enough for the JIT to have compiled the probe's path, and the admin server's proxy path
	 * the open page takes, before the first round counts.
	 */
	private static final Duration WARM_UP = Duration.ofSeconds(15);

	private static final Duration ROUND = Duration.ofSeconds(5);

	private AdminPollingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		try (AdminServerFixture fixture = AdminServerFixture.start()) {
			String id = fixture.awaitVigilUp().path("id").asString();
			// jvm.gc.pause exists from the first collection after Vigil bound it.
			System.gc();
			String vigil = "http://127.0.0.1:" + fixture.vigilPort();
			String readyz = vigil + "/readyz";
			HttpClient http = HttpClient.newHttpClient();
			PageRead throughAdmin = (endpoint) -> fixture.get("/instances/" + id + "/actuator/" + endpoint);
			PageRead straight = (endpoint) -> http.send(HttpRequest.newBuilder(URI.create(vigil + "/actuator/" + endpoint))
				.header("Authorization", "Bearer " + AdminServerFixture.ADMIN_TOKEN)
				.build(), HttpResponse.BodyHandlers.discarding());
			List<PageRead> pages = Arrays.asList(null, throughAdmin, straight);
			HttpLoad load = new HttpLoad();
			AtomicLong pageReads = new AtomicLong();
			for (PageRead page : pages) {
				withPage(page, load, readyz, pageReads, WARM_UP);
			}
			pageReads.set(0);
			List<List<Double>> figures = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
			List<List<Double>> ratios = List.of(new ArrayList<>(), new ArrayList<>());
			for (int round = 0; round < ROUNDS; round++) {
				// The order turns each round, so a drift of the machine falls on every variant alike.
				double[] rates = new double[pages.size()];
				for (int i = 0; i < pages.size(); i++) {
					int variant = (i + round) % pages.size();
					rates[variant] = withPage(pages.get(variant), load, readyz, pageReads, ROUND);
				}
				for (int variant = 0; variant < pages.size(); variant++) {
					figures.get(variant).add(rates[variant]);
				}
				ratios.get(0).add(rates[1] / rates[0]);
				ratios.get(1).add(rates[2] / rates[0]);
			}
			String[] names = { "registered, the admin server polling health every 10 s",
					"and a Details page open: " + DETAILS_PAGE.size() + " reads a second through the admin server",
					"or the same reads a second straight to Vigil, no admin server between" };
			System.out.println();
			System.out.printf("| /readyz, 8 clients | requests/s (median of %d rounds of %d s) | ÷ first row, median of the rounds' ratios | rounds |%n",
					ROUNDS, ROUND.toSeconds());
			System.out.println("|---|---:|---:|---|");
			for (int variant = 0; variant < pages.size(); variant++) {
				String ratio = (variant == 0) ? "" : String.format("%.2f×", Figures.median(ratios.get(variant - 1)));
				System.out.printf("| %s | %.0f | %s | %s |%n", names[variant], Figures.median(figures.get(variant)), ratio,
						Figures.wholeNumbers(figures.get(variant)));
			}
			System.out.printf("%n(%d page reads)%n", pageReads.get());
		}
	}

	/** {@code /readyz} throughput while {@code page} (none when null) is read every second. */
	private static double withPage(PageRead page, HttpLoad load, String readyz, AtomicLong pageReads, Duration duration)
			throws Exception {
		if (page == null) {
			return load.throughput(readyz, 200, CLIENTS, duration);
		}
		AtomicBoolean open = new AtomicBoolean(true);
		Thread reader = new Thread(() -> readEverySecond(page, open, pageReads), "details-page");
		reader.start();
		try {
			return load.throughput(readyz, 200, CLIENTS, duration);
		}
		finally {
			open.set(false);
			reader.join();
		}
	}

	private static void readEverySecond(PageRead page, AtomicBoolean open, AtomicLong reads) {
		while (open.get()) {
			long started = System.nanoTime();
			for (String endpoint : DETAILS_PAGE) {
				try {
					page.read(endpoint);
					reads.incrementAndGet();
				}
				catch (Exception ex) {
					throw new IllegalStateException(endpoint, ex);
				}
			}
			// Paces the page as the admin UI does, once a second; not a synchronisation.
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

	/** One read of the page's, by the endpoint's path under {@code /actuator/}. */
	private interface PageRead {

		void read(String endpoint) throws Exception;

	}

}
