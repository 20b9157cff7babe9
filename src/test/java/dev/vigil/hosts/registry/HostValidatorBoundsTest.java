package dev.vigil.hosts.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every bound of an entry's fields, at the bound and one past it, and every character class the
 * fields refuse: where a limit sits is part of the contract, so an off-by-one must fail a test.
 */
class HostValidatorBoundsTest {

	@Test
	void aliasesUpToFiftyAreKeptAsGiven() {
		List<String> fifty = names("alias", 50);
		assertThat(validate(fields("h.example", fifty, null, List.of())).aliases()).isEqualTo(fifty);
		refused(fields("h.example", names("alias", 51), null, List.of()), "aliases: at most 50 allowed, got 51");
	}

	@Test
	void tagsUpToFiftyOfUpToSixtyFourCharactersAreKeptAsGiven() {
		List<String> fifty = names("tag", 50);
		assertThat(validate(fields("h.example", List.of(), null, fifty)).tags()).isEqualTo(fifty);
		refused(fields("h.example", List.of(), null, names("tag", 51)), "tags: at most 50 allowed, got 51");
		assertThat(validate(fields("h.example", List.of(), null, List.of("t".repeat(64)))).tags()).hasSize(1);
		refused(fields("h.example", List.of(), null, List.of("t".repeat(65))), "tags: each must be 1-64 characters");
		refused(fields("h.example", List.of(), null, List.of("")), "tags: each must be 1-64 characters");
		refused(fields("h.example", List.of(), null, List.of("Prod", "prod")), "\"prod\" appears twice");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a b", "a,b", "a[b", "a]b", "a\tb", "a\u007fb", "a\u0000b", "a\u001fb" })
	void aTagRefusesWhitespaceControlsCommasAndBrackets(String tag) {
		refused(fields("h.example", List.of(), null, List.of(tag)), "must not contain whitespace");
	}

	@ParameterizedTest
	@ValueSource(strings = { "k=v", "a-b_c.d:e", "\u00fcber", "~!@#$%^&*()" })
	void aTagTakesAnythingElse(String tag) {
		assertThat(validate(fields("h.example", List.of(), null, List.of(tag))).tags()).containsExactly(tag);
	}

	@Test
	void aCommentUpTo1024CharactersWithoutControlsIsKeptStripped() {
		assertThat(validate(fields("h.example", List.of(), " " + "c".repeat(1024) + " ", List.of())).comment())
			.hasSize(1024);
		refused(fields("h.example", List.of(), "c".repeat(1025), List.of()), "comment: must be at most 1024 characters");
		assertThat(validate(fields("h.example", List.of(), "   ", List.of())).comment()).isNull();
		assertThat(validate(fields("h.example", List.of(), "space ~ tilde", List.of())).comment()).isEqualTo("space ~ tilde");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\u0000b", "a\u001fb", "a\u007fb", "a\nb", "a\tb" })
	void aCommentRefusesControlCharacters(String comment) {
		refused(fields("h.example", List.of(), comment, List.of()), "comment: must not contain control characters");
	}

	@Test
	void aNameHasLabelsOfUpToSixtyThreeAndUpTo253CharactersInAll() {
		String label63 = "a".repeat(63);
		assertThatNoException().isThrownBy(() -> validate(fields(label63 + ".example", List.of(), null, List.of())));
		refused(fields("a".repeat(64) + ".example", List.of(), null, List.of()), "must be 1-63 letters");
		String name253 = String.join(".", label63, label63, label63, "a".repeat(61));
		assertThat(name253).hasSize(253);
		assertThatNoException().isThrownBy(() -> validate(fields(name253, List.of(), null, List.of())));
		refused(fields(name253 + "a", List.of(), null, List.of()), "hostname: must be at most 253 characters");
		refused(fields("a.-b.example", List.of(), null, List.of()), "label \"-b\"");
		refused(fields("a.b-.example", List.of(), null, List.of()), "label \"b-\"");
		refused(fields("a..example", List.of(), null, List.of()), "label \"\"");
	}

	@Test
	void aLabelIsPrintableAndBounded() {
		assertThat(HostValidator.label("name", "n".repeat(255), 255)).hasSize(255);
		assertThatThrownBy(() -> HostValidator.label("name", "n".repeat(256), 255))
			.hasMessageContaining("name: must be at most 255 printable characters");
		assertThatThrownBy(() -> HostValidator.label("name", "a\u0085b", 255)).isInstanceOf(HostsException.class);
		assertThat(HostValidator.label("name", "", 255)).isEmpty();
	}

	@Test
	void errorsEchoInputWithoutControlsAndAtMostEightyCharacters() {
		assertThat(HostValidator.printable("a\nb\u0000c")).isEqualTo("a?b?c");
		assertThat(HostValidator.printable("x".repeat(80))).isEqualTo("x".repeat(80));
		assertThat(HostValidator.printable("x".repeat(81))).isEqualTo("x".repeat(80) + "...");
		assertThat(HostValidator.printable(null)).isEmpty();
	}

	private static HostFields fields(String hostname, List<String> aliases, String comment, List<String> tags) {
		return new HostFields("10.0.0.1", hostname, aliases, comment, tags);
	}

	private static HostFields validate(HostFields fields) {
		return HostValidator.validate(fields);
	}

	private static void refused(HostFields fields, String message) {
		assertThatThrownBy(() -> HostValidator.validate(fields)).isInstanceOf(HostsException.class)
			.hasMessageContaining(message);
	}

	private static List<String> names(String prefix, int count) {
		List<String> names = new ArrayList<>();
		IntStream.range(0, count).forEach((i) -> names.add(prefix + i));
		return names;
	}

}
