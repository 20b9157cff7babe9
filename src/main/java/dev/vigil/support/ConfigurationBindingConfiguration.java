package dev.vigil.support;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rules that apply to every Vigil configuration property, whatever component binds it.
 */
@Configuration(proxyBeanMethods = false)
class ConfigurationBindingConfiguration {

	/** Static: the binder asks for advisors before ordinary beans exist. */
	@Bean
	static DurationUnitRequirement durationUnitRequirement() {
		return new DurationUnitRequirement();
	}

}
