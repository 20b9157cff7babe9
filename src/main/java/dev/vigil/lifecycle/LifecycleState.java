package dev.vigil.lifecycle;

/**
 * Where the process is in its life, one way only: Running → Draining → Stopped.
 */
public enum LifecycleState {

	/** Taking work. */
	RUNNING("Running"),
	/** Shutting down: no new work; work already taken finishes within the drain timeout. */
	DRAINING("Draining"),
	/** Drained: nothing is taken or running any more. */
	STOPPED("Stopped");

	private final String label;

	LifecycleState(String label) {
		this.label = label;
	}

	/** As health details show it. */
	public String label() {
		return this.label;
	}

}
