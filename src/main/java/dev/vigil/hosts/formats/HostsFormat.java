package dev.vigil.hosts.formats;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostValidator;
import dev.vigil.hosts.registry.HostsException;

/**
 * The export and import formats by their wire names.
 */
public enum HostsFormat {

	HOSTS(new HostsFileCodec()), JSON(new JsonCodec()), CSV(new CsvCodec());

	private final HostsCodec codec;

	HostsFormat(HostsCodec codec) {
		this.codec = codec;
	}

	HostsCodec codec() {
		return this.codec;
	}

	/** What an export starts with. */
	public String begin() {
		return this.codec.begin();
	}

	/** One entry of an export; {@code first} when none came before it. */
	public String entry(Host host, boolean first) {
		return this.codec.entry(host, first);
	}

	/** What an export ends with. */
	public String end() {
		return this.codec.end();
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
