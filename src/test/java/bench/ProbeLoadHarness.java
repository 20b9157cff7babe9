package bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import bench.stock.StockActuatorApplication;

import dev.vigil.VigilApplication;
import dev.vigil.health.HealthEvaluator;
import dev.vigil.testing.PostgresServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Probe cost, Vigil against stock Actuator, side by side in one run on one PostgreSQL server:
 * throughput of {@code /readyz} against a trivial endpoint of the same application, the cost of one
 * readiness evaluation in-process, and database checks per second at 10, 100 and 1000 probes per
 * second. Run it with
 * {@code ./mvnw -Pbenchmark -DskipTests verify}; see {@code docs/benchmarks.md}.
 */
public final class ProbeLoadHarness {

	private static final String VIGIL_PING = "Vigil /bench/ping (trivial)";

	private static final String VIGIL_READYZ = "Vigil /readyz";

	private static final String VIGIL_GROUP = "Vigil /actuator/health/readiness";

	private static final String SECURED_READYZ = "Vigil /readyz, security on";

	private static final String STOCK_PING = "stock /bench/ping (trivial)";

	private static final String STOCK_READYZ = "stock /readyz (datasource indicator)";

	private static final int CLIENTS = 8;

	private static final Duration WARMUP = Duration.ofSeconds(10);

	private static final Duration ROUND = Duration.ofSeconds(5);

	private static final int ROUNDS = 5;

	private static final int EVALUATIONS = 20_000;

	private static final Duration RATE_WINDOW = Duration.ofSeconds(10);

	private ProbeLoadHarness() {
	}

	public static void main(String[] args) throws Exception {
		try (PostgresServer postgres = PostgresServer.start()) {
			// Security off on the first Vigil, so its trivial endpoint is the same bare baseline as
			// the stock one's; the second, as deployed, shows what authentication costs a probe.
			try (ConfigurableApplicationContext vigil = start(VigilApplication.class, postgres,
					"--vigil.security.enabled=false");
					ConfigurableApplicationContext secured = start(VigilApplication.class, postgres,
							"--vigil.hosts.file.path=target/bench-secured-hosts");
					// Both read the classpath's application.yaml: give the stock one Boot's datasource indicator back.
					ConfigurableApplicationContext stock = start(StockActuatorApplication.class, postgres,
							"--management.health.db.enabled=true",
							"--management.endpoint.health.probes.add-additional-paths=true")) {
				run(vigil, secured, stock);
			}
		}
	}

