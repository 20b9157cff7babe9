package dev.vigil.tls;

import java.time.Instant;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers ACME HTTP-01 challenges on every HTTP port, unauthenticated, and only for tokens an
 * order of this deployment is waiting on (from the database, so any replica answers).
 */
@RestController
class AcmeChallengeController {

	private final AcmeStore store;

	AcmeChallengeController(AcmeStore store) {
		this.store = store;
	}

	@GetMapping(path = "/.well-known/acme-challenge/{token}", produces = MediaType.TEXT_PLAIN_VALUE)
	ResponseEntity<String> answer(@PathVariable String token) {
		return this.store.challenge(token, Instant.now())
			.map(ResponseEntity::ok)
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

}
