package dev.vigil.health;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The latest outcome of each thing a component runs again and again (a hook, a hosts-file render),
 * with how many of its outcomes in a row have failed. Recording one has the component's check run
 * at once, so every door shows it: hand {@link #refreshWith} the scheduler's callback from the
 * check's {@link ComponentCheck#refreshWith}.
 *
 * @param <K> what names one of the things run
 * @param <O> an outcome
 */
public final class OutcomeRecorder<K, O> {

	private final Predicate<O> succeeded;

	private final Map<K, Outcome<O>> latest = new ConcurrentHashMap<>();

	private final CheckRefresh refresh = new CheckRefresh();

	/**
	 * @param succeeded whether an outcome is a success, which ends a run of failures
	 */
	public OutcomeRecorder(Predicate<O> succeeded) {
		this.succeeded = succeeded;
	}

	/** Records {@code outcome} as the latest of {@code key}; returns how many in a row have now failed. */
	public int record(K key, O outcome) {
		Outcome<O> recorded = this.latest.compute(key, (name, previous) -> new Outcome<>(outcome,
				this.succeeded.test(outcome) ? 0 : ((previous != null) ? previous.consecutiveFailures() : 0) + 1));
		this.refresh.run();
		return recorded.consecutiveFailures();
	}

	/** The latest outcome of {@code key}, if it has run. */
	public Optional<Outcome<O>> latest(K key) {
		return Optional.ofNullable(this.latest.get(key));
	}

	/** Has every record run the component's check now; see {@link ComponentCheck#refreshWith}. */
	public void refreshWith(Runnable refreshNow) {
		this.refresh.refreshWith(refreshNow);
	}

	/**
	 * One outcome, and the failures in a row it ends (0 for a success).
	 *
	 * @param <O> an outcome
	 */
	public record Outcome<O>(O value, int consecutiveFailures) {
	}

}
