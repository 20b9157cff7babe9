package dev.vigil.security;

import dev.vigil.support.SecretRedactor;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks secrets in {@code /actuator/env} and {@code /actuator/configprops}, which show values only
 * to the {@code actuator} role, by {@link SecretRedactor}'s rules: a secret property's whole value,
 * and the credentials inside any URL.
 */
final class SecretSanitizer implements SanitizingFunction {

	@Override
	public SanitizableData apply(SanitizableData data) {
		if (data.getValue() == null) {
			return data;
		}
		if (SecretRedactor.isSecretName(data.getKey())) {
			return data.withSanitizedValue();
		}
		if (data.getValue() instanceof String text) {
			String cleaned = SecretRedactor.maskUrlCredentials(text);
			if (!cleaned.equals(text)) {
				return data.withValue(cleaned);
			}
		}
		return data;
	}

}
