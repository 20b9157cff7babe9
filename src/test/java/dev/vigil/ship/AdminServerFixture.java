package dev.vigil.ship;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;

import de.codecentric.boot.admin.server.config.EnableAdminServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vigil.VigilApplication;
import dev.vigil.security.Roles;
import dev.vigil.security.TokenDigest;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.awaitility.Awaitility.await;

/**
 * A real Spring Boot Admin server and a Vigil registered with it, both on random ports, for the
 * registration and browser tests and for the benchmark of what its polling costs a probe.
 */
public final class AdminServerFixture implements AutoCloseable {

	/** The token the admin server reads Vigil's actuator with. */
	public static final String ADMIN_TOKEN = "admin-server-test-token";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final ConfigurableApplicationContext admin;

	private final ConfigurableApplicationContext vigil;

	private AdminServerFixture(ConfigurableApplicationContext admin, ConfigurableApplicationContext vigil) {
		this.admin = admin;
		this.vigil = vigil;
	}

	/** Starts the admin server, then Vigil with registration switched on and the given extra arguments. */
	public static AdminServerFixture start(String... vigilArguments) {
		return startWithRoles(Roles.ACTUATOR, vigilArguments);
	}

	/**
	 * As {@link #start(String...)}, the admin server's token holding {@code roles} (comma-separated)
	 * instead of the read-only {@code actuator}.
	 */
	public static AdminServerFixture startWithRoles(String roles, String... vigilArguments) {
		ConfigurableApplicationContext admin = new SpringApplicationBuilder(AdminServer.class).run("--server.port=0",
				"--spring.application.name=admin", "--spring.grpc.server.port=0",
				"--spring.datasource.url=jdbc:sqlite:target/test-data/sba-server.db", "--spring.flyway.enabled=false",
				// The admin server reads the same application.yaml; it has none of Vigil's components.
				"--management.endpoint.health.group.readiness.include=readinessState",
				// Its status poller may start a connection while the context closes; Netty then logs
				// the refused registration with a stack trace, which says nothing about Vigil.
				"--logging.level.io.netty.channel.AbstractChannel=error");
		// Security stays on: the admin server reads Vigil's actuator with a token of the actuator
		// role, sent as HTTP Basic (the README's recipe).
		String[] fixed = { "--server.port=0", "--spring.grpc.server.port=0",
				"--spring.datasource.url=jdbc:sqlite:target/test-data/sba-vigil.db",
				"--vigil.hosts.file.path=target/test-data/sba-hosts", "--spring.boot.admin.client.enabled=true",
				"--spring.boot.admin.client.url=http://127.0.0.1:" + port(admin),
				"--vigil.security.tokens[0].name=admin-server",
				"--vigil.security.tokens[0].sha256=" + HexFormat.of().formatHex(TokenDigest.sha256(ADMIN_TOKEN)), "--vigil.security.tokens[0].roles=" + roles,
				"--spring.boot.admin.client.instance.metadata.user.name=admin-server",
				"--spring.boot.admin.client.instance.metadata.user.password=" + ADMIN_TOKEN };
		String[] arguments = new String[vigilArguments.length + fixed.length];
		System.arraycopy(fixed, 0, arguments, 0, fixed.length);
		System.arraycopy(vigilArguments, 0, arguments, fixed.length, vigilArguments.length);
		ConfigurableApplicationContext vigil = new SpringApplicationBuilder(VigilApplication.class).run(arguments);
		return new AdminServerFixture(admin, vigil);
	}

	public String adminUrl() {
		return "http://127.0.0.1:" + port(this.admin);
	}

	public int vigilPort() {
		return port(this.vigil);
	}

	/** Vigil as the admin server lists it, once it has registered and been seen UP. */
	public JsonNode awaitVigilUp() {
		return await().atMost(Duration.ofSeconds(60))
			.until(this::vigilInstance,
					(found) -> found != null && "UP".equals(found.path("statusInfo").path("status").asString()));
	}

	/** A GET on the admin server's API, asking for Actuator's current format (components and groups). */
	public JsonNode get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(adminUrl() + path))
			.header("Accept", "application/vnd.spring-boot.actuator.v3+json, application/json")
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + response.statusCode());
		}
		return this.json.readTree(response.body());
	}

	@Override
	public void close() {
		this.vigil.close();
		this.admin.close();
	}

	private JsonNode vigilInstance() throws IOException, InterruptedException {
		for (JsonNode instance : get("/instances")) {
			if ("vigil".equals(instance.path("registration").path("name").asString())) {
				return instance;
			}
		}
		return null;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * No stereotype, so Vigil's component scan never picks it up; it is a source of the admin
	 * server's application only, and Vigil's components stay out of that application.
	 */
	@EnableAutoConfiguration(exclude = UserDetailsServiceAutoConfiguration.class)
	@EnableAdminServer
	static class AdminServer {

		/**
		 * The test's admin server is open on loopback, with no users (so no generated password in
		 * the log); Vigil's own security is what is under test.
		 */
		@Bean
		SecurityFilterChain openAdminServer(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.csrf((csrf) -> csrf.disable())
				.build();
		}

	}

}
