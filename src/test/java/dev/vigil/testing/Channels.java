package dev.vigil.testing;

import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/** Plaintext gRPC channels to a server on loopback, as the tests and benchmarks open and close them. */
public final class Channels {

	private Channels() {
	}

	/** A channel to {@code 127.0.0.1:port}, without TLS. */
	public static ManagedChannel local(int port) {
		return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
	}

	/** Closes the channel, cancelling its calls, and waits up to 5 s for it to end. */
	public static void close(ManagedChannel channel) throws InterruptedException {
		channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
	}

}
