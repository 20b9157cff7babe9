package dev.vigil.doors.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * One client connection: its frame decoder, its session and the replies not yet written. While
 * replies wait, the connection is not read, so a client that does not read cannot make the server
 * buffer without bound.
 */
final class IpcConnection {

	private final SocketChannel channel;

	private final SelectionKey key;

	private final FrameDecoder decoder;

	private final IpcSession session;

	private final Deque<ByteBuffer> pending = new ArrayDeque<>();

	private long lastActiveNanos;

	private boolean closing;

	IpcConnection(SocketChannel channel, SelectionKey key, FrameDecoder decoder, IpcSession session, long nowNanos) {
		this.channel = channel;
		this.key = key;
		this.decoder = decoder;
		this.session = session;
		this.lastActiveNanos = nowNanos;
	}

	long lastActiveNanos() {
		return this.lastActiveNanos;
	}

	/**
	 * Reads what the client sent and answers every complete frame. Returns false once the
	 * connection is done and should be closed.
	 */
	boolean read(ByteBuffer buffer, IpcRequestHandler handler, Consumer<IpcRequestHandler.Reply> later, long nowNanos)
			throws IOException {
		buffer.clear();
		int read = this.channel.read(buffer);
		if (read < 0) {
			return false;
		}
		this.lastActiveNanos = nowNanos;
		buffer.flip();
		while (buffer.hasRemaining() && !this.closing) {
			byte[] frame;
			try {
				frame = this.decoder.next(buffer);
			}
			catch (FrameDecoder.FrameTooLargeException ex) {
				queue(handler.error(413, ex.getMessage(), true));
				break;
			}
			if (frame == null) {
				break;
			}
			IpcRequestHandler.Reply reply = handler.handle(frame, this.session, later);
			if (reply != null) {
				queue(reply);
			}
		}
		return flush();
	}

	/** Writes what it can of the waiting replies. Returns false once the connection should close. */
	boolean flush() throws IOException {
		while (!this.pending.isEmpty()) {
			ByteBuffer next = this.pending.peek();
			this.channel.write(next);
			if (next.hasRemaining()) {
				this.key.interestOps(SelectionKey.OP_WRITE);
				return true;
			}
			this.pending.poll();
		}
		if (this.closing) {
			return false;
		}
		this.key.interestOps(SelectionKey.OP_READ);
		return true;
	}

	/** A reply that came later, from the inference queue; called on the socket's thread. */
	boolean deliver(IpcRequestHandler.Reply reply) throws IOException {
		queue(reply);
		return flush();
	}

	IpcSession session() {
		return this.session;
	}

	void close() {
		this.key.cancel();
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// The client is gone either way.
		}
	}

	private void queue(IpcRequestHandler.Reply reply) {
		this.pending.add(FrameEncoder.frame(reply.payload()));
		this.closing |= reply.close();
	}

}
