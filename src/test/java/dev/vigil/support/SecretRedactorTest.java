package dev.vigil.support;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of secret the one masker knows, each through both of its uses: text that leaves the
 * process (health reasons, errors, logs) and the values the actuator shows.
 */
class SecretRedactorTest {

	/** One property of each kind whose whole value is a secret, and a value for it. */
	private static final Map<String, String> SECRET_PROPERTIES = Map.ofEntries(
			Map.entry("spring.datasource.password", "pw-1234"), Map.entry("some.db.passwd", "passwd-2"),
			Map.entry("app.client-secret", "secret-3"), Map.entry("vigil.ipc.token", "tok-5678"),
			Map.entry("cloud.credentials", "cred-4"), Map.entry("vigil.security.tokens[0].sha256", "ab12cd34"),
			Map.entry("tls.private-key", "pk-5"), Map.entry("tls.privateKey", "pk-6"), Map.entry("x.api-key", "ak-7"),
			Map.entry("x.apiKey", "ak-8"), Map.entry("signing.key", "sk-9"),
			Map.entry("vigil.hooks.on-success[0].command", "curl -u admin:hook-pass https://x"));

	private final MockEnvironment environment = new MockEnvironment();

	private final SecretRedactor redactor;

	SecretRedactorTest() {
		SECRET_PROPERTIES.forEach(this.environment::setProperty);
		this.environment.setProperty("spring.datasource.url",
				"jdbc:postgresql://vigil:inline-pass@db:5432/vigil?password=query-pass");
		this.environment.setProperty("server.port", "8080");
		this.redactor = SecretRedactor.from(this.environment);
	}

	@Test
	void everySecretPropertyIsASecretNameAndIsRedactedFromText() {
		SECRET_PROPERTIES.forEach((name, value) -> {
			assertThat(SecretRedactor.isSecretName(name)).as(name).isTrue();
			assertThat(this.redactor.redact("failed: " + value + ".")).as(name).isEqualTo("failed: ******.");
		});
		assertThat(SecretRedactor.isSecretName("server.port")).isFalse();
		assertThat(SecretRedactor.isSecretName("vigil.hosts.file.path")).isFalse();
	}

	@Test
	void credentialsInsideUrlsAreMaskedEverywhere() {
		assertThat(this.redactor.redact("bad login inline-pass / query-pass")).isEqualTo("bad login ****** / ******");
		assertThat(this.redactor.redact("cannot reach jdbc:postgresql://vigil:inline-pass@db:5432/vigil?password=query-pass"))
			.isEqualTo("cannot reach ******");
		assertThat(SecretRedactor.maskUrlCredentials("jdbc:postgresql://vigil:inline-pass@db:5432/vigil?password=query-pass"))
			.isEqualTo("jdbc:postgresql://******@db:5432/vigil?password=******");
		assertThat(SecretRedactor.maskUrlCredentials("https://token-only@example.com/x")).isEqualTo("https://******@example.com/x");
	}

	@Test
	void leavesOrdinaryTextAlone() {
		assertThat(this.redactor.redact("listening on 8080")).isEqualTo("listening on 8080");
		assertThat(SecretRedactor.maskUrlCredentials("http://example.com/a?b=c")).isEqualTo("http://example.com/a?b=c");
		assertThat(this.redactor.redact(null)).isEmpty();
	}

}