	private static void run(ConfigurableApplicationContext vigil, ConfigurableApplicationContext secured,
			ConfigurableApplicationContext stock) throws InterruptedException {
		HttpLoad load = new HttpLoad();
		Map<String, String> targets = new LinkedHashMap<>();
		targets.put(VIGIL_PING, base(vigil) + "/bench/ping");
		targets.put(VIGIL_READYZ, base(vigil) + "/readyz");
		targets.put(VIGIL_GROUP, base(vigil) + "/actuator/health/readiness");
		targets.put(SECURED_READYZ, base(secured) + "/readyz");
		targets.put(STOCK_PING, base(stock) + "/bench/ping");
		targets.put(STOCK_READYZ, base(stock) + "/readyz");
		for (String url : targets.values()) {
			load.throughput(url, 200, CLIENTS, WARMUP);
		}
		Map<String, List<Double>> rounds = new LinkedHashMap<>();
		for (int round = 0; round < ROUNDS; round++) {
			for (Map.Entry<String, String> target : targets.entrySet()) {
				rounds.computeIfAbsent(target.getKey(), (key) -> new ArrayList<>())
					.add(load.throughput(target.getValue(), 200, CLIENTS, ROUND));
			}
		}
		System.out.printf("%n## Throughput, %d clients, median of %d rounds of %ds%n%n", CLIENTS, ROUNDS,
				ROUND.toSeconds());
		System.out.println("| endpoint | requests/s | rounds |");
		System.out.println("|---|---:|---|");
		Map<String, Double> medians = new LinkedHashMap<>();
		rounds.forEach((name, values) -> {
			medians.put(name, Figures.median(values));
			System.out.printf("| %s | %.0f | %s |%n", name, Figures.median(values), Figures.wholeNumbers(values));
		});
		System.out.println();
		ratio(medians, VIGIL_READYZ, VIGIL_PING);
		ratio(medians, VIGIL_GROUP, VIGIL_PING);
		ratio(medians, STOCK_READYZ, STOCK_PING);
		ratio(medians, VIGIL_READYZ, STOCK_READYZ);
		ratio(medians, SECURED_READYZ, VIGIL_READYZ);

		System.out.printf("%n## Readiness evaluated in-process, no HTTP (mean of %d calls after %d warm-up calls)%n%n",
				EVALUATIONS, EVALUATIONS);
		System.out.println("| application | call | µs per call |");
		System.out.println("|---|---|---:|");
		HealthEvaluator evaluator = vigil.getBean(HealthEvaluator.class);
		double vigilMicros = microsPerCall(() -> evaluator.requiredGroup(HealthEvaluator.READINESS).serving());
		HealthEndpoint endpoint = stock.getBean(HealthEndpoint.class);
		double stockMicros = microsPerCall(() -> Status.UP.equals(endpoint.healthForPath(HealthEvaluator.READINESS).getStatus()));
		System.out.printf("| Vigil | `HealthEvaluator.requiredGroup(\"readiness\")` | %.2f |%n", vigilMicros);
		System.out.printf("| stock | `HealthEndpoint.healthForPath(\"readiness\")` | %.2f |%n", stockMicros);
		System.out.printf("%nstock ÷ Vigil: %.0f×%n", stockMicros / vigilMicros);

		System.out.printf("%n## Database checks per second under a fixed probe rate (%ds windows)%n%n",
				RATE_WINDOW.toSeconds());
		System.out.println("| probes/s | Vigil db checks/s | stock db checks/s |");
		System.out.println("|---:|---:|---:|");
		for (int rate : new int[] { 10, 100, 1000 }) {
			System.out.printf("| %d | %.2f | %.2f |%n", rate, checksPerSecond(load, vigil, rate),
					checksPerSecond(load, stock, rate));
		}
	}

	/** Mean cost of one call; every call must answer ready, or the measurement means nothing. */
	private static double microsPerCall(BooleanSupplier ready) {
		int answeredReady = 0;
		for (int i = 0; i < EVALUATIONS; i++) {
			answeredReady += ready.getAsBoolean() ? 1 : 0;
		}
		long start = System.nanoTime();
		for (int i = 0; i < EVALUATIONS; i++) {
			answeredReady += ready.getAsBoolean() ? 1 : 0;
		}
		double micros = (System.nanoTime() - start) / 1e3 / EVALUATIONS;
		if (answeredReady != 2 * EVALUATIONS) {
			throw new IllegalStateException("readiness was not ready throughout the measurement");
		}
		return micros;
	}

	private static void ratio(Map<String, Double> medians, String measured, String baseline) {
		System.out.printf("%s ÷ %s: %.2f×%n", measured, baseline, medians.get(measured) / medians.get(baseline));
	}

	private static double checksPerSecond(HttpLoad load, ConfigurableApplicationContext app, int rate)
			throws InterruptedException {
		BenchmarkEndpoints.BorrowCounter counter = app.getBean(BenchmarkEndpoints.BorrowCounter.class);
		long before = counter.borrows();
		long start = System.nanoTime();
		load.atRate(base(app) + "/readyz", rate, RATE_WINDOW);
		double seconds = (System.nanoTime() - start) / 1e9;
		return (counter.borrows() - before) / seconds;
	}

	private static ConfigurableApplicationContext start(Class<?> application, PostgresServer postgres,
			String... extraArguments) {
		// Command-line arguments, unlike builder properties, override the shared application.yaml.
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.grpc.server.port=0",
				"--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--management.endpoint.health.probes.enabled=true",
								"--management.endpoint.health.group.readiness.include=readinessState,db", "--logging.level.root=warn"));
		arguments.addAll(List.of(extraArguments));
		return new SpringApplicationBuilder(application, BenchmarkEndpoints.class).run(arguments.toArray(String[]::new));
	}

	private static String base(ConfigurableApplicationContext app) {
		return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
	}

}
