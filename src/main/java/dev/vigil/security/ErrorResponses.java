package dev.vigil.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The HTTP answers to refused requests: 401, 403 and 429, each a fixed message that tells an
 * attacker nothing (not whether a token exists, nor which role is missing).
 */
final class ErrorResponses {

	static final AuthenticationEntryPoint UNAUTHORIZED = (request, response, ex) -> unauthorized(response);

	static final AccessDeniedHandler FORBIDDEN = (request, response, ex) -> write(response, 403, "forbidden");

	private ErrorResponses() {
	}

	/** 429 for an address that failed too often, else 401. */
	static void refused(HttpServletResponse response, AuthenticationException ex) throws IOException {
		if (ex instanceof TooManyFailedAttemptsException) {
			write(response, 429, ex.getMessage());
		}
		else {
			unauthorized(response);
		}
	}

	private static void unauthorized(HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		write(response, 401, ApiTokenAuthenticationProvider.REFUSED);
	}

	private static void write(HttpServletResponse response, int status, String message) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		// Fixed messages only: nothing here comes from the request.
		response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + message + "\"}");
	}

}
