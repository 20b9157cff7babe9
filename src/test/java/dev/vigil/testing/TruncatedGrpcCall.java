package dev.vigil.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A gRPC call whose stream ends in the middle of its message, as no client library sends it: the
 * HTTP/2 frames written by hand over a plain socket (prior knowledge, HPACK literals without
 * Huffman coding), the message's length prefix promising more bytes than the stream carries before
 * END_STREAM.
 */
public final class TruncatedGrpcCall {

	private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private static final int DATA = 0x0, HEADERS = 0x1, SETTINGS = 0x4;

	/** The last of the status trailers, as HPACK literals carry its name: the answer is complete. */
	private static final String TRAILER = "grpc-message";

	private static final int END_STREAM = 0x1, END_HEADERS = 0x4;

	private TruncatedGrpcCall() {
	}

	/**
	 * Sends {@code method} ({@code /package.Service/Method}) a message that promises 100 bytes and
	 * carries 3, ends the stream, and returns what the server wrote back: up to its status trailers,
	 * or what came within {@code wait}.
	 */
	public static byte[] send(int port, String method, Duration wait) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout((int) wait.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(PREFACE);
			frame(out, SETTINGS, 0, 0, new byte[0]);
			ByteArrayOutputStream headers = new ByteArrayOutputStream();
			literal(headers, ":method", "POST");
			literal(headers, ":scheme", "http");
			literal(headers, ":path", method);
			literal(headers, ":authority", "127.0.0.1:" + port);
			literal(headers, "content-type", "application/grpc");
			literal(headers, "te", "trailers");
			frame(out, HEADERS, END_HEADERS, 1, headers.toByteArray());
			frame(out, DATA, END_STREAM, 1, new byte[] { 0, 0, 0, 0, 100, 0x0A, 0x01, 0x31 });
			out.flush();
			return readUntilClosedOrQuiet(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] readUntilClosedOrQuiet(InputStream in) throws IOException {
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		byte[] buffer = new byte[4096];
		try {
			for (int read; (read = in.read(buffer)) > 0;) {
				answer.write(buffer, 0, read);
				if (answer.toString(StandardCharsets.ISO_8859_1).contains(TRAILER)) {
					break;
				}
			}
		}
		catch (SocketTimeoutException quiet) {
			// No trailers within the wait: what came is the answer.
		}
		return answer.toByteArray();
	}

	private static void frame(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
		out.write(new byte[] { (byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
				(byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8),
				(byte) stream });
		out.write(payload);
	}

	/** A literal header field without indexing, new name: 0x00, then name and value, each with a 7-bit length. */
	private static void literal(ByteArrayOutputStream block, String name, String value) {
		block.write(0);
		string(block, name);
		string(block, value);
	}

	private static void string(ByteArrayOutputStream block, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
		if (bytes.length >= 127) {
			throw new IllegalArgumentException("header strings here are short");
		}
		block.write(bytes.length);
		block.writeBytes(bytes);
	}

}
