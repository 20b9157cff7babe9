package dev.vigil.client;

import java.util.List;
import java.util.Map;

import dev.vigil.api.routerhosts.v1.ComponentHealth;
import dev.vigil.api.routerhosts.v1.HealthResponse;

/**
 * The server's liveness, readiness and health as {@code server …} and {@code probe …} print them;
 * each returns the exit code its answer calls for (0 alive / ready / healthy, else 1).
 */
final class ServerChecks {

	private ServerChecks() {
	}

	static int liveness(RouterHostsClient client, Output output) {
		boolean alive = client.liveness();
		output.record(alive ? "alive" : "not alive", Table.of(Table.column("alive")).row(alive));
		return alive ? ExitCodes.OK : ExitCodes.REFUSED;
	}

	static int readiness(RouterHostsClient client, Output output) {
		RouterHostsClient.Readiness readiness = client.checkReadiness();
		output.record(readiness.ready() ? "ready" : "not ready: " + readiness.reason(),
				Table.of(Table.column("ready"), Table.column("reason")).row(readiness.ready(), readiness.reason()));
		return readiness.ready() ? ExitCodes.OK : ExitCodes.REFUSED;
	}

	static int health(RouterHostsClient client, Output output) {
		HealthResponse health = client.health();
		StringBuilder sentence = new StringBuilder((health.getHealthy() ? "healthy " : "unhealthy ") + health.getServer().getBuildInfo());
		Table components = Table.of(Table.column("name"), Table.column("status"), Table.column("reason"), Table.column("details"));
		for (ComponentHealth component : health.getComponentsList()) {
			sentence.append(System.lineSeparator())
				.append("  ")
				.append(component.getName())
				.append(' ')
				.append(component.getStatus())
				.append(component.getReason().isEmpty() ? "" : " " + component.getReason());
			components.row(component.getName(), component.getStatus(), component.getReason(), details(component.getDetailsMap()));
		}
		output.record(sentence.toString(),
				Table.of(Table.column("healthy"), Table.column("version"), Table.column("build_info"), Table.column("components"))
					.row(health.getHealthy(), health.getServer().getVersion(), health.getServer().getBuildInfo(), components));
		return health.getHealthy() ? ExitCodes.OK : ExitCodes.REFUSED;
	}

	private static List<String> details(Map<String, String> details) {
		return details.entrySet().stream().map((detail) -> detail.getKey() + "=" + detail.getValue()).sorted().toList();
	}

}
