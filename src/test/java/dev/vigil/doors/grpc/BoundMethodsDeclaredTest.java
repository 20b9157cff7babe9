package dev.vigil.doors.grpc;

import java.util.List;

import io.grpc.ServerMethodDefinition;
import org.junit.jupiter.api.Test;

import dev.vigil.security.GrpcMethods;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.service.GrpcServiceDiscoverer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every method the gRPC servers bind is declared once, with what it is and who may call it
 * ({@link GrpcMethods}): a new RPC declared nowhere fails here rather than going unlogged, untraced
 * or, with security on, refused to everyone.
 */
@VigilTest
class BoundMethodsDeclaredTest {

	@Autowired
	GrpcServiceDiscoverer services;

	@Test
	void everyBoundMethodHasAKind() {
		List<String> bound = this.services.findServices()
			.stream()
			.flatMap((spec) -> spec.service().bindService().getMethods().stream())
			.map(ServerMethodDefinition::getMethodDescriptor)
			.map((method) -> method.getFullMethodName())
			.toList();
		assertThat(bound).contains("router_hosts.v1.HostsService/AddHost", "vigil.v1.HealthEvents/ListHealthEvents",
				"grpc.health.v1.Health/Check");
		assertThat(bound).allSatisfy((name) -> assertThat(GrpcMethods.kindOf(name)).as(name).isPresent());
	}

}
