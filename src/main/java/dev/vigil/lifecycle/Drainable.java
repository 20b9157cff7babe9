package dev.vigil.lifecycle;

import java.time.Duration;

/**
 * A component with work in flight that shutdown must let finish. Beans of this type are drained,
 * one after another, when the application context starts to close.
 */
public interface Drainable {

	/**
	 * Stops taking new work, lets what was taken finish within {@code timeout}, then answers
	 * whatever remains so that nothing is left without a reply. Returns once nothing runs.
	 */
	void drain(Duration timeout);

}
