package dev.vigil.doors.grpc;

import java.util.List;

import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;

import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.support.ServiceDefinitions;

import org.springframework.grpc.server.service.GrpcServiceDiscoverer;
import org.springframework.grpc.server.service.GrpcServiceSpec;

/**
 * The services the gRPC servers (plain and TLS) bind: every component's, as Spring gRPC finds
 * them, with what the door adds. The health RPCs go into {@code router_hosts.v1.HostsService};
 * every service's requests are parsed where a malformed one is answered INVALID_ARGUMENT, and
 * every service gets the interceptor that ends endless streams on shutdown.
 */
class DoorServiceDiscoverer implements GrpcServiceDiscoverer {

	private final GrpcServiceDiscoverer components;

	private final HostsHealthMethods healthMethods;

	private final MalformedRequests malformedRequests;

	private final EndlessStreams endlessStreams;

	DoorServiceDiscoverer(GrpcServiceDiscoverer components, HostsHealthMethods healthMethods,
			MalformedRequests malformedRequests, EndlessStreams endlessStreams) {
		this.components = components;
		this.healthMethods = healthMethods;
		this.malformedRequests = malformedRequests;
		this.endlessStreams = endlessStreams;
	}

	@Override
	public List<GrpcServiceSpec> findServices() {
		return this.components.findServices()
			.stream()
			.map((spec) -> new GrpcServiceSpec(() -> bind(spec.service().bindService()), spec.serviceInfo()))
			.toList();
	}

	@Override
	public List<String> listServiceNames() {
		return this.components.listServiceNames();
	}

	/** The service with the door's methods in place and every request guarded: its descriptor built once. */
	private ServerServiceDefinition bind(ServerServiceDefinition service) {
		boolean hosts = service.getServiceDescriptor().getName().equals(HostsServiceGrpc.SERVICE_NAME);
		List<ServerMethodDefinition<?, ?>> methods = ServiceDefinitions.merged(service,
				hosts ? this.healthMethods.methods() : List.of());
		return ServerInterceptors.intercept(
				ServiceDefinitions.withMethods(service, this.malformedRequests.guard(methods)), this.endlessStreams);
	}

}
