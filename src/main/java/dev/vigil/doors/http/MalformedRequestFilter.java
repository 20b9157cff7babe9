package dev.vigil.doors.http;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 400, before security or any handler looks at it, a request whose path or parameters
 * cannot be decoded: a path parameter with a broken escape ({@code /readyz;a=%zz}), which Spring's
 * path parsing throws on inside the security filters, or a query that is not UTF-8
 * ({@code ?a=%zz}), which Tomcat 11 throws on at the first {@code getParameter}. Left alone, either
 * leaves the servlet as an exception Tomcat logs as an ERROR with a stack trace, and the path one
 * is answered 500. The answer is written here, not through the error page, which would parse the
 * same path again; nothing is logged, as for any other 400.
 */
class MalformedRequestFilter extends OncePerRequestFilter {

	/**
	 * After the character encoding filter (the parameters are decoded with its charset) and before
	 * the form content filter (-9900) and the security filters (-100).
	 */
	static final int ORDER = -10_000;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			// Only an escape can fail to decode: a probe's plain path and empty query cost two looks.
			String uri = request.getRequestURI();
			if (uri.indexOf('%') >= 0) {
				RequestPath.parse(uri, request.getContextPath());
			}
			if (request.getQueryString() != null || request.getContentType() != null) {
				request.getParameterMap();
			}
		}
		catch (IllegalArgumentException | IllegalStateException undecodable) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter().write("{\"status\":400,\"error\":\"the request's path or parameters cannot be decoded\"}");
			return;
		}
		chain.doFilter(request, response);
	}

}
