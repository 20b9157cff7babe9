package dev.vigil.health.grpc;

/**
 * Whether the caller of the {@code Health} RPC may see component details, decided for the call in
 * progress. Without a policy bean everyone may; the security package provides one.
 */
@FunctionalInterface
public interface HealthDetailsPolicy {

	/** For the current call: true to include reasons, details and the seed's sections. */
	boolean showDetails();

}
