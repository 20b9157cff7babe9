package dev.vigil.health;

/**
 * Published when a background-checked component's status or reason changes, including when its
 * result turns stale. Doors that push health (gRPC Watch) listen to it instead of polling.
 *
 * @param component the component that changed
 * @param previous what it reported before
 * @param current what it reports now
 */
public record HealthChangedEvent(String component, ComponentState previous, ComponentState current) {
}
