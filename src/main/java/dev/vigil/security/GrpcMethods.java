package dev.vigil.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;

import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.v1.HealthEventsGrpc;
import dev.vigil.api.v1.HostHistoryGrpc;
import dev.vigil.api.v1.InferenceServiceGrpc;

/**
 * Every gRPC method Vigil binds, declared once: what it is ({@link RpcKind}) and the roles that may
 * call it. The access rules, the access log, the tracing predicate and the refused-request log all
 * read this; a bound method missing here is refused to everyone, and a test fails on it.
 */
public final class GrpcMethods {

	/** Each method's declaration, by full name, in the order written. */
	private static final Map<String, Declared> METHODS = new LinkedHashMap<>();

	static {
		declare(RpcKind.PROBE, List.of(), HostsServiceGrpc.getLivenessMethod(), HostsServiceGrpc.getReadinessMethod());
		declare(RpcKind.HEALTH, List.of(), HostsServiceGrpc.getHealthMethod(), HealthGrpc.getCheckMethod(),
				HealthGrpc.getWatchMethod());
		declare(RpcKind.READ, List.of(Roles.HOSTS_READ), HostsServiceGrpc.getGetHostMethod(),
				HostsServiceGrpc.getListHostsMethod(), HostsServiceGrpc.getSearchHostsMethod(),
				HostsServiceGrpc.getExportHostsMethod(), HostsServiceGrpc.getWatchHostsMethod(),
				HostsServiceGrpc.getListSnapshotsMethod(), HostHistoryGrpc.getEntryHistoryMethod(),
				HostHistoryGrpc.getListChangesMethod());
		declare(RpcKind.WRITE, List.of(Roles.HOSTS_WRITE), HostsServiceGrpc.getAddHostMethod(),
				HostsServiceGrpc.getUpdateHostMethod(), HostsServiceGrpc.getDeleteHostMethod(),
				HostsServiceGrpc.getImportHostsMethod(), HostsServiceGrpc.getCreateSnapshotMethod(),
				HostsServiceGrpc.getRollbackToSnapshotMethod(), HostsServiceGrpc.getDeleteSnapshotMethod(),
				HostsServiceGrpc.getCompactAggregatesMethod());
		declare(RpcKind.READ, List.of(Roles.MODELS_INFER), InferenceServiceGrpc.getInferMethod(),
				InferenceServiceGrpc.getCancelMethod());
		declare(RpcKind.READ, List.of(Roles.MODELS_INFER, Roles.MODELS_ADMIN), InferenceServiceGrpc.getListModelsMethod());
		declare(RpcKind.WRITE, List.of(Roles.MODELS_ADMIN), InferenceServiceGrpc.getLoadModelMethod(),
				InferenceServiceGrpc.getUnloadModelMethod());
		declare(RpcKind.ADMIN, List.of(Roles.ACTUATOR), HealthEventsGrpc.getListHealthEventsMethod(),
				ServerReflectionGrpc.getServerReflectionInfoMethod(),
				io.grpc.reflection.v1alpha.ServerReflectionGrpc.getServerReflectionInfoMethod());
	}

	private GrpcMethods() {
	}

	/** What the named method is; empty for a method nobody declared. */
	public static Optional<RpcKind> kindOf(String fullMethodName) {
		return Optional.ofNullable(METHODS.get(fullMethodName)).map(Declared::kind);
	}

	/** Whether the named method is a probe or a health RPC: never logged, never traced. */
	public static boolean isHealth(String fullMethodName) {
		return kindOf(fullMethodName).filter((kind) -> kind == RpcKind.PROBE || kind == RpcKind.HEALTH).isPresent();
	}

	/** The methods of one kind, by full name. */
	static List<String> ofKind(RpcKind kind) {
		return METHODS.entrySet().stream().filter((entry) -> entry.getValue().kind() == kind).map(Map.Entry::getKey).toList();
	}

	/** Each set of roles, with the methods that need one of them (probes and health RPCs need none). */
	static Map<List<String>, List<String>> byRoles() {
		Map<List<String>, List<String>> grouped = new LinkedHashMap<>();
		METHODS.forEach((name, declared) -> {
			if (!declared.roles().isEmpty()) {
				grouped.computeIfAbsent(declared.roles(), (roles) -> new java.util.ArrayList<>()).add(name);
			}
		});
		return grouped;
	}

	private static void declare(RpcKind kind, List<String> roles, MethodDescriptor<?, ?>... methods) {
		for (MethodDescriptor<?, ?> method : methods) {
			if (METHODS.put(method.getFullMethodName(), new Declared(kind, roles)) != null) {
				throw new IllegalStateException(method.getFullMethodName() + " is declared twice");
			}
		}
	}

	private record Declared(RpcKind kind, List<String> roles) {
	}

}
