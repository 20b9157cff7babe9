package dev.vigil.hosts.history;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.vigil.hosts.registry.FieldChange;
import dev.vigil.hosts.registry.HistoryCapture;
import dev.vigil.hosts.registry.HostFields;
import dev.vigil.testing.FixedAndFreshSeeds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history's stored form and its diffs on input nobody chose: whatever fields and values a
 * change holds (any Unicode, quotes, separators, empty lists) read back exactly as written; the
 * changes between two states of an entry are exactly the fields that differ, and replaying them
 * on the first state gives the second. Properties run with a fixed seed and, once more, with a new
 * one that a failure prints.
 */
@FixedAndFreshSeeds
class HistoryPropertiesTest {

	@Property(tries = 500)
	void storedChangesReadBackAsWritten(@ForAll("changes") List<FieldChange> changes) {
		readsBack(changes);
	}

	@Property(tries = 500)
	void theChangesBetweenTwoStatesReplayOneIntoTheOther(@ForAll("fields") HostFields before,
			@ForAll("fields") HostFields after) {
		replays(before, after);
	}

	private static void readsBack(List<FieldChange> changes) {
		assertThat(HistoryRepository.decode(HistoryCapture.encode(changes))).isEqualTo(changes);
	}

	private static void replays(HostFields before, HostFields after) {
		List<FieldChange> changes = FieldChange.between(before, after);
		assertThat(FieldChange.between(before, before)).isEmpty();
		assertThat(changes).allSatisfy((change) -> assertThat(change.before()).isNotEqualTo(change.after()));
		assertThat(apply(before, changes)).isEqualTo(after);
		assertThat(apply(null, FieldChange.between(null, after))).isEqualTo(after);
	}

	/** The state the changes make of {@code state} (null: no entry), by field name. */
	private static HostFields apply(HostFields state, List<FieldChange> changes) {
		String ip = (state != null) ? state.ipAddress() : null;
		String hostname = (state != null) ? state.hostname() : null;
		List<String> aliases = (state != null) ? state.aliases() : List.of();
		String comment = (state != null) ? state.comment() : null;
		List<String> tags = (state != null) ? state.tags() : List.of();
		for (FieldChange change : changes) {
			String single = change.after().isEmpty() ? null : change.after().get(0);
			switch (change.field()) {
				case FieldChange.IP_ADDRESS -> ip = single;
				case FieldChange.HOSTNAME -> hostname = single;
				case FieldChange.ALIASES -> aliases = change.after();
				case FieldChange.COMMENT -> comment = single;
				case FieldChange.TAGS -> tags = change.after();
				default -> throw new AssertionError(change.field());
			}
		}
		return new HostFields(ip, hostname, aliases, comment, tags);
	}

	@Provide
	Arbitrary<List<FieldChange>> changes() {
		// Any Unicode, and often what JSON must escape: a value made of any characters alone would
		// hardly ever hold a quote or a backslash.
		Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(20),
				Arbitraries.strings().withChars("\\\"\u0000\u001f\n\t aé,:{}[]\uD83D\uDE00").ofMaxLength(20));
		Arbitrary<List<String>> values = text.list().ofMaxSize(4);
		Arbitrary<FieldChange> change = Combinators
			.combine(Arbitraries.of(FieldChange.IP_ADDRESS, FieldChange.HOSTNAME, FieldChange.ALIASES, FieldChange.COMMENT,
					FieldChange.TAGS), values, values)
			.as(FieldChange::new);
		// A field appears once in a change, as the registry writes it.
		return change.list().ofMaxSize(5).uniqueElements(FieldChange::field).map(ArrayList::new);
	}

	@Provide
	Arbitrary<HostFields> fields() {
		Arbitrary<String> word = Arbitraries.of("a", "b", "nas.home", "10.0.0.1", "é", "x,y");
		Arbitrary<List<String>> words = word.list().ofMaxSize(3).uniqueElements();
		return Combinators.combine(word, word, words, word.injectNull(0.3), words).as(HostFields::new);
	}

}
