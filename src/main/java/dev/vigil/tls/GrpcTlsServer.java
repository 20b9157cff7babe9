package dev.vigil.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
import io.grpc.ServerStreamTracer;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.util.AdvancedTlsX509KeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.support.BackgroundWorker;
import dev.vigil.support.LifecyclePhases;

/**
 * gRPC over TLS on a port of its own, serving the same services as the plain gRPC server. Spring
 * Boot does not reload a gRPC server's certificate (its issue #49833), so this server's key
 * manager is updated in place: every new handshake presents the served certificate of the moment.
 * The plain port stays for the kubelet's gRPC probe, which cannot speak TLS.
 */
class GrpcTlsServer extends BackgroundWorker {

	private static final Logger logger = LoggerFactory.getLogger(GrpcTlsServer.class);

	private static final Duration STOP_WAIT = Duration.ofSeconds(10);

	private final int port;

	private final Supplier<List<ServerServiceDefinition>> services;

	private final AdvancedTlsX509KeyManager keyManager = new AdvancedTlsX509KeyManager();

	private final Path clientCa;

	private Server server;

	/**
	 * @param services the plain server's services, with the interceptors Spring gRPC applies to
	 * them, so both servers behave (and are measured) alike
	 * @param clientCa the CA client certificates must chain to; null to ask for none
	 */
	/** What the plain server's stream tracers see, seen here too (messages the transport refuses). */
	private final List<ServerStreamTracer.Factory> tracers;

	GrpcTlsServer(int port, Supplier<List<ServerServiceDefinition>> services, ServedCertificate certificate,
			Path clientCa, List<ServerStreamTracer.Factory> tracers) {
		super("grpc-tls", LifecyclePhases.GRPC_TLS_SERVER);
		this.tracers = tracers;
		this.port = port;
		this.services = services;
		this.clientCa = clientCa;
		use(certificate.presented());
		certificate.presentOn(this::use);
	}

	/** The port it listens on, once started. */
	int port() {
		return (this.server != null) ? this.server.getPort() : -1;
	}

	@Override
	protected void onStart() {
		try {
			TlsServerCredentials.Builder credentials = TlsServerCredentials.newBuilder().keyManager(this.keyManager);
			if (this.clientCa != null) {
				// Optional: a client without a certificate may still present a token.
				credentials.trustManager(this.clientCa.toFile()).clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL);
			}
			NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(this.port),
					credentials.build());
			this.services.get().forEach(builder::addService);
			this.tracers.forEach(builder::addStreamTracerFactory);
			this.server = builder.build().start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("gRPC TLS server could not start on port " + this.port, ex);
		}
		logger.info("tls.grpc.started port={} clientCertificates={}", this.server.getPort(),
				(this.clientCa != null) ? "optional" : "off");
	}

	/** Lets the calls under way finish, at most {@code STOP_WAIT}, then closes the rest. */
	@Override
	protected void onStopped() {
		this.server.shutdown();
		try {
			if (!this.server.awaitTermination(STOP_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
				this.server.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.server.shutdownNow();
		}
		this.server = null;
	}

	private void use(CertificateBundle bundle) {
		this.keyManager.updateIdentityCredentials(bundle.chain().toArray(X509Certificate[]::new), bundle.key());
	}

}
