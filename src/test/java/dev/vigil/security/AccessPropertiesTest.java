package dev.vigil.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class AccessPropertiesTest {

	private static final String DIGEST = "a".repeat(64);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void securityIsOnWithNoTokensByDefault() {
		this.runner.run((context) -> {
			AccessProperties properties = context.getBean(AccessProperties.class);
			assertThat(properties.enabled()).isTrue();
			assertThat(properties.tokens()).isEmpty();
			assertThat(properties.anonymousHealthDetails()).isFalse();
		});
	}

	@Test
	void aDigestThatIsNotSha256HexIsRefusedWithoutEchoingIt() {
		// Likely the token itself, pasted where its digest belongs: it must not reach the log.
		this.runner
			.withPropertyValues("vigil.security.tokens[0].name=ops", "vigil.security.tokens[0].sha256=plain-token",
					"vigil.security.tokens[0].roles=actuator")
			.run((context) -> assertThat(causes(context.getStartupFailure())).contains("must be 64 hex digits")
				.doesNotContain("plain-token"));
	}

	@Test
	void anUnknownRoleIsRefusedNamingTheKnownOnes() {
		assertRefused("must be one of hosts:read, hosts:write, models:infer, models:admin, actuator, actuator:write",
				"vigil.security.tokens[0].name=ops", "vigil.security.tokens[0].sha256=" + DIGEST,
				"vigil.security.tokens[0].roles=admin");
	}

	@Test
	void aTokenWithoutRolesIsRefused() {
		assertRefused("must not be empty", "vigil.security.tokens[0].name=ops",
				"vigil.security.tokens[0].sha256=" + DIGEST);
	}

	@Test
	void aTokenPrintsWithoutItsDigest() {
		this.runner
			.withPropertyValues("vigil.security.tokens[0].name=ops", "vigil.security.tokens[0].sha256=" + DIGEST,
					"vigil.security.tokens[0].roles=actuator,hosts:read")
			.run((context) -> assertThat(context.getBean(AccessProperties.class).tokens().get(0))
				.hasToString("ApiToken[name=ops, roles=[actuator, hosts:read]]"));
	}

	private void assertRefused(String message, String... properties) {
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(causes(context.getStartupFailure())).contains(message).doesNotContain(DIGEST);
		});
	}

	private static String causes(Throwable failure) {
		StringBuilder causes = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			causes.append(cause).append('\n');
		}
		return causes.toString();
	}

	@EnableConfigurationProperties(AccessProperties.class)
	static class PropertiesOnly {

	}

}
