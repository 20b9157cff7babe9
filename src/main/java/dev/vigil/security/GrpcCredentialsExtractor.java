package dev.vigil.security;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

import org.springframework.grpc.server.security.GrpcAuthenticationExtractor;
import org.springframework.security.core.Authentication;

/**
 * Reads the API token from a call's {@code authorization} metadata. Probe methods are never
 * authenticated, so credentials sent to them cannot fail them; the Health RPC is, because its
 * details depend on the caller.
 */
final class GrpcCredentialsExtractor implements GrpcAuthenticationExtractor {

	static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
			Metadata.ASCII_STRING_MARSHALLER);

	private final Set<String> probeServices;

	private final Set<String> probeMethods;

	GrpcCredentialsExtractor(Set<String> probeServices, Set<String> probeMethods) {
		this.probeServices = probeServices;
		this.probeMethods = probeMethods;
	}

	@Override
	public Authentication extract(Metadata headers, Attributes attributes, MethodDescriptor<?, ?> method) {
		String header = headers.get(AUTHORIZATION);
		if (header == null || this.probeMethods.contains(method.getFullMethodName())
				|| this.probeServices.contains(method.getServiceName())) {
			return null;
		}
		return ApiTokenAuthentication.presented(AuthorizationHeader.token(header),
				address(attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)));
	}

	/** The host alone: a client's ports change with every connection. */
	private static String address(SocketAddress remote) {
		return (remote instanceof InetSocketAddress inet && inet.getAddress() != null)
				? inet.getAddress().getHostAddress() : String.valueOf(remote);
	}

}
