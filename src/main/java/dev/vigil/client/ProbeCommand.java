package dev.vigil.client;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.grpc.StatusRuntimeException;

import dev.vigil.api.routerhosts.v1.ComponentHealth;
import dev.vigil.api.routerhosts.v1.HealthResponse;

import org.springframework.boot.convert.DurationStyle;

/**
 * {@code probe liveness|readiness|health [--target host:port] [--timeout 5s]}: asks a Vigil server
 * over gRPC and exits 0 when alive / ready / healthy, 1 when not, 2 when the server cannot be
 * reached, answers with an error, or the arguments are wrong. Fit for a Kubernetes exec probe.
 */
public final class ProbeCommand {

	/** The first argument that selects this command. */
	public static final String NAME = "probe";

	static final int OK = 0;

	static final int NOT_OK = 1;

	static final int ERROR = 2;

	private static final String USAGE = "usage: probe liveness|readiness|health [--target host:port] [--timeout 5s]";

	private static final List<String> CHECKS = List.of("liveness", "readiness", "health");

	private ProbeCommand() {
	}

	/** Runs the probe and returns its exit code. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		Deque<String> rest = new ArrayDeque<>(List.of(args));
		String check = rest.poll();
		String target = "localhost:9090";
		Duration timeout = Duration.ofSeconds(5);
		try {
			while (!rest.isEmpty()) {
				String option = rest.poll();
				String value = rest.poll();
				if (value == null) {
					throw new IllegalArgumentException("missing value for " + option);
				}
				switch (option) {
					case "--target" -> target = value;
					case "--timeout" -> timeout = DurationStyle.detectAndParse(value);
					default -> throw new IllegalArgumentException("unknown option " + option);
				}
			}
			if (check == null || !CHECKS.contains(check)) {
				throw new IllegalArgumentException("unknown check " + check);
			}
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.println(USAGE);
			return ERROR;
		}
		try (RouterHostsClient client = RouterHostsClient.connect(target, timeout)) {
			return probe(client, check, out);
		}
		catch (StatusRuntimeException ex) {
			err.println(check + " probe of " + target + " failed: " + ex.getStatus().getCode() + " "
					+ ((ex.getStatus().getDescription() != null) ? ex.getStatus().getDescription() : ""));
			return ERROR;
		}
	}

	private static int probe(RouterHostsClient client, String check, PrintStream out) {
		switch (check) {
			case "liveness" -> {
				boolean alive = client.liveness();
				out.println(alive ? "alive" : "not alive");
				return alive ? OK : NOT_OK;
			}
			case "readiness" -> {
				RouterHostsClient.Readiness readiness = client.checkReadiness();
				out.println(readiness.ready() ? "ready" : "not ready: " + readiness.reason());
				return readiness.ready() ? OK : NOT_OK;
			}
			default -> {
				HealthResponse health = client.health();
				out.println((health.getHealthy() ? "healthy " : "unhealthy ") + health.getServer().getBuildInfo());
				for (ComponentHealth component : health.getComponentsList()) {
					out.println("  " + component.getName() + " " + component.getStatus()
							+ (component.getReason().isEmpty() ? "" : " " + component.getReason()));
				}
				return health.getHealthy() ? OK : NOT_OK;
			}
		}
	}

}
