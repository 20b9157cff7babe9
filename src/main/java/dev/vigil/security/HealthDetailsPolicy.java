package dev.vigil.security;

/**
 * Whether the caller of the {@code Health} RPC may see component details, decided for the call in
 * progress. Without a policy bean everyone may; this package provides one while security is on.
 */
@FunctionalInterface
public interface HealthDetailsPolicy {

	/** For the current call: true to include reasons, details and the seed's sections. */
	boolean showDetails();

}
