package dev.vigil.doors.http;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Puts {@link MalformedRequestFilter} in front of every port that speaks HTTP. Component scanning
 * brings this class into the main context (the main port, and Actuator when it shares it); the
 * management context imports it by name ({@code META-INF/spring/…ManagementContextConfiguration.imports})
 * when Actuator has a port of its own, whose context registers only the filters it is given.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class MalformedRequestFilterConfiguration {

	@Bean
	FilterRegistrationBean<MalformedRequestFilter> malformedRequestFilterRegistration() {
		FilterRegistrationBean<MalformedRequestFilter> registration = new FilterRegistrationBean<>(
				new MalformedRequestFilter());
		registration.setOrder(MalformedRequestFilter.ORDER);
		return registration;
	}

}
