package dev.vigil.doors.ipc;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.vigil.doors.RuntimeReport;
import dev.vigil.health.GroupHealth;
import dev.vigil.health.HealthEvaluator;
import dev.vigil.support.RunningServer;
import tools.jackson.databind.JsonNode;

/**
 * {@code health_check}: the liveness group, the readiness group, or the runtime's Full report, read
 * from the shared evaluation like every other door. No lock, no I/O.
 */
final class IpcHealthAnswers {

	private final HealthEvaluator evaluator;

	private final RunningServer server;

	IpcHealthAnswers(HealthEvaluator evaluator, RunningServer server) {
		this.evaluator = evaluator;
		this.server = server;
	}

	Map<String, Object> answer(JsonNode message) {
		String checkType = message.path("check_type").asString("");
		Map<String, Object> body = IpcMessages.body("health_response");
		body.put("check_type", checkType);
		switch (checkType) {
			case "Liveness" -> {
				body.put("ok", this.evaluator.requiredGroup(HealthEvaluator.LIVENESS).serving());
				body.put("report", null);
			}
			case "Readiness" -> {
				body.put("ok", this.evaluator.requiredGroup(HealthEvaluator.READINESS).serving());
				body.put("report", null);
			}
			case "Full" -> {
				GroupHealth readiness = this.evaluator.requiredGroup(HealthEvaluator.READINESS);
				RuntimeReport report = RuntimeReport.of(this.evaluator.overall(), readiness, this.server.uptime());
				body.put("ok", report.ready());
				body.put("report", report(report));
			}
			default -> throw new IpcError(400, "check_type: must be Liveness, Readiness or Full");
		}
		return body;
	}

	private static Map<String, Object> report(RuntimeReport report) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("state", report.state());
		fields.put("ready", report.ready());
		fields.put("accepting_requests", report.acceptingRequests());
		fields.put("models_loaded", report.modelsLoaded());
		fields.put("memory_used_bytes", report.memoryUsedBytes());
		fields.put("queue_depth", report.queueDepth());
		fields.put("uptime_secs", report.uptimeSecs());
		return fields;
	}

}
