package dev.vigil.hosts;

import java.util.List;

/**
 * One export and import format. Export writes {@link #begin()}, each entry, then {@link #end()};
 * import decodes the whole text into raw entries, each with where it came from.
 */
interface HostsCodec {

	String begin();

	String entry(Host host, boolean first);

	String end();

	List<Decoded> decode(String text);

	/** One decoded entry, or why its line could not be read; {@code position} says where, for errors. */
	record Decoded(String position, HostFields fields, String error) {

		static Decoded of(String position, HostFields fields) {
			return new Decoded(position, fields, null);
		}

		static Decoded failed(String position, String error) {
			return new Decoded(position, null, error);
		}

	}

}
