package dev.vigil.client;

import java.time.Duration;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import org.springframework.boot.convert.DurationStyle;

/** A duration option in Spring's simple form ({@code 30s}, {@code 500ms}, {@code 2m}) or ISO-8601. */
final class DurationConverter implements ITypeConverter<Duration> {

	@Override
	public Duration convert(String value) {
		try {
			Duration duration = DurationStyle.detectAndParse(value);
			if (duration.isNegative() || duration.isZero()) {
				throw new TypeConversionException("'" + value + "' is not a positive duration");
			}
			return duration;
		}
		catch (IllegalArgumentException ex) {
			throw new TypeConversionException("'" + value + "' is not a duration (30s, 500ms, 2m)");
		}
	}

}
