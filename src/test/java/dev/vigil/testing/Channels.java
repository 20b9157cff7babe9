package dev.vigil.testing;

import java.util.concurrent.TimeUnit;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/** Plaintext gRPC channels to a server on loopback, as the tests and benchmarks open and close them. */
public final class Channels {

	private Channels() {
	}

	/** A channel to {@code 127.0.0.1:port}, without TLS. */
	public static ManagedChannel local(int port) {
		return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
	}

	/** The channel, sending {@code Authorization: Bearer token} with every call. */
	public static Channel withToken(Channel channel, String token) {
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
		return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
	}

	/** Closes the channel, cancelling its calls, and waits up to 5 s for it to end. */
	public static void close(ManagedChannel channel) throws InterruptedException {
		channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

}
