package dev.vigil.security;

import java.net.http.HttpClient;

import org.junit.jupiter.api.Test;

import dev.vigil.testing.CapturedLog;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator on its own management port: the probes stay on the main port, Prometheus is open there
 * (a scraper needs no token), and every other actuator endpoint still needs one. A client's
 * mistake is answered there as on the main port, without a line in the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.grpc.server.port=0", "management.server.port=0",
				"spring.datasource.url=jdbc:sqlite:target/test-data/management-port.db",
				"vigil.hosts.file.path=target/test-data/management-port-hosts",
				"vigil.models.directory=target/test-data/no-models" })
class ManagementPortTest {

	private static final Caller OPERATOR = Caller.withToken("operator", "token-management-port-1");

	@DynamicPropertySource
	static void tokens(DynamicPropertyRegistry registry) {
		registry.add("vigil.security.tokens[0].name", () -> "operator");
		registry.add("vigil.security.tokens[0].sha256", () -> Caller.sha256(OPERATOR.token()));
		registry.add("vigil.security.tokens[0].roles", () -> "actuator");
	}

	@LocalServerPort
	int httpPort;

	@LocalManagementPort
	int managementPort;

	@Test
	void probesStayOnTheMainPortAndPrometheusIsOpenOnTheManagementPort() {
		HttpClient http = HttpClient.newHttpClient();
		String main = "http://127.0.0.1:" + this.httpPort;
		String management = "http://127.0.0.1:" + this.managementPort;
		assertThat(this.managementPort).isNotEqualTo(this.httpPort);
		assertThat(Caller.ANONYMOUS.get(http, main, "/livez").statusCode()).isEqualTo(200);
		assertThat(Caller.ANONYMOUS.get(http, main, "/readyz").statusCode()).isEqualTo(200);
		assertThat(Caller.ANONYMOUS.get(http, main, "/actuator/prometheus").statusCode()).isNotEqualTo(200);
		var scrape = Caller.ANONYMOUS.get(http, management, "/actuator/prometheus");
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("vigil_health_status");
		try (CapturedLog logged = CapturedLog.root()) {
			assertThat(Caller.ANONYMOUS.get(http, management, "/actuator/prometheus?name=%C3%28").statusCode())
				.as("a parameter that is not UTF-8 is the client's mistake on this port too")
				.isEqualTo(400);
			assertThat(OPERATOR.get(http, management, "/actuator/health/nothing/here").statusCode())
				.as("a health path naming no component").isEqualTo(404);
			assertThat(logged.problems()).isEmpty();
		}
		assertThat(Caller.ANONYMOUS.get(http, management, "/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(Caller.ANONYMOUS.get(http, management, "/actuator/env").statusCode()).isEqualTo(401);
		assertThat(Caller.ANONYMOUS.get(http, management, "/actuator/health").body()).doesNotContain("components");
	}

}
