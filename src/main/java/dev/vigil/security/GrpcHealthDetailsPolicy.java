package dev.vigil.security;


import org.springframework.grpc.server.security.GrpcSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;

/**
 * Health details for callers holding the {@code actuator} role, or for everyone when
 * {@code vigil.security.anonymous-health-details} is set. The caller is the one Spring gRPC's
 * security interceptor put in the call's context.
 */
final class GrpcHealthDetailsPolicy implements HealthDetailsPolicy {

	private final boolean anonymousDetails;

	GrpcHealthDetailsPolicy(boolean anonymousDetails) {
		this.anonymousDetails = anonymousDetails;
	}

	@Override
	public boolean showDetails() {
		if (this.anonymousDetails) {
			return true;
		}
		SecurityContext context = GrpcSecurity.SECURITY_CONTEXT_KEY.get();
		Authentication caller = (context != null) ? context.getAuthentication() : null;
		return caller != null && caller.isAuthenticated()
				&& caller.getAuthorities().stream().anyMatch((authority) -> Roles.ACTUATOR.equals(authority.getAuthority()));
	}

}
