package dev.vigil.security;

import java.util.Set;

import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.GrpcSecurity;
import org.springframework.security.authentication.ProviderManager;

/**
 * gRPC access, through Spring gRPC's security interceptor on every server (the TLS one too): the
 * probe RPCs and {@code grpc.health.v1} are open, Health is open with details for the
 * {@code actuator} role, and each other method needs a role declared for it in {@link GrpcMethods}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "vigil.security.enabled", matchIfMissing = true)
class GrpcAccessConfiguration {

	private static final String GRPC_HEALTH = HealthGrpc.SERVICE_NAME;

	/** Open, and never authenticated, so credentials sent to them cannot fail them. */
	private static final String[] PROBES = GrpcMethods.ofKind(RpcKind.PROBE).toArray(String[]::new);

	/**
	 * The rules, from each method's declaration ({@link GrpcMethods}): probes and health RPCs open,
	 * every other method to the roles declared for it, and a method declared nowhere to no one.
	 */
	@Bean
	@GlobalServerInterceptor
	AuthenticationProcessInterceptor grpcAccessInterceptor(GrpcSecurity grpc, ApiTokenAuthenticationProvider tokens,
			ClientCertificateAuthenticationProvider certificates) throws Exception {
		return grpc.authorizeRequests((calls) -> {
			calls.methods(PROBES).permitAll();
			calls.methods(GrpcMethods.ofKind(RpcKind.HEALTH).toArray(String[]::new)).permitAll();
			GrpcMethods.byRoles()
				.forEach((roles, methods) -> calls.methods(methods.toArray(String[]::new))
					.hasAnyAuthority(roles.toArray(String[]::new)));
			calls.allRequests().denyAll();
		})
			.authenticationExtractor(new GrpcCredentialsExtractor(Set.of(GRPC_HEALTH), Set.of(PROBES)))
			.authenticationManager(new ProviderManager(tokens, certificates))
			.build();
	}

	/** Before Spring gRPC's own mapping, which would make every authentication failure UNAUTHENTICATED. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	GrpcExceptionHandler tooManyFailedAttemptsHandler() {
		return (exception) -> (exception instanceof TooManyFailedAttemptsException)
				? Status.RESOURCE_EXHAUSTED.withDescription(exception.getMessage()).asException() : null;
	}

	@Bean
	GrpcHealthDetailsPolicy grpcHealthDetailsPolicy(AccessProperties properties) {
		return new GrpcHealthDetailsPolicy(properties.anonymousHealthDetails());
	}

}
