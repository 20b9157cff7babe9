package dev.vigil.ship;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import de.codecentric.boot.admin.server.config.EnableAdminServer;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vigil.VigilApplication;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Spring Boot Admin server on a random port: Vigil registers with it through
 * configuration alone, and the server's own API then shows Vigil's status, health groups and
 * component details.
 */
class SpringBootAdminRegistrationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void vigilRegistersAndTheAdminServerReadsItsHealth() throws Exception {
		try (ConfigurableApplicationContext admin = new SpringApplicationBuilder(AdminServer.class).run(
				"--server.port=0", "--spring.application.name=admin", "--spring.grpc.server.port=0",
				"--spring.datasource.url=jdbc:sqlite:target/test-data/sba-server.db", "--spring.flyway.enabled=false",
				// The admin server reads the same application.yaml; it has none of Vigil's components.
				"--management.endpoint.health.group.readiness.include=readinessState");
				ConfigurableApplicationContext vigil = new SpringApplicationBuilder(VigilApplication.class).run(
						"--server.port=0", "--spring.grpc.server.port=0",
						"--spring.datasource.url=jdbc:sqlite:target/test-data/sba-vigil.db",
						"--vigil.hosts.file.path=target/test-data/sba-hosts",
						"--spring.boot.admin.client.enabled=true",
						"--spring.boot.admin.client.url=http://127.0.0.1:" + port(admin),
						"--spring.boot.admin.client.instance.metadata.team=platform")) {
			String base = "http://127.0.0.1:" + port(admin);
			JsonNode instance = await().atMost(Duration.ofSeconds(60))
				.until(() -> vigilInstance(base), (found) -> found != null
						&& "UP".equals(found.path("statusInfo").path("status").asString()));
			assertThat(instance.path("registration").path("metadata").path("team").asString()).isEqualTo("platform");
			assertThat(instance.path("registration").path("healthUrl").asString())
				.endsWith(":" + port(vigil) + "/actuator/health");

			String id = instance.path("id").asString();
			JsonNode health = this.json.readTree(get(base + "/instances/" + id + "/actuator/health"));
			assertThat(health.path("groups")).extracting(JsonNode::asString).contains("liveness", "readiness");
			assertThat(health.path("components").path("db").path("details").path("backend").asString())
				.isEqualTo("sqlite");
			assertThat(health.path("components").path("modelQueue").path("details").path("maxQueueDepth").asInt())
				.isEqualTo(1000);
			assertThat(health.path("components").path("hooks").path("details").path("configuredCount").asInt())
				.isZero();
			JsonNode readiness = this.json.readTree(get(base + "/instances/" + id + "/actuator/health/readiness"));
			assertThat(readiness.path("status").asString()).isEqualTo("UP");
		}
	}

	private JsonNode vigilInstance(String base) throws IOException, InterruptedException {
		for (JsonNode instance : this.json.readTree(get(base + "/instances"))) {
			if ("vigil".equals(instance.path("registration").path("name").asString())) {
				return instance;
			}
		}
		return null;
	}

	private String get(String url) throws IOException, InterruptedException {
		// Actuator's current format, as the admin UI asks for it: with components and groups.
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Accept", "application/vnd.spring-boot.actuator.v3+json, application/json")
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/** Outside Vigil's packages: no Vigil component is scanned into the admin server. */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableAdminServer
	static class AdminServer {

	}

}
