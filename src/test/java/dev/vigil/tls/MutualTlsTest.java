package dev.vigil.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.Consumer;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;

import dev.vigil.api.routerhosts.v1.AddHostRequest;
import dev.vigil.api.routerhosts.v1.HostsServiceGrpc;
import dev.vigil.api.routerhosts.v1.ListHostsRequest;
import dev.vigil.api.routerhosts.v1.LivenessRequest;
import dev.vigil.testing.Channels;
import dev.vigil.testing.CommandRun;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual TLS on the gRPC TLS port: a client certificate that chains to {@code vigil.tls.client-ca}
 * authenticates as its subject's roles; a trusted but unmapped subject is UNAUTHENTICATED; one
 * from another CA authenticates nobody; a client without a certificate may still use a token, and
 * the probes need neither.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.grpc.server.port=0", "spring.datasource.url=jdbc:sqlite:target/test-data/mtls.db",
				"vigil.hosts.file.path=target/test-data/mtls-hosts", "vigil.models.directory=target/test-data/no-models",
				"vigil.tls.enabled=true", "vigil.tls.https-port=0", "vigil.tls.grpc-port=0",
				// Spaced and cased unlike the certificate: subjects compare as X.500 names.
				"vigil.security.client-certificates[0].subject=cn=operator, O=Vigil Test",
				"vigil.security.client-certificates[0].roles=hosts:read", "vigil.security.tokens[0].name=writer",
				// SHA-256 of "writer-token".
				"vigil.security.tokens[0].sha256=3590c0a59f72ce02700194a05f228a725c1f135a6dcb3ded9b2d86ab6a6f52cb",
				"vigil.security.tokens[0].roles=hosts:write" })
class MutualTlsTest {

	static final Path CERTIFICATES = Path.of("target/test-data/mtls");

	@DynamicPropertySource
	static void certificates(DynamicPropertyRegistry registry) throws IOException {
		FileSystemUtils.deleteRecursively(CERTIFICATES);
		TestCertificates.create(CERTIFICATES, "server", 1, 90);
		TestCertificates.create(CERTIFICATES, "operator", "CN=operator,O=Vigil Test", 1, 90);
		TestCertificates.create(CERTIFICATES, "unmapped", "CN=unmapped,O=Vigil Test", 1, 90);
		TestCertificates.create(CERTIFICATES, "stranger", "CN=stranger,O=Elsewhere", 1, 90);
		// The client CA: the two self-signed client certificates trusted as their own anchors.
		Path clientCa = CERTIFICATES.resolve("client-ca.pem");
		Files.write(clientCa, Files.readAllBytes(TestCertificates.certificatePath(CERTIFICATES, "operator")));
		Files.write(clientCa, Files.readAllBytes(TestCertificates.certificatePath(CERTIFICATES, "unmapped")),
				StandardOpenOption.APPEND);
		registry.add("vigil.tls.certificate", () -> TestCertificates.certificatePath(CERTIFICATES, "server"));
		registry.add("vigil.tls.private-key", () -> TestCertificates.keyPath(CERTIFICATES, "server"));
		registry.add("vigil.tls.client-ca", clientCa::toString);
	}

	@Autowired
	GrpcTlsServer grpcTls;

	@Test
	void aMappedCertificateGetsItsSubjectsRolesAndNoMore() throws Exception {
		assertThat(call("operator", null, this::listHosts)).isEqualTo(Status.Code.OK);
		assertThat(call("operator", null, this::addHost)).isEqualTo(Status.Code.PERMISSION_DENIED);
	}

	@Test
	void aTrustedButUnmappedCertificateIsUnauthenticated() throws Exception {
		assertThat(call("unmapped", null, this::listHosts)).isEqualTo(Status.Code.UNAUTHENTICATED);
	}

	@Test
	void aCertificateFromAnotherCaAuthenticatesNobody() throws Exception {
		// The server names its acceptable CAs; the client has none of theirs, so it is anonymous.
		assertThat(call("stranger", null, this::listHosts)).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(call("stranger", null, this::liveness)).isEqualTo(Status.Code.OK);
	}

	@Test
	void withoutACertificateATokenStillWorksAndProbesNeedNothing() throws Exception {
		assertThat(call(null, null, this::liveness)).isEqualTo(Status.Code.OK);
		assertThat(call(null, null, this::listHosts)).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(call(null, "writer-token", this::addHost)).as("past authentication: the address is invalid")
			.isEqualTo(Status.Code.INVALID_ARGUMENT);
	}

	@Test
	void theCommandLineUsesItsCaAndCertificateFromFlagsOrItsConfigFile() throws Exception {
		String server = "localhost:" + this.grpcTls.port();
		String ca = TestCertificates.certificatePath(CERTIFICATES, "server").toString();
		String cert = TestCertificates.certificatePath(CERTIFICATES, "operator").toString();
		String key = TestCertificates.keyPath(CERTIFICATES, "operator").toString();
		Map<String, String> env = Map.of("HOME", CERTIFICATES.toAbsolutePath().toString());
		CommandRun.of(env, "--server", server, "--ca", ca, "--cert", cert, "--key", key, "host", "list").assertExit(0);
		assertThat(CommandRun.of(env, "--server", server, "--ca", ca, "--cert", cert, "--key", key, "host", "add", "--ip",
				"10.9.0.1", "--hostname", "x.home")
			.assertExit(1)
			.err()).startsWith("PERMISSION_DENIED");
		Path config = CERTIFICATES.resolve("client.toml");
		Files.writeString(config, "[server]\naddress = \"" + server + "\"\n\n[tls]\nca_cert_path = \"" + Path.of(ca).getFileName() + "\"\n"
				+ "cert_path = \"" + Path.of(cert).getFileName() + "\"\nkey_path = \"" + Path.of(key).getFileName() + "\"\n");
		CommandRun.of(env, "--config", config.toString(), "host", "list").assertExit(0);
		// Without the CA the server's certificate is not trusted: no answer, exit 2.
		CommandRun.of(env, "--server", "https://" + server, "--timeout", "5s", "host", "list").assertExit(2);
	}

	private void listHosts(Channel channel) {
		HostsServiceGrpc.newBlockingStub(channel).listHosts(ListHostsRequest.getDefaultInstance()).forEachRemaining((r) -> {
		});
	}

	private void addHost(Channel channel) {
		HostsServiceGrpc.newBlockingStub(channel)
			.addHost(AddHostRequest.newBuilder().setIpAddress("not-an-ip").setHostname("x").build());
	}

	private void liveness(Channel channel) {
		HostsServiceGrpc.newBlockingStub(channel).liveness(LivenessRequest.getDefaultInstance());
	}

	/** One call over the TLS port, with the named client certificate and token (either may be null). */
	private Status.Code call(String certificate, String token, Consumer<Channel> invocation) throws Exception {
		TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder()
			.trustManager(TestCertificates.certificatePath(CERTIFICATES, "server").toFile());
		if (certificate != null) {
			credentials.keyManager(TestCertificates.certificatePath(CERTIFICATES, certificate).toFile(),
					TestCertificates.keyPath(CERTIFICATES, certificate).toFile());
		}
		ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", this.grpcTls.port(), credentials.build())
			.build();
		try {
			Channel target = channel;
			if (token != null) {
				Metadata headers = new Metadata();
				headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
				target = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
			}
			invocation.accept(target);
			return Status.Code.OK;
		}
		catch (StatusRuntimeException ex) {
			return ex.getStatus().getCode();
		}
		finally {
			Channels.close(channel);
		}
	}

}
