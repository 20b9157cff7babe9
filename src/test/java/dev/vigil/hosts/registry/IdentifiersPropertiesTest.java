package dev.vigil.hosts.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import dev.vigil.testing.FixedAndFreshSeeds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Addresses, names and ids on input nobody chose, against oracles of their own: every address
 * Java writes from bytes parses to those bytes, and whatever parses as an address writes back to
 * itself; a name is accepted exactly when RFC 1123 (the resolvers' rule) allows it; every ULID the
 * registry makes is valid and sorts by its time. Properties run with a fixed seed and, once more,
 * with a new one that a failure prints.
 */
@FixedAndFreshSeeds
class IdentifiersPropertiesTest {

	/** RFC 1123 host names: labels of 1-63 letters, digits and inner hyphens, 253 characters in all. */
	private static final Pattern RFC_1123 = Pattern
		.compile("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

	private static final Pattern DOTTED_NUMBERS = Pattern.compile("\\d+(\\.\\d+){3}");

	@Property(tries = 500)
	void anAddressJavaWritesParsesToItsBytes(@ForAll("addressBytes") byte[] bytes) {
		parsesToItsBytes(bytes);
	}

	@Property(tries = 1000)
	void whatParsesAsAnAddressWritesBackToItself(@ForAll("addressLike") String text) {
		writesBackToItself(text);
	}

	@Property(tries = 1000)
	void aNameIsAcceptedExactlyWhenRfc1123AllowsIt(@ForAll("nameLike") String name) {
		acceptedExactlyWhenAllowed(name);
	}

	@Property(tries = 200)
	void ulidsAreValidAndSortByTheirTime(@ForAll @LongRange(min = 0, max = 281474976710655L) long first,
			@ForAll @LongRange(min = 0, max = 281474976710655L) long second) {
		String a = new Ulid(Clock.fixed(Instant.ofEpochMilli(first), ZoneOffset.UTC)).next();
		String b = new Ulid(Clock.fixed(Instant.ofEpochMilli(second), ZoneOffset.UTC)).next();
		assertThat(Ulid.isValid(a)).isTrue();
		assertThat(Change.isId(b)).isTrue();
		if (first != second) {
			assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Long.signum(first - second));
		}
		assertThat(Ulid.isValid(a.toLowerCase())).as("not canonical").isFalse();
	}

	private static void parsesToItsBytes(byte[] bytes) {
		InetAddress address = address(bytes);
		Optional<IpAddress> parsed = IpAddress.parse(address.getHostAddress());
		assertThat(parsed).as(address.getHostAddress()).isPresent();
		assertThat(address(parsed.get().canonical()).getAddress()).isEqualTo(address.getAddress());
	}

	private static void writesBackToItself(String text) {
		IpAddress.parse(text).ifPresent((parsed) -> {
			assertThat(IpAddress.parse(parsed.canonical())).as(text).hasValueSatisfying(
					(again) -> assertThat(again.canonical()).isEqualTo(parsed.canonical()));
			assertThat(address(parsed.canonical()).getAddress()).isEqualTo(address(text).getAddress());
		});
	}

	private static void acceptedExactlyWhenAllowed(String name) {
		boolean accepted;
		try {
			HostValidator.validate(new HostFields("10.0.0.1", name, List.of(), null, List.of()));
			accepted = true;
		}
		catch (HostsException ex) {
			accepted = false;
		}
		if (!DOTTED_NUMBERS.matcher(name).matches()) {
			assertThat(accepted).as("\"%s\"", name).isEqualTo(RFC_1123.matcher(name).matches());
		}
	}

	/** An address from its bytes or from a literal: no name is ever looked up. */
	private static InetAddress address(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static InetAddress address(String literal) {
		assertThat(literal).as("a literal, never a name to look up").matches("[0-9A-Fa-f:.]+");
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Provide
	Arbitrary<byte[]> addressBytes() {
		return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(4),
				Arbitraries.bytes().array(byte[].class).ofSize(16),
				Arbitraries.bytes().array(byte[].class).ofSize(4).map((v4) -> new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
						(byte) 0xFF, (byte) 0xFF, v4[0], v4[1], v4[2], v4[3] }));
	}

	@Provide
	Arbitrary<String> addressLike() {
		return Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789.").ofMaxLength(20),
				Arbitraries.strings().withChars("0123456789abcdefABCDEF:.").ofMaxLength(45),
				Arbitraries.integers().between(0, 300).list().ofSize(4).map((parts) -> String.join(".",
						parts.stream().map(String::valueOf).toList())));
	}

	@Provide
	Arbitrary<String> nameLike() {
		Arbitrary<String> label = Arbitraries.strings().withChars("abcXYZ09-_").ofMinLength(0).ofMaxLength(70);
		return Arbitraries.oneOf(label.list().ofMinSize(1).ofMaxSize(6).map((labels) -> String.join(".", labels)),
				Arbitraries.strings().withChars("abc09-. _\u00e9").ofMaxLength(30),
				Arbitraries.strings().withChars("a").ofMinLength(250).ofMaxLength(256));
	}

}
