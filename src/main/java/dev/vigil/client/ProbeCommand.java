package dev.vigil.client;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

	private static final String USAGE = "usage: probe liveness|readiness|health [--target host:port] [--timeout 5s]";

	private static final List<String> CHECKS = List.of("liveness", "readiness", "health");

	private ProbeCommand() {
	}

	/** Runs the probe and returns its exit code. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		String check = (args.length > 0) ? args[0] : null;
		String target;
		Duration timeout;
		try {
			Map<String, String> options = CommandOptions.parse(List.of(args).subList(Math.min(1, args.length), args.length),
					Set.of("--target", "--timeout"));
			target = options.getOrDefault("--target", "localhost:9090");
			timeout = DurationStyle.detectAndParse(options.getOrDefault("--timeout", "5s"));
			if (check == null || !CHECKS.contains(check)) {
				throw new IllegalArgumentException("unknown check " + check);
			}
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.println(USAGE);
			return CommandOptions.ERROR;
		}
		try (RouterHostsClient client = RouterHostsClient.connect(target, timeout)) {
			return probe(client, check, out);
		}
		catch (StatusRuntimeException ex) {
			err.println(check + " probe of " + target + " failed: " + ex.getStatus().getCode() + " "
					+ ((ex.getStatus().getDescription() != null) ? ex.getStatus().getDescription() : ""));
			return CommandOptions.ERROR;
		}
	}

	private static int probe(RouterHostsClient client, String check, PrintStream out) {
		switch (check) {
			case "liveness" -> {
				boolean alive = client.liveness();
				out.println(alive ? "alive" : "not alive");
				return alive ? CommandOptions.OK : CommandOptions.NOT_OK;
			}
			case "readiness" -> {
				RouterHostsClient.Readiness readiness = client.checkReadiness();
				out.println(readiness.ready() ? "ready" : "not ready: " + readiness.reason());
				return readiness.ready() ? CommandOptions.OK : CommandOptions.NOT_OK;
			}
			default -> {
				HealthResponse health = client.health();
				out.println((health.getHealthy() ? "healthy " : "unhealthy ") + health.getServer().getBuildInfo());
				for (ComponentHealth component : health.getComponentsList()) {
					out.println("  " + component.getName() + " " + component.getStatus()
							+ (component.getReason().isEmpty() ? "" : " " + component.getReason()));
				}
				return health.getHealthy() ? CommandOptions.OK : CommandOptions.NOT_OK;
			}
		}
	}

}
