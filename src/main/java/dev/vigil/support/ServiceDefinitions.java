package dev.vigil.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;

/**
 * One gRPC service bound from method handlers of more than one origin: grpc-java checks that a
 * service's methods are the very descriptors of its service descriptor, so replacing one (a
 * method with its own marshaller, or one a door answers) means building the descriptor anew.
 */
public final class ServiceDefinitions {

	private ServiceDefinitions() {
	}

	/**
	 * {@code service} with each of {@code methods} bound in place of its method of the same name,
	 * keeping the service's name and schema (for reflection).
	 *
	 * @throws IllegalArgumentException when a method is not one of the service's
	 */
	public static ServerServiceDefinition replacing(ServerServiceDefinition service,
			List<? extends ServerMethodDefinition<?, ?>> methods) {
		return withMethods(service, merged(service, methods));
	}

	/**
	 * {@code service}'s methods, each of {@code methods} in place of the one of the same name: for
	 * a caller that changes them further before it builds the service once ({@link #withMethods}).
	 *
	 * @throws IllegalArgumentException when a method is not one of the service's
	 */
	public static List<ServerMethodDefinition<?, ?>> merged(ServerServiceDefinition service,
			List<? extends ServerMethodDefinition<?, ?>> methods) {
		Map<String, ServerMethodDefinition<?, ?>> bound = new LinkedHashMap<>();
		service.getMethods().forEach((method) -> bound.put(method.getMethodDescriptor().getFullMethodName(), method));
		for (ServerMethodDefinition<?, ?> method : methods) {
			String name = method.getMethodDescriptor().getFullMethodName();
			if (bound.replace(name, method) == null) {
				throw new IllegalArgumentException(name + " is not a method of " + service.getServiceDescriptor().getName());
			}
		}
		return new ArrayList<>(bound.values());
	}

	/**
	 * {@code service}'s name and schema (for reflection) with exactly {@code methods}, which may
	 * bind other descriptors than the service's own (another marshaller, say).
	 */
	public static ServerServiceDefinition withMethods(ServerServiceDefinition service,
			List<? extends ServerMethodDefinition<?, ?>> methods) {
		ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(service.getServiceDescriptor().getName())
			.setSchemaDescriptor(service.getServiceDescriptor().getSchemaDescriptor());
		methods.forEach((method) -> descriptor.addMethod(method.getMethodDescriptor()));
		ServerServiceDefinition.Builder bound = ServerServiceDefinition.builder(descriptor.build());
		methods.forEach(bound::addMethod);
		return bound.build();
	}

}
