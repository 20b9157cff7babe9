package dev.vigil.security;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Set;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

import org.springframework.grpc.server.security.GrpcAuthenticationExtractor;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Reads the caller's credentials: the API token in a call's {@code authorization} metadata, else
 * the client certificate presented on the TLS port. Probe methods are never
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
		if (this.probeMethods.contains(method.getFullMethodName())
				|| this.probeServices.contains(method.getServiceName())) {
			return null;
		}
		String address = address(attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
		String header = headers.get(AUTHORIZATION);
		if (header != null) {
			return ApiTokenAuthentication.presented(AuthorizationHeader.token(header), address);
		}
		X509Certificate certificate = clientCertificate(attributes.get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
		return (certificate != null) ? new PreAuthenticatedAuthenticationToken(certificate, address) : null;
	}

	/** The certificate a client presented on the TLS port, verified by the handshake; null if none. */
	private static X509Certificate clientCertificate(SSLSession session) {
		if (session == null) {
			return null;
		}
		try {
			Certificate[] chain = session.getPeerCertificates();
			return (chain.length > 0 && chain[0] instanceof X509Certificate leaf) ? leaf : null;
		}
		catch (SSLPeerUnverifiedException ex) {
			return null;
		}
	}

	/** The host alone: a client's ports change with every connection. */
	private static String address(SocketAddress remote) {
		return (remote instanceof InetSocketAddress inet && inet.getAddress() != null)
				? inet.getAddress().getHostAddress() : String.valueOf(remote);
	}

}
