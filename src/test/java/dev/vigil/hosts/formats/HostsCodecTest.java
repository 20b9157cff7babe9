package dev.vigil.hosts.formats;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostFields;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every format reads back exactly what it wrote, including the awkward comments.
 */
class HostsCodecTest {

	private static final List<HostFields> ENTRIES = List.of(
			new HostFields("10.0.0.1", "plain.example", List.of(), null, List.of()),
			new HostFields("10.0.0.2", "full.example", List.of("a.example", "b"), "a comment, with \"quotes\" # and hash",
					List.of("prod", "k=v")),
			new HostFields("::1", "bracket.example", List.of(), "ends in [brackets]", List.of()),
			new HostFields("10.0.0.3", "tagsonly.example", List.of(), null, List.of("t1")),
			new HostFields("10.0.0.4", "unicode.example", List.of(), "caf\u00e9 \u2603 [x", List.of("\u00fcber")));

	@ParameterizedTest
	@EnumSource(HostsFormat.class)
	void roundTripsLosslessly(HostsFormat format) {
		HostsCodec codec = format.codec();
		StringBuilder text = new StringBuilder(codec.begin());
		for (int i = 0; i < ENTRIES.size(); i++) {
			text.append(codec.entry(new Host("01ARZ3NDEKTSV4RRFFQ69G5FA" + i, ENTRIES.get(i), Instant.EPOCH,
					Instant.EPOCH, 1), i == 0));
		}
		text.append(codec.end());
		List<HostsCodec.Decoded> decoded = codec.decode(text.toString());
		assertThat(decoded).allSatisfy((entry) -> assertThat(entry.error()).isNull());
		assertThat(decoded.stream().map(HostsCodec.Decoded::fields).toList()).isEqualTo(ENTRIES);
	}

	@ParameterizedTest
	@EnumSource(HostsFormat.class)
	void unreadableEntriesSayWhere(HostsFormat format) {
		String text = switch (format) {
			case HOSTS -> "10.0.0.1 ok.example\n10.0.0.2\n";
			case CSV -> "ip_address,hostname,aliases,comment,tags\n10.0.0.1,ok.example,,,\n10.0.0.2,\"open\n";
			case JSON -> "[{\"ip_address\":\"10.0.0.1\",\"hostname\":\"ok.example\"},{\"ip_address\":5}]";
		};
		List<HostsCodec.Decoded> decoded = format.codec().decode(text);
		assertThat(decoded).hasSize(2);
		assertThat(decoded.get(0).fields().hostname()).isEqualTo("ok.example");
		assertThat(decoded.get(1).error()).isNotBlank();
		assertThat(decoded.get(1).position()).isIn("line 2", "line 3", "entry 2");
	}

}
