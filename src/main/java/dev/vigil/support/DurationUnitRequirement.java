package dev.vigil.support;

import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Refuses a {@code vigil.*} duration written as a bare number. Spring reads {@code timeout: 30}
 * as 30 milliseconds, which is seldom what was meant; Vigil's durations must say their unit
 * ({@code 30s}, {@code 500ms}, {@code PT30S}).
 */
class DurationUnitRequirement implements ConfigurationPropertiesBindHandlerAdvisor {

	private static final ConfigurationPropertyName VIGIL = ConfigurationPropertyName.of("vigil");

	private static final Pattern BARE_NUMBER = Pattern.compile("\\s*[+-]?\\d+\\s*");

	@Override
	public BindHandler apply(BindHandler bindHandler) {
		return new AbstractBindHandler(bindHandler) {

			@Override
			public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					Object result) {
				ConfigurationProperty property = context.getConfigurationProperty();
				if (Duration.class.equals(target.getType().resolve()) && VIGIL.isAncestorOf(name) && property != null
						&& isBareNumber(property.getValue())) {
					throw new IllegalArgumentException(
							"a duration needs a unit, such as 500ms, 30s or 5m; a bare number is refused");
				}
				return super.onSuccess(name, target, context, result);
			}

		};
	}

	private static boolean isBareNumber(Object value) {
		return value instanceof Number || (value instanceof CharSequence text && BARE_NUMBER.matcher(text).matches());
	}

}
