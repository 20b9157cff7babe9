package dev.vigil.security;

import java.util.Set;

import io.grpc.Status;

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
 * {@code actuator} role, and each other method needs its role.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "vigil.security.enabled", matchIfMissing = true)
class GrpcAccessConfiguration {

	private static final String HOSTS = "router_hosts.v1.HostsService/";

	private static final String INFERENCE = "vigil.v1.InferenceService/";

	private static final String GRPC_HEALTH = "grpc.health.v1.Health";

	/** Open, and never authenticated, so credentials sent to them cannot fail them. */
	private static final String[] PROBES = { HOSTS + "Liveness", HOSTS + "Readiness" };

	@Bean
	@GlobalServerInterceptor
	AuthenticationProcessInterceptor grpcAccessInterceptor(GrpcSecurity grpc, ApiTokenAuthenticationProvider tokens,
			ClientCertificateAuthenticationProvider certificates) throws Exception {
		return grpc
			.authorizeRequests((calls) -> calls.methods(PROBES)
				.permitAll()
				.methods(HOSTS + "Health")
				.permitAll()
				.methods(GRPC_HEALTH + "/*")
				.permitAll()
				.methods(HOSTS + "GetHost", HOSTS + "ListHosts", HOSTS + "SearchHosts", HOSTS + "ExportHosts")
				.hasAuthority(Roles.HOSTS_READ)
				.methods(HOSTS + "AddHost", HOSTS + "UpdateHost", HOSTS + "DeleteHost", HOSTS + "ImportHosts")
				.hasAuthority(Roles.HOSTS_WRITE)
				.methods(INFERENCE + "Infer", INFERENCE + "Cancel")
				.hasAuthority(Roles.MODELS_INFER)
				.methods(INFERENCE + "ListModels")
				.hasAnyAuthority(Roles.MODELS_INFER, Roles.MODELS_ADMIN)
				.methods(INFERENCE + "LoadModel", INFERENCE + "UnloadModel")
				.hasAuthority(Roles.MODELS_ADMIN)
				.allRequests()
				.hasAuthority(Roles.ACTUATOR))
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
