package dev.vigil.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The token in an {@code Authorization} header: {@code Bearer TOKEN}, or HTTP Basic with the
 * token as the password (for Spring Boot Admin and scrapers that speak only Basic; the user name
 * is ignored). Anything else reads as an empty token, which never matches.
 */
final class AuthorizationHeader {

	private AuthorizationHeader() {
	}

	static String token(String header) {
		int space = header.indexOf(' ');
		if (space < 0) {
			return "";
		}
		String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
		String value = header.substring(space + 1).trim();
		if (scheme.equals("bearer")) {
			return value;
		}
		if (scheme.equals("basic")) {
			try {
				String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				return (colon >= 0) ? decoded.substring(colon + 1) : "";
			}
			catch (IllegalArgumentException ex) {
				return "";
			}
		}
		return "";
	}

}
