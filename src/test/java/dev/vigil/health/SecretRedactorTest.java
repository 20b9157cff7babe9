package dev.vigil.health;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class SecretRedactorTest {

	private final SecretRedactor redactor = SecretRedactor.from(new MockEnvironment()
		.withProperty("spring.datasource.password", "pw-1234")
		.withProperty("spring.datasource.url", "jdbc:postgresql://vigil:inline-pass@db:5432/vigil?password=query-pass")
		.withProperty("vigil.ipc.token", "tok-5678")
		.withProperty("server.port", "8080"));

	@Test
	void removesPropertySecretsAndPasswordsInsideUrls() {
		assertThat(this.redactor.redact("auth failed for pw-1234 with tok-5678")).isEqualTo("auth failed for ****** with ******");
		assertThat(this.redactor.redact("bad login inline-pass / query-pass")).isEqualTo("bad login ****** / ******");
		assertThat(this.redactor.redact("cannot reach jdbc:postgresql://vigil:inline-pass@db:5432/vigil?password=query-pass"))
			.isEqualTo("cannot reach ******");
	}

	@Test
	void leavesOrdinaryTextAlone() {
		assertThat(this.redactor.redact("listening on 8080")).isEqualTo("listening on 8080");
		assertThat(this.redactor.redact(null)).isEmpty();
	}

}
