package dev.vigil.hooks;

/**
 * The two hook lists, and what each tells its hooks in {@code VIGIL_EVENT}.
 */
enum HookType {

	ON_SUCCESS("on-success", "success"), ON_FAILURE("on-failure", "failure");

	private final String label;

	private final String event;

	HookType(String label, String event) {
		this.label = label;
		this.event = event;
	}

	/** The list's name as configured, and its {@code type} tag in metrics. */
	String label() {
		return this.label;
	}

	/** The value of {@code VIGIL_EVENT}. */
	String event() {
		return this.event;
	}

}
