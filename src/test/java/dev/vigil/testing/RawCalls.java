package dev.vigil.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.grpc.MethodDescriptor;

/**
 * A gRPC method called with bytes as they are, for requests no client library would send.
 */
public final class RawCalls {

	private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {

		@Override
		public InputStream stream(byte[] value) {
			return new ByteArrayInputStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try {
				return stream.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	};

	private RawCalls() {
	}

	/** {@code method}, with its name and type, sending and receiving bytes. */
	public static MethodDescriptor<byte[], byte[]> of(MethodDescriptor<?, ?> method) {
		return MethodDescriptor.newBuilder(BYTES, BYTES)
			.setType(method.getType())
			.setFullMethodName(method.getFullMethodName())
			.build();
	}

}
