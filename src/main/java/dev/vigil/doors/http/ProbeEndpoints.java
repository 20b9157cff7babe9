package dev.vigil.doors.http;

import dev.vigil.health.GroupHealth;
import dev.vigil.health.HealthEvaluator;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /livez} and {@code /readyz} on the main port: the liveness and readiness groups, status
 * only. They read the shared evaluation directly rather than through Actuator's endpoint
 * machinery, which costs more than the evaluation itself; {@code /actuator/health/{group}}
 * reports the same groups with the same HTTP mapping.
 */
@RestController
class ProbeEndpoints {

	/** The liveness probe's path on the main port. */
	static final String LIVEZ = "/livez";

	/** The readiness probe's path on the main port. */
	static final String READYZ = "/readyz";

	private final HealthEvaluator evaluator;

	ProbeEndpoints(HealthEvaluator evaluator) {
		this.evaluator = evaluator;
	}

	@GetMapping(LIVEZ)
	ResponseEntity<String> livez() {
		return answer(HealthEvaluator.LIVENESS);
	}

	@GetMapping(READYZ)
	ResponseEntity<String> readyz() {
		return answer(HealthEvaluator.READINESS);
	}

	private ResponseEntity<String> answer(String name) {
		GroupHealth group = this.evaluator.requiredGroup(name);
		return ResponseEntity.status(group.httpStatus())
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"status\":\"" + group.status().getCode() + "\"}");
	}

}
