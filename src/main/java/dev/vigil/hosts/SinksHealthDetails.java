package dev.vigil.hosts;

import dev.vigil.health.ComponentState;

/**
 * The {@code sinks} component's details as the doors read them, through the same keys its check
 * writes them with.
 *
 * @param count the sinks that count now (a stream open, or heard from within the window)
 * @param converged those of them that show the newest change and are not failing
 */
public record SinksHealthDetails(int count, int converged) {

	/** The component's name, in health groups and on every door. */
	public static final String COMPONENT = "sinks";

	static final String COUNT = "count";

	static final String CONVERGED = "converged";

	/** The details in the component's latest result; zeros before its first check. */
	public static SinksHealthDetails of(ComponentState component) {
		return new SinksHealthDetails(number(component, COUNT), number(component, CONVERGED));
	}

	private static int number(ComponentState component, String key) {
		return (component.details().get(key) instanceof Number number) ? number.intValue() : 0;
	}

}
