package dev.vigil.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * API tokens and the failed-attempt limit, shared by the HTTP and gRPC sides. The provider is a
 * bean even with security off, so Spring Boot never makes (and logs) a default user.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessProperties.class)
class AccessConfiguration {

	@Bean
	ApiTokenAuthenticationProvider apiTokenAuthenticationProvider(AccessProperties properties) {
		return new ApiTokenAuthenticationProvider(properties.tokens(), new FailedAttemptLimiter(
				properties.maxFailedAttempts(), properties.failedAttemptsWindow(), System::nanoTime));
	}

	@Bean
	SecretSanitizer secretSanitizer() {
		return new SecretSanitizer();
	}

}
