package dev.vigil.hooks;

import java.util.List;

import dev.vigil.health.ComponentState;

/**
 * The {@code hooks} component's details as the doors read them, through the same key its check
 * writes them with.
 *
 * @param hookNames every configured hook, success hooks first
 */
public record HooksHealthDetails(List<String> hookNames) {

	/** The component's name, in health groups and on every door. */
	public static final String COMPONENT = "hooks";

	static final String HOOK_NAMES = "hookNames";

	/** The details in the component's latest result. */
	public static HooksHealthDetails of(ComponentState component) {
		return new HooksHealthDetails((component.details().get(HOOK_NAMES) instanceof List<?> names)
				? names.stream().map(String::valueOf).toList() : List.of());
	}

}
