package dev.vigil.security;

import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks secrets in {@code /actuator/env} and {@code /actuator/configprops}, which show values only
 * to the {@code actuator} role: passwords, tokens and their digests, keys, hook commands (which may
 * carry credentials), and the credentials inside URLs.
 */
final class SecretSanitizer implements SanitizingFunction {

	private static final Pattern SECRET_KEY = Pattern
		.compile("(?i).*(password|passwd|secret|token|credential|sha256|private-?key|api-?key).*|(.*\\.)?command");

	private static final Pattern URL_USER_INFO = Pattern.compile("(?i)(//)[^/@\\s]+@");

	private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;\\s]*");

	@Override
	public SanitizableData apply(SanitizableData data) {
		if (data.getValue() == null) {
			return data;
		}
		if (SECRET_KEY.matcher(data.getKey()).matches()) {
			return data.withSanitizedValue();
		}
		if (data.getValue() instanceof String text) {
			String cleaned = URL_PASSWORD.matcher(URL_USER_INFO.matcher(text).replaceAll("$1******@"))
				.replaceAll("$1******");
			if (!cleaned.equals(text)) {
				return data.withValue(cleaned);
			}
		}
		return data;
	}

}
