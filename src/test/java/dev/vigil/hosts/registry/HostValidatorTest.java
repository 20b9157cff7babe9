package dev.vigil.hosts.registry;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostValidatorTest {

	@ParameterizedTest
	@CsvSource({ "192.168.001.1,", "10.0.0.256,", "2001:DB8:0:0:0:0:0:1,2001:db8::1", "0:0:0:0:0:0:0:1,::1",
			"2001:db8:0:1:0:0:0:1,2001:db8:0:1::1", "2001:0:0:1:0:0:1:1,2001::1:0:0:1:1", "fe80::1%eth0,",
			"example.com,", "10.1.2.3,10.1.2.3" })
	void addressesAreParsedToCanonicalFormOrRejected(String text, String canonical) {
		if (canonical == null) {
			assertThatThrownBy(() -> HostValidator.validate(fields(text, "a.example")))
				.hasMessageStartingWith("ip_address: must be an IPv4 or IPv6 address");
		}
		else {
			assertThat(HostValidator.validate(fields(text, "a.example")).ipAddress()).isEqualTo(canonical);
		}
	}

	@Test
	void addressesSortNumericallyWithIpv4First() {
		List<String> keys = List.of("10.0.0.2", "10.0.0.10", "9.255.255.255", "::1", "2001:db8::1")
			.stream()
			.map((ip) -> IpAddress.parse(ip).orElseThrow())
			.sorted(Comparator.comparing(IpAddress::sortKey))
			.map(IpAddress::canonical)
			.toList();
		assertThat(keys).containsExactly("9.255.255.255", "10.0.0.2", "10.0.0.10", "::1", "2001:db8::1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "-a.example", "a-.example", ".example", "example.", "a..example", "under_score.example",
			"10.0.0.1", "spa ce" })
	void badHostnamesAreRejectedNamingTheField(String hostname) {
		assertThatThrownBy(() -> HostValidator.validate(fields("10.0.0.1", hostname)))
			.isInstanceOf(HostsException.class)
			.hasMessageStartingWith("hostname: ");
	}

	@Test
	void hostnameLengthsFollowRfc1123() {
		String label63 = "a".repeat(63);
		assertThat(HostValidator.validate(fields("10.0.0.1", label63 + ".example")).hostname()).startsWith(label63);
		assertThatThrownBy(() -> HostValidator.validate(fields("10.0.0.1", "a".repeat(64) + ".example")))
			.hasMessageContaining("1-63");
		String long254 = String.join(".", Collections.nCopies(127, "a")) ;
		assertThat(long254).hasSize(253);
		assertThat(HostValidator.validate(fields("10.0.0.1", long254)).hostname()).hasSize(253);
		assertThatThrownBy(() -> HostValidator.validate(fields("10.0.0.1", long254 + "a")))
			.hasMessage("hostname: must be at most 253 characters");
	}

	@Test
	void aliasRules() {
		assertThatThrownBy(() -> HostValidator.validate(aliases("10.0.0.9")))
			.hasMessage("aliases: must be a name, not an IP address");
		assertThatThrownBy(() -> HostValidator.validate(aliases("HOST.example")))
			.hasMessage("aliases: \"HOST.example\" repeats the hostname");
		assertThatThrownBy(() -> HostValidator.validate(aliases("b.example", "B.example")))
			.hasMessage("aliases: \"B.example\" appears twice");
		List<String> tooMany = IntStream.rangeClosed(1, 51).mapToObj((i) -> "a" + i).toList();
		assertThatThrownBy(() -> HostValidator.validate(aliases(tooMany.toArray(String[]::new))))
			.hasMessage("aliases: at most 50 allowed, got 51");
	}

	@Test
	void commentAndTagRules() {
		assertThatThrownBy(() -> HostValidator.validate(new HostFields("10.0.0.1", "h", List.of(), "a\nb", List.of())))
			.hasMessage("comment: must not contain control characters");
		assertThatThrownBy(
				() -> HostValidator.validate(new HostFields("10.0.0.1", "h", List.of(), "x".repeat(1025), List.of())))
			.hasMessage("comment: must be at most 1024 characters");
		assertThatThrownBy(() -> HostValidator.validate(new HostFields("10.0.0.1", "h", List.of(), null, List.of("a b"))))
			.hasMessageStartingWith("tags: \"a b\" must not contain whitespace");
		assertThatThrownBy(
				() -> HostValidator.validate(new HostFields("10.0.0.1", "h", List.of(), null, List.of("x".repeat(65)))))
			.hasMessage("tags: each must be 1-64 characters");
		assertThat(HostValidator.validate(new HostFields("10.0.0.1", "h", List.of(), "  ", List.of())).comment()).isNull();
	}

	private static HostFields fields(String ip, String hostname) {
		return new HostFields(ip, hostname, List.of(), null, List.of());
	}

	private static HostFields aliases(String... aliases) {
		return new HostFields("10.0.0.1", "host.example", List.of(aliases), null, List.of());
	}

}
