package dev.vigil.hosts.formats;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostFields;
import dev.vigil.hosts.registry.HostRepository;
import dev.vigil.hosts.registry.HostValidator;
import dev.vigil.hosts.registry.HostsException;
import dev.vigil.testing.FixedAndFreshSeeds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import and export formats on entries nobody chose: any valid registry exported and imported
 * in any format reads back exactly, and exporting that again gives the same text; any text at all
 * decodes to entries or to errors that say where, never to an exception. Each property runs with a
 * fixed seed and, once more, with a new one that a failure prints.
 */
@FixedAndFreshSeeds
class HostsCodecPropertiesTest {

	@Property(tries = 200)
	void exportThenImportIsStableForAnyValidRegistry(@ForAll("registries") List<HostFields> registry) {
		roundTrips(registry);
	}

	@Property(tries = 300)
	void anyTextDecodesToEntriesOrErrors(@ForAll("texts") String text) {
		decodesWithoutThrowing(text);
	}

	private static void roundTrips(List<HostFields> registry) {
		for (HostsFormat format : HostsFormat.values()) {
			String exported = export(format, registry);
			List<HostsCodec.Decoded> decoded = format.codec().decode(exported);
			assertThat(decoded).as("%s:%n%s", format, exported).allSatisfy((entry) -> assertThat(entry.error()).isNull());
			List<HostFields> imported = decoded.stream().map((entry) -> HostValidator.validate(entry.fields())).toList();
			assertThat(imported).as("%s:%n%s", format, exported).isEqualTo(registry);
			assertThat(export(format, imported)).as(format.name()).isEqualTo(exported);
		}
	}

	private static void decodesWithoutThrowing(String text) {
		for (HostsFormat format : HostsFormat.values()) {
			List<HostsCodec.Decoded> decoded = format.codec().decode(text);
			assertThat(decoded).as(format.name())
				.allSatisfy((entry) -> assertThat(entry.fields() != null || (entry.error() != null && entry.position() != null))
					.isTrue());
		}
	}

	private static String export(HostsFormat format, List<HostFields> registry) {
		StringBuilder text = new StringBuilder(format.begin());
		for (int i = 0; i < registry.size(); i++) {
			text.append(format.entry(new Host(String.format("01ARZ3NDEKTSV4RRFFQ69G5F%02d", i), registry.get(i),
					Instant.EPOCH, Instant.EPOCH, 1), i == 0));
		}
		return text.append(format.end()).toString();
	}

	@Provide
	Arbitrary<List<HostFields>> registries() {
		return entries().list().ofMaxSize(8).map(HostsCodecPropertiesTest::distinctPairs);
	}

	@Provide
	Arbitrary<String> texts() {
		return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300),
				Arbitraries.strings().withChars("0123456789abcdef.:,\"#[]{} \t\r\n\\-_=").ofMaxLength(300),
				registries().map((registry) -> export(HostsFormat.CSV, registry)).map(HostsCodecPropertiesTest::spoil),
				registries().map((registry) -> export(HostsFormat.JSON, registry)).map(HostsCodecPropertiesTest::spoil),
				registries().map((registry) -> export(HostsFormat.HOSTS, registry)).map(HostsCodecPropertiesTest::spoil));
	}

	/** Cuts a valid document in the middle, as a truncated upload would. */
	private static String spoil(String text) {
		return text.substring(0, Math.min(text.length(), text.length() / 2 + (text.length() % 7)));
	}

	private static Arbitrary<HostFields> entries() {
		Arbitrary<String> hostname = names();
		return Combinators
			.combine(addresses(), hostname, names().list().ofMaxSize(3), comments(), tags().list().ofMaxSize(3))
			.as((ip, name, aliases, comment, tags) -> new HostFields(ip, name,
					aliases.stream().filter((alias) -> !alias.equalsIgnoreCase(name)).distinct().toList(), comment,
					tags.stream().distinct().toList()))
			.filter(HostsCodecPropertiesTest::valid)
			.map(HostValidator::validate);
	}

	private static boolean valid(HostFields fields) {
		try {
			HostValidator.validate(fields);
			return true;
		}
		catch (HostsException ex) {
			return false;
		}
	}

	/** IPv4 and IPv6 addresses from their bytes, written as Java writes them (no name lookup). */
	private static Arbitrary<String> addresses() {
		return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(4),
				Arbitraries.bytes().array(byte[].class).ofSize(16))
			.map((bytes) -> {
				try {
					return InetAddress.getByAddress(bytes).getHostAddress();
				}
				catch (UnknownHostException ex) {
					throw new IllegalStateException(ex);
				}
			});
	}

	private static Arbitrary<String> names() {
		Arbitrary<String> label = Arbitraries.strings()
			.withChars("abcdefghijklmnopqrstuvwxyz0123456789")
			.ofMinLength(1)
			.ofMaxLength(10);
		return label.list().ofMinSize(1).ofMaxSize(3).map((labels) -> String.join(".", labels) + ".example");
	}

	/** Free text with the characters formats quote or split on, not starting or ending in a space. */
	private static Arbitrary<String> comments() {
		Arbitrary<String> text = Arbitraries.strings()
			.withChars("abcXYZ019 ,;:#\"'[]{}=\\/\u00e9\u2603")
			.ofMinLength(1)
			.ofMaxLength(40)
			.filter((comment) -> !comment.isBlank() && comment.strip().equals(comment));
		return Arbitraries.oneOf(text, Arbitraries.just(null));
	}

	private static Arbitrary<String> tags() {
		return Arbitraries.strings().withChars("abcXYZ019-_=:.\u00fc").ofMinLength(1).ofMaxLength(12);
	}

	/** The registry keeps one entry per address and name. */
	private static List<HostFields> distinctPairs(List<HostFields> entries) {
		List<HostFields> distinct = new ArrayList<>();
		List<String> seen = new ArrayList<>();
		for (HostFields entry : entries) {
			String pair = HostRepository.pairKey(entry);
			if (!seen.contains(pair)) {
				seen.add(pair);
				distinct.add(entry);
			}
		}
		return distinct;
	}

	@Property(tries = 100)
	void validationIsIdempotent(@ForAll("registries") @Size(max = 3) List<HostFields> registry) {
		assertThat(registry.stream().map(HostValidator::validate).toList()).isEqualTo(registry);
	}

}
