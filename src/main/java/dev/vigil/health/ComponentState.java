package dev.vigil.health;

import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * One component as every door reports it.
 *
 * @param name the component's name ({@code db}, {@code readinessState}, ...)
 * @param status its status
 * @param reason why it is not UP; empty when it is
 * @param details its details, free of secrets
 */
public record ComponentState(String name, Status status, String reason, Map<String, Object> details) {

	/** Reads a component's health: the reason is its {@code reason} detail, else its {@code error}, else its status. */
	public static ComponentState of(String name, Health health) {
		Status status = health.getStatus();
		Map<String, Object> details = health.getDetails();
		return new ComponentState(name, status, reasonOf(status, details), details);
	}

	private static String reasonOf(Status status, Map<String, Object> details) {
		for (String key : new String[] { CheckResult.REASON, "error" }) {
			if (details.get(key) instanceof String text && !text.isEmpty()) {
				return text;
			}
		}
		return Status.UP.equals(status) ? "" : status.getCode();
	}

}
