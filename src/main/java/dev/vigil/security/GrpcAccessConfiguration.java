package dev.vigil.security;

import java.util.Set;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;

import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.v1.HostHistoryGrpc;
import dev.vigil.api.v1.InferenceServiceGrpc;

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

	private static final String GRPC_HEALTH = HealthGrpc.SERVICE_NAME;

	/** Open, and never authenticated, so credentials sent to them cannot fail them. */
	private static final String[] PROBES = { name(HostsServiceGrpc.getLivenessMethod()),
			name(HostsServiceGrpc.getReadinessMethod()) };

	@Bean
	@GlobalServerInterceptor
	AuthenticationProcessInterceptor grpcAccessInterceptor(GrpcSecurity grpc, ApiTokenAuthenticationProvider tokens,
			ClientCertificateAuthenticationProvider certificates) throws Exception {
		return grpc
			.authorizeRequests((calls) -> calls.methods(PROBES)
				.permitAll()
				.methods(name(HostsServiceGrpc.getHealthMethod()))
				.permitAll()
				.methods(GRPC_HEALTH + "/*")
				.permitAll()
				.methods(name(HostsServiceGrpc.getGetHostMethod()), name(HostsServiceGrpc.getListHostsMethod()),
						name(HostsServiceGrpc.getSearchHostsMethod()), name(HostsServiceGrpc.getExportHostsMethod()),
						name(HostsServiceGrpc.getWatchHostsMethod()), name(HostsServiceGrpc.getListSnapshotsMethod()),
						name(HostHistoryGrpc.getEntryHistoryMethod()), name(HostHistoryGrpc.getListChangesMethod()))
				.hasAuthority(Roles.HOSTS_READ)
				.methods(name(HostsServiceGrpc.getAddHostMethod()), name(HostsServiceGrpc.getUpdateHostMethod()),
						name(HostsServiceGrpc.getDeleteHostMethod()), name(HostsServiceGrpc.getImportHostsMethod()),
						name(HostsServiceGrpc.getCreateSnapshotMethod()), name(HostsServiceGrpc.getRollbackToSnapshotMethod()),
						name(HostsServiceGrpc.getDeleteSnapshotMethod()), name(HostsServiceGrpc.getCompactAggregatesMethod()))
				.hasAuthority(Roles.HOSTS_WRITE)
				.methods(name(InferenceServiceGrpc.getInferMethod()), name(InferenceServiceGrpc.getCancelMethod()))
				.hasAuthority(Roles.MODELS_INFER)
				.methods(name(InferenceServiceGrpc.getListModelsMethod()))
				.hasAnyAuthority(Roles.MODELS_INFER, Roles.MODELS_ADMIN)
				.methods(name(InferenceServiceGrpc.getLoadModelMethod()), name(InferenceServiceGrpc.getUnloadModelMethod()))
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

	/** A method's full name, from the generated descriptor, so a renamed RPC cannot slip past its rule. */
	private static String name(MethodDescriptor<?, ?> method) {
		return method.getFullMethodName();
	}

	@Bean
	GrpcHealthDetailsPolicy grpcHealthDetailsPolicy(AccessProperties properties) {
		return new GrpcHealthDetailsPolicy(properties.anonymousHealthDetails());
	}

}
