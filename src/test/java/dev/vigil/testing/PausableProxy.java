package dev.vigil.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback that can stop moving bytes without closing anything, as a network
 * partition looks to both ends: connections stay open, bytes sent wait, new connections are
 * accepted and hear nothing. {@link #heal()} lets everything that waited through.
 */
public final class PausableProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final int target;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final Object gate = new Object();

	private volatile boolean partitioned;

	private volatile boolean closed;

	private PausableProxy(int target) throws IOException {
		this.target = target;
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread accepting = new Thread(this::accept, "proxy-accept-" + this.listener.getLocalPort());
		accepting.setDaemon(true);
		accepting.start();
	}

	/** A proxy to {@code 127.0.0.1:target}, forwarding until partitioned. */
	public static PausableProxy to(int target) {
		try {
			return new PausableProxy(target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	/** Stops moving bytes; closes nothing. */
	public void partition() {
		this.partitioned = true;
	}

	/** Moves bytes again, those that waited first. */
	public void heal() {
		synchronized (this.gate) {
			this.partitioned = false;
			this.gate.notifyAll();
		}
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.listener.accept();
				Socket server = new Socket(InetAddress.getLoopbackAddress(), this.target);
				this.sockets.add(client);
				this.sockets.add(server);
				pump(client, server);
				pump(server, client);
			}
			catch (IOException ex) {
				// Closed, or the target refused: the client sees its connection end.
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int read; (read = in.read(buffer)) > 0;) {
					waitWhilePartitioned();
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException | InterruptedException ex) {
				// One side closed: so does the other.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "proxy-pump-" + from.getPort());
		thread.setDaemon(true);
		thread.start();
	}

	private void waitWhilePartitioned() throws InterruptedException {
		synchronized (this.gate) {
			while (this.partitioned && !this.closed) {
				this.gate.wait();
			}
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
	}

	@Override
	public void close() {
		this.closed = true;
		heal();
		try {
			this.listener.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
		this.sockets.forEach(PausableProxy::closeQuietly);
	}

}
