package dev.vigil.health;

import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.core.Ordered;

/**
 * Spring Boot's availability state holder, ordered to hear availability changes before any other
 * listener. Without an order it may hear them after a door that reacts to the same event by
 * re-evaluating health, and that door would publish the state from before the change.
 */
class RecordedFirstApplicationAvailability extends ApplicationAvailabilityBean implements Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
