package dev.vigil.ship;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Spring Boot Admin server on a random port: Vigil registers with it through
 * configuration alone, and the server's own API then shows Vigil's status, health groups and
 * component details.
 */
class SpringBootAdminRegistrationTest {

	@Test
	void vigilRegistersAndTheAdminServerReadsItsHealth() throws Exception {
		try (AdminServerFixture fixture = AdminServerFixture
			.start("--spring.boot.admin.client.instance.metadata.team=platform")) {
			JsonNode instance = fixture.awaitVigilUp();
			assertThat(instance.path("registration").path("metadata").path("team").asString()).isEqualTo("platform");
			assertThat(instance.path("registration").path("healthUrl").asString())
				.endsWith(":" + fixture.vigilPort() + "/actuator/health");

			String id = instance.path("id").asString();
			JsonNode health = fixture.get("/instances/" + id + "/actuator/health");
			assertThat(health.path("groups")).extracting(JsonNode::asString).contains("liveness", "readiness");
			assertThat(health.path("components").path("db").path("details").path("backend").asString())
				.isEqualTo("sqlite");
			assertThat(health.path("components").path("modelQueue").path("details").path("maxQueueDepth").asInt())
				.isEqualTo(1000);
			assertThat(health.path("components").path("hooks").path("details").path("configuredCount").asInt())
				.isZero();
			assertThat(fixture.get("/instances/" + id + "/actuator/health/readiness").path("status").asString())
				.isEqualTo("UP");
		}
	}

}
