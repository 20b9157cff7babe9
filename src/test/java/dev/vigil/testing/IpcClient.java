package dev.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of Vigil's IPC socket, as the inference runtime's clients speak it: 4-byte
 * little-endian length, then UTF-8 JSON. Every read has a deadline, so a server that does not
 * answer fails the test instead of hanging it.
 */
public final class IpcClient implements AutoCloseable {

	private static final Duration DEADLINE = Duration.ofSeconds(5);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SocketChannel channel;

	private final Selector selector;

	private IpcClient(SocketChannel channel) throws IOException {
		this.channel = channel;
		this.channel.configureBlocking(false);
		this.selector = Selector.open();
		this.channel.register(this.selector, SelectionKey.OP_READ);
	}

	public static IpcClient connect(Path socket) {
		try {
			SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			channel.connect(UnixDomainSocketAddress.of(socket));
			return new IpcClient(channel);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One {@code health_check} from the command line, as a sidecar sharing the socket's volume
	 * makes it: arguments are the socket path and the check type; prints the reply and exits 0
	 * only when it says {@code ok}. ImageIT runs it in a second container of the image.
	 */
	public static void main(String[] args) {
		JsonNode reply;
		try (IpcClient client = connect(Path.of(args[0]))) {
			reply = client.healthCheck(args[1]);
		}
		System.out.println(reply);
		System.exit(reply.path("ok").asBoolean() ? 0 : 1);
	}

	/** Sends one JSON message and reads the reply. */
	public JsonNode request(String json) {
		send(frame(json.getBytes(StandardCharsets.UTF_8)));
		return read();
	}

	/** {@code health_check} of one type. */
	public JsonNode healthCheck(String checkType) {
		return request("{\"type\":\"health_check\",\"check_type\":\"" + checkType + "\"}");
	}

	/** Writes bytes as they are: frames, parts of frames or garbage. */
	public void send(byte[] bytes) {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		try {
			while (buffer.hasRemaining()) {
				if (this.channel.write(buffer) == 0) {
					Thread.onSpinWait();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The next reply frame, as JSON. */
	public JsonNode read() {
		byte[] header = readExactly(Integer.BYTES);
		if (header == null) {
			throw new IllegalStateException("the server closed the connection");
		}
		int length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
		byte[] payload = readExactly(length);
		if (payload == null) {
			throw new IllegalStateException("the server closed the connection mid-frame");
		}
		return JSON.readTree(new String(payload, StandardCharsets.UTF_8));
	}

	/** Whether the server closes the connection (reads end) within the deadline, skipping any replies. */
	public boolean closedByServer() {
		ByteBuffer buffer = ByteBuffer.allocate(8192);
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		try {
			while (System.nanoTime() < deadline) {
				buffer.clear();
				int read = awaitRead(buffer, deadline);
				if (read < 0) {
					return true;
				}
			}
			return false;
		}
		catch (IOException ex) {
			// A reset is a close too.
			return true;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	/** A frame: the 4-byte little-endian length, then the payload. */
	public static byte[] frame(byte[] payload) {
		return ByteBuffer.allocate(Integer.BYTES + payload.length)
			.order(ByteOrder.LITTLE_ENDIAN)
			.putInt(payload.length)
			.put(payload)
			.array();
	}

	@Override
	public void close() {
		try {
			this.selector.close();
			this.channel.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private byte[] readExactly(int length) {
		ByteBuffer buffer = ByteBuffer.allocate(length);
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		try {
			while (buffer.hasRemaining()) {
				if (awaitRead(buffer, deadline) < 0) {
					return null;
				}
			}
			return buffer.array();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads what is there, waiting up to the deadline; -1 at end of stream. */
	private int awaitRead(ByteBuffer buffer, long deadline) throws IOException {
		while (true) {
			int read = this.channel.read(buffer);
			if (read != 0) {
				return read;
			}
			long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
			if (System.nanoTime() >= deadline) {
				throw new IllegalStateException("no answer within " + DEADLINE.toMillis() + "ms");
			}
			this.selector.select(left);
			this.selector.selectedKeys().clear();
		}
	}

}
