package dev.vigil.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * API tokens, client certificates and the failed-attempt limit, shared by the HTTP and gRPC sides. The provider is a
 * bean even with security off, so Spring Boot never makes (and logs) a default user.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessProperties.class)
class AccessConfiguration {

	@Bean
	FailedAttemptLimiter failedAttemptLimiter(AccessProperties properties) {
		return new FailedAttemptLimiter(properties.maxFailedAttempts(), properties.failedAttemptsWindow(),
				System::nanoTime);
	}

	@Bean
	ApiTokenAuthenticationProvider apiTokenAuthenticationProvider(AccessProperties properties,
			FailedAttemptLimiter limiter) {
		return new ApiTokenAuthenticationProvider(properties.tokens(), limiter);
	}

	@Bean
	ClientCertificateAuthenticationProvider clientCertificateAuthenticationProvider(AccessProperties properties,
			FailedAttemptLimiter limiter) {
		return new ClientCertificateAuthenticationProvider(properties.clientCertificates(), limiter);
	}

	@Bean
	SecretSanitizer secretSanitizer() {
		return new SecretSanitizer();
	}

}
