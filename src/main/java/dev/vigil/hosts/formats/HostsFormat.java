package dev.vigil.hosts.formats;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.vigil.hosts.entries.HostValidator;
import dev.vigil.hosts.entries.HostsException;

/**
 * The export and import formats by their wire names.
 */
public enum HostsFormat {

	HOSTS(new HostsFileCodec()), JSON(new JsonCodec()), CSV(new CsvCodec());

	private final HostsCodec codec;

	HostsFormat(HostsCodec codec) {
		this.codec = codec;
	}

	public HostsCodec codec() {
		return this.codec;
	}

	/** The named format; an empty name is {@code defaultFormat}. */
	public static HostsFormat named(String name, HostsFormat defaultFormat) {
		if (name == null || name.isEmpty()) {
			return defaultFormat;
		}
		try {
			return valueOf(name.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw HostsException.invalid("format", "must be one of " + Arrays.stream(values())
				.map((format) -> format.name().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", ")) + ", got \"" + HostValidator.printable(name) + "\"");
		}
	}

}
