package dev.vigil.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.security.AccessProperties;
import dev.vigil.testing.CommandRun;
import dev.vigil.testing.Ports;
import dev.vigil.testing.VigilProcess;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The {@code token} command as the README's first run uses it: the configuration it prints, pasted
 * as it is, lets the token call a running Vigil (security on, as shipped) for its roles and no other,
 * through the command line as the README's next step runs it.
 */
class TokenCommandTest {

	private static final Pattern TOKEN = Pattern.compile("^token: (\\S+)$", Pattern.MULTILINE);

	@TempDir
	Path work;

	@Test
	void thePrintedConfigurationLetsTheTokenCallARunningVigilForItsRolesOnly() throws Exception {
		String printed = printed("--name", "operator", "--roles", "hosts:read,hosts:write");
		String token = token(printed);
		Path config = Files.writeString(this.work.resolve("tokens.yaml"), yaml(printed));
		int httpPort = Ports.free();
		int grpcPort = Ports.free();
		Path hostsFile = this.work.resolve("hosts");
		List<String> command = VigilProcess.classpathCommand("--server.port=" + httpPort,
				"--spring.grpc.server.port=" + grpcPort, "--spring.datasource.url=jdbc:sqlite:" + this.work.resolve("vigil.db"),
				"--vigil.hosts.file.path=" + hostsFile, "--vigil.models.directory=" + this.work.resolve("models"),
				"--spring.config.additional-location=file:" + config);
		try (VigilProcess vigil = VigilProcess.start(command, this.work, Map.of(), httpPort, this.work.resolve("vigil.log"))) {
			vigil.awaitReady(Duration.ofSeconds(90));
			String target = "127.0.0.1:" + grpcPort;
			// Step 5 of the README: the command line, with the token in VIGIL_TOKEN.
			Map<String, String> client = Map.of("VIGIL_TOKEN", token, "VIGIL_SERVER", target, "HOME", this.work.toString());
			CommandRun.of(client, "host", "add", "--ip", "192.168.1.10", "--hostname", "nas.home").assertExit(0);
			CommandRun listed = CommandRun.of(client, "-f", "table", "host", "list").assertExit(0);
			assertThat(listed.out()).contains("192.168.1.10", "nas.home").doesNotContain(token);
			await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(hostsFile)
					&& Files.readString(hostsFile).contains("192.168.1.10\tnas.home"));

			try (RouterHostsClient anonymous = RouterHostsClient.connect(target, Duration.ofSeconds(10))) {
				assertThatThrownBy(() -> anonymous.hosts().listHosts(ListHostsRequest.getDefaultInstance()).hasNext())
					.isInstanceOfSatisfying(StatusRuntimeException.class,
							(ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
			}
			// Its roles do not include actuator.
			HttpResponse<String> env = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/env"))
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(env.statusCode()).isEqualTo(403);
			assertThat(vigil.stop()).isTrue();
			assertThat(vigil.log()).doesNotContain(token);
		}
	}

	@Test
	void theEnvironmentFormBindsToTheSameTokenAsTheYaml() {
		String printed = printed("--name", "ci-deploy", "--roles", "hosts:read, actuator");
		Map<String, Object> variables = printed.lines()
			.filter((line) -> line.startsWith("VIGIL_"))
			.map((line) -> line.split("=", 2))
			.collect(Collectors.toMap((pair) -> pair[0], (pair) -> pair[1]));
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		AccessProperties.ApiToken bound = new Binder(ConfigurationPropertySources.get(environment))
			.bind("vigil.security.tokens[0]", AccessProperties.ApiToken.class)
			.get();
		assertThat(bound.name()).isEqualTo("ci-deploy");
		assertThat(bound.roles()).containsExactly("hosts:read", "actuator");
		assertThat(yaml(printed)).contains("sha256: " + bound.sha256(), "roles: [hosts:read, actuator]");
	}

	@Test
	void eachTokenIsFreshAnd256BitsOfUrlSafeText() {
		String first = token(printed("--name", "a", "--roles", "hosts:read"));
		String second = token(printed("--name", "a", "--roles", "hosts:read"));
		assertThat(first).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(second);
	}

	@Test
	void wrongArgumentsExitTwoAndPrintNoToken() {
		CommandRun unknownRole = CommandRun.of(Map.of(), "token", "--name", "operator", "--roles", "hosts:read,root");
		CommandRun notKebab = CommandRun.of(Map.of(), "token", "--name", "Not Kebab", "--roles", "hosts:read");
		CommandRun noRoles = CommandRun.of(Map.of(), "token", "--name", "operator");
		for (CommandRun run : List.of(unknownRole, notKebab, noRoles)) {
			run.assertExit(2);
			assertThat(run.out()).isEmpty();
		}
		assertThat(unknownRole.err()).isEqualTo("unknown role 'root'\n");
		assertThat(notKebab.err()).isEqualTo("--name must be kebab-case, at most 50 characters\n");
		assertThat(noRoles.err()).startsWith("Missing required option: '--roles=ROLE'").contains("Usage: vigil token");
	}

	private static String printed(String... args) {
		return CommandRun.ofCommand(Map.of(), "token", args).assertExit(0).out();
	}

	private static String token(String printed) {
		Matcher matcher = TOKEN.matcher(printed);
		assertThat(matcher.find()).as("a token line in %s", printed).isTrue();
		return matcher.group(1);
	}

	/** The YAML block, from {@code vigil:} to the blank line after it, as a user pastes it. */
	private static String yaml(String printed) {
		List<String> lines = Arrays.asList(printed.split("\n"));
		int start = lines.indexOf("vigil:");
		int end = lines.subList(start, lines.size()).indexOf("");
		return String.join("\n", lines.subList(start, start + end)) + "\n";
	}

}
