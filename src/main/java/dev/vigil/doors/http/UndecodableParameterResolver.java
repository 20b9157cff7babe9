package dev.vigil.doors.http;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.handler.AbstractHandlerExceptionResolver;

/**
 * Answers 400 when a request's parameters cannot be decoded ({@code ?a=%zz}). Tomcat 11 throws
 * from the first {@code getParameter} call, which for Actuator's endpoints happens inside the
 * handler; left alone, the exception leaves the servlet and Tomcat logs it as an ERROR with a
 * stack trace, so any client could fill the log. Resolved here, it is a client's mistake like any
 * other 400 and is not logged. A bean of this type is picked up by the management port's own
 * dispatcher too.
 */
@Component
class UndecodableParameterResolver extends AbstractHandlerExceptionResolver {

	UndecodableParameterResolver() {
		setOrder(Ordered.HIGHEST_PRECEDENCE);
	}

	@Override
	protected ModelAndView doResolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!(ex instanceof InvalidParameterException)) {
			return null;
		}
		try {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
		}
		catch (IOException writeFailed) {
			throw new UncheckedIOException(writeFailed);
		}
		return new ModelAndView();
	}

}
