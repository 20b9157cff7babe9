package dev.vigil.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import dev.vigil.testing.FixedAndFreshSeeds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pieces of the access rules that read what a caller sends, on input nobody chose: the
 * {@code Authorization} header's token (Bearer, or Basic with the token as password; anything else
 * is an empty token that never matches), token digests, and the failed-attempt bound. Properties
 * run with a fixed seed and, once more, with a new one that a failure prints.
 */
@FixedAndFreshSeeds
class CredentialsParsingTest {

	@Property(tries = 300)
	void aBearerOrBasicHeaderGivesItsTokenBack(@ForAll("tokens") String token, @ForAll("users") String user) {
		givesTokenBack(token, user);
	}

	@Property(tries = 500)
	void anyHeaderReadsAsSomeTokenWithoutThrowing(@ForAll("headers") String header) {
		readsWithoutThrowing(header);
	}

	@Property(tries = 200)
	void aDigestMatchesItsTokenAndNoOther(@ForAll("tokens") String token, @ForAll("tokens") String other) {
		byte[] digest = TokenDigest.sha256(token);
		assertThat(digest).hasSize(32);
		assertThat(TokenDigest.matches(digest, token)).isTrue();
		assertThat(TokenDigest.matches(digest, other)).isEqualTo(other.equals(token));
	}

	@Test
	void unknownSchemesAndBrokenBasicAreEmptyTokens() {
		assertThat(AuthorizationHeader.token("Bearer abc")).isEqualTo("abc");
		assertThat(AuthorizationHeader.token("bearer  abc ")).isEqualTo("abc");
		assertThat(AuthorizationHeader.token("Token abc")).isEmpty();
		assertThat(AuthorizationHeader.token("Bearer")).isEmpty();
		assertThat(AuthorizationHeader.token("Basic %%%")).isEmpty();
		assertThat(AuthorizationHeader.token("Basic " + base64("no-colon"))).isEmpty();
		assertThat(AuthorizationHeader.token("Basic " + base64("user:pass:word"))).isEqualTo("pass:word");
	}

	@Test
	void anAddressPastItsFailuresIsBlockedUntilItsWindowEnds() {
		AtomicLong now = new AtomicLong();
		FailedAttemptLimiter limiter = new FailedAttemptLimiter(3, Duration.ofSeconds(10), now::get);
		for (int i = 0; i < 2; i++) {
			limiter.failed("10.0.0.1");
		}
		assertThat(limiter.blocked("10.0.0.1")).isFalse();
		limiter.failed("10.0.0.1");
		assertThat(limiter.blocked("10.0.0.1")).isTrue();
		assertThat(limiter.blocked("10.0.0.2")).as("another address").isFalse();
		now.addAndGet(Duration.ofSeconds(10).toNanos() - 1);
		assertThat(limiter.blocked("10.0.0.1")).as("just inside the window").isTrue();
		now.addAndGet(1);
		assertThat(limiter.blocked("10.0.0.1")).as("the window has ended").isFalse();
		limiter.failed("10.0.0.1");
		assertThat(limiter.blocked("10.0.0.1")).as("a new window counts afresh").isFalse();
	}

	private static void givesTokenBack(String token, String user) {
		assertThat(AuthorizationHeader.token("Bearer " + token)).isEqualTo(token.strip());
		assertThat(AuthorizationHeader.token("Basic " + base64(user + ":" + token))).isEqualTo(token);
	}

	private static void readsWithoutThrowing(String header) {
		String token = AuthorizationHeader.token(header);
		assertThat(token).isNotNull();
		assertThat(header.isEmpty() || header.indexOf(' ') < 0).as("no scheme, no token").matches(
				(noScheme) -> !noScheme || token.isEmpty());
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	@Provide
	Arbitrary<String> tokens() {
		return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(64);
	}

	@Provide
	Arbitrary<String> users() {
		return Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(12);
	}

	@Provide
	Arbitrary<String> headers() {
		return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(100),
				Arbitraries.strings().withChars("Basic Bearer =:+/ %").ofMaxLength(40),
				Arbitraries.strings().ofMaxLength(60).map((text) -> "Basic " + text),
				Arbitraries.strings().ofMaxLength(60).map((text) -> "Basic " + base64(text)));
	}

}
