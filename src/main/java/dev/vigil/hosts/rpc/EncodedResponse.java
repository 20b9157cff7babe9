package dev.vigil.hosts.rpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import com.google.protobuf.MessageLite;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;

/**
 * A WatchHosts response encoded once: a snapshot shared by many followers hands each of them the
 * same bytes, and gRPC writes them as they are instead of serializing the message again per
 * follower.
 */
final class EncodedResponse {

	/** Writes the bytes unchanged; what it parses is only ever the bytes again. */
	static final MethodDescriptor.Marshaller<EncodedResponse> MARSHALLER = new MethodDescriptor.Marshaller<>() {

		@Override
		public InputStream stream(EncodedResponse response) {
			return new Bytes(response.bytes);
		}

		@Override
		public EncodedResponse parse(InputStream stream) {
			try {
				return new EncodedResponse(stream.readAllBytes());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	};

	private final byte[] bytes;

	private EncodedResponse(byte[] bytes) {
		this.bytes = bytes;
	}

	static EncodedResponse of(MessageLite message) {
		return new EncodedResponse(message.toByteArray());
	}

	/** The encoded length in bytes. */
	int size() {
		return this.bytes.length;
	}

	/** Known length and drainable, so gRPC frames the bytes without copying them through a buffer. */
	private static final class Bytes extends ByteArrayInputStream implements KnownLength, Drainable {

		Bytes(byte[] bytes) {
			super(bytes);
		}

		@Override
		public synchronized int drainTo(OutputStream target) throws IOException {
			int length = this.count - this.pos;
			target.write(this.buf, this.pos, length);
			this.pos = this.count;
			return length;
		}

	}

}
