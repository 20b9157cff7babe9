package dev.vigil.client.sink;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.vigil.testing.FixedAndFreshSeeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A template's contract line on text nobody chose: a first line declaring a version gives that
 * version, however it is spaced or quoted; any other template is refused with the sink's own error,
 * never another exception, before anything is written. Properties run with a fixed seed and, once
 * more, with a new one that a failure prints.
 */
@FixedAndFreshSeeds
class ContractLinePropertiesTest {

	@Property(tries = 300)
	void aDeclaredVersionIsReadHoweverItIsWritten(@ForAll("versions") String version, @ForAll("spaces") String before,
			@ForAll("spaces") String after, @ForAll boolean quoted) {
		readsTheVersion(version, before, after, quoted);
	}

	@Property(tries = 500)
	void anyTemplateParsesOrIsRefusedBySinkException(@ForAll("templates") String text) {
		parsesOrRefuses(text);
	}

	private static void readsTheVersion(String version, String before, String after, boolean quoted) {
		String declared = quoted ? "\"" + version + "\"" : version;
		SinkTemplate template = SinkTemplate.parse("t", "{{!" + before + "contract_version:" + before + declared + after
				+ "}}\n{{#Entries}}{{Hostname}}{{/Entries}}\n");
		assertThat(template.contractVersion()).isEqualTo(version);
	}

	private static void parsesOrRefuses(String text) {
		Throwable thrown = catchThrowable(() -> SinkTemplate.parse("t", text));
		if (thrown != null) {
			assertThat(thrown).isInstanceOf(SinkException.class).hasMessageStartingWith("template t ");
		}
	}

	@Provide
	Arbitrary<String> versions() {
		return Arbitraries.strings().withChars("0123456789.abcXYZ-_+").ofMinLength(1).ofMaxLength(8);
	}

	@Provide
	Arbitrary<String> spaces() {
		return Arbitraries.strings().withChars(" \t").ofMaxLength(3);
	}

	/** Declarations spoilt, and template bodies with unbalanced or unknown tags. */
	@Provide
	Arbitrary<String> templates() {
		Arbitrary<String> first = Arbitraries.oneOf(Arbitraries.just("{{! contract_version: 1 }}"),
				Arbitraries.strings().withChars("{}!: contract_version\"1").ofMaxLength(40), Arbitraries.strings().ofMaxLength(30));
		Arbitrary<String> body = Arbitraries.strings().withChars("{}#/^&!>=.abcEntriesHostname \n").ofMaxLength(80);
		return first.flatMap((line) -> body.map((rest) -> line + "\n" + rest));
	}

}
