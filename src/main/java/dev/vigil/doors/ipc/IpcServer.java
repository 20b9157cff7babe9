package dev.vigil.doors.ipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.support.BackgroundWorker;
import dev.vigil.support.LifecyclePhases;
import dev.vigil.support.OneLine;


/**
 * The IPC socket: one thread multiplexes every connection, so no client holds a thread and a
 * flood of clients cannot starve a probe. At the connection bound a new client closes the
 * connection idle the longest, so a probe always gets in. The socket starts before, and stops
 * after, everything else, so it answers (not ready) throughout draining.
 */
final class IpcServer extends BackgroundWorker {

	private static final Logger logger = LoggerFactory.getLogger(IpcServer.class);

	private static final int READ_BUFFER_BYTES = 64 * 1024;

	/** Bounds the accepts per round, so reads of connected clients interleave with a connect flood. */
	private static final int ACCEPTS_PER_ROUND = 16;

	private static final long SELECT_TIMEOUT_MS = 500;

	/** How long a stop waits for the socket's thread to finish its round. */
	private static final Duration STOP_WAIT = Duration.ofSeconds(5);

	private final IpcProperties properties;

	private final IpcRequestHandler handler;

	private final LongSupplier nanoTime;

	/** Mirrors the size of {@code connections}, which only the socket's thread may read. */
	private final AtomicInteger open = new AtomicInteger();

	private final Counter evictions;

	private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);

	private final Set<IpcConnection> connections = new LinkedHashSet<>();

	private Selector selector;

	/** Replies that came later, handed to the socket's thread. */
	private final Queue<Runnable> deferred = new ConcurrentLinkedQueue<>();

	private ServerSocketChannel server;

	IpcServer(IpcProperties properties, IpcRequestHandler handler, MeterRegistry meters, LongSupplier nanoTime) {
		super("ipc", LifecyclePhases.IPC_SOCKET);
		this.properties = properties;
		this.handler = handler;
		this.nanoTime = nanoTime;
		Gauge.builder("vigil.ipc.connections", this.open, AtomicInteger::get)
			.description("Open connections to the IPC socket")
			.register(meters);
		this.evictions = Counter.builder("vigil.ipc.evictions")
			.description("IPC connections closed to make room for a new one")
			.register(meters);
	}

	@Override
	protected void onStart() {
		try {
			this.server = SocketFile.bind(this.properties.socketPath());
			this.server.configureBlocking(false);
			this.selector = Selector.open();
			this.server.register(this.selector, SelectionKey.OP_ACCEPT);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot serve the IPC socket at " + this.properties.socketPath(), ex);
		}
		threads("vigil-ipc", Ending.finish(STOP_WAIT)).newThread(this::serve).start();
		logger.info("ipc.listening path={} mode=0660 maxConnections={}", this.properties.socketPath(),
				this.properties.maxConnections());
	}

	/** The loop sees the stop at its next round; this ends the round's wait. */
	@Override
	protected void onStopping() {
		this.selector.wakeup();
	}

	/** Once the loop has ended: closes every connection and the socket, and removes its file. */
	@Override
	protected void onStopped() {
		this.connections.forEach(IpcConnection::close);
		this.connections.clear();
		this.open.set(0);
		try {
			this.selector.close();
			this.server.close();
			SocketFile.remove(this.properties.socketPath());
		}
		catch (IOException ex) {
			logger.warn("ipc.stop.incomplete path={} error=\"{}\"", this.properties.socketPath(),
					OneLine.of(String.valueOf(ex.getMessage())));
		}
		logger.info("ipc.stopped path={}", this.properties.socketPath());
	}

	private void serve() {
		while (isRunning()) {
			try {
				this.selector.select(SELECT_TIMEOUT_MS);
				for (SelectionKey key : this.selector.selectedKeys()) {
					if (key.isValid() && key.isAcceptable()) {
						accept();
					}
					else if (key.isValid()) {
						serve((IpcConnection) key.attachment(), key);
					}
				}
				this.selector.selectedKeys().clear();
				for (Runnable delivery = this.deferred.poll(); delivery != null; delivery = this.deferred.poll()) {
					delivery.run();
				}
				closeIdle();
			}
			catch (IOException | RuntimeException ex) {
				if (isRunning()) {
					logger.warn("ipc.loop.error error=\"{}\"", OneLine.of(String.valueOf(ex.getMessage())));
				}
			}
		}
	}

	private void serve(IpcConnection connection, SelectionKey key) {
		boolean keep;
		try {
			keep = key.isReadable() ? connection.read(this.readBuffer, this.handler,
					(reply) -> deliverLater(connection, reply), this.nanoTime.getAsLong()) : connection.flush();
		}
		catch (IOException | RuntimeException ex) {
			keep = false;
		}
		if (!keep) {
			close(connection);
		}
	}

	/** From any thread: the reply goes out on the socket's thread, if the connection is still open. */
	private void deliverLater(IpcConnection connection, IpcRequestHandler.Reply reply) {
		if (!isRunning()) {
			return;
		}
		this.deferred.add(() -> {
			if (!this.connections.contains(connection)) {
				return;
			}
			boolean keep;
			try {
				keep = connection.deliver(reply);
			}
			catch (IOException | RuntimeException ex) {
				keep = false;
			}
			if (!keep) {
				close(connection);
			}
		});
		this.selector.wakeup();
	}

	private void accept() throws IOException {
		for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
			SocketChannel channel = this.server.accept();
			if (channel == null) {
				return;
			}
			if (this.connections.size() >= this.properties.maxConnections()) {
				evictIdlest();
			}
			channel.configureBlocking(false);
			SelectionKey key = channel.register(this.selector, SelectionKey.OP_READ);
			long now = this.nanoTime.getAsLong();
			IpcConnection connection = new IpcConnection(channel, key,
					new FrameDecoder(this.properties.maxFrameSize().toBytes()),
					new IpcSession(new TokenBucket(this.properties.maxRequestsPerSecond(), now)), now);
			key.attach(connection);
			this.connections.add(connection);
			this.open.incrementAndGet();
		}
	}

	private void evictIdlest() {
		this.connections.stream()
			.min(Comparator.comparingLong(IpcConnection::lastActiveNanos))
			.ifPresent((idlest) -> {
				close(idlest);
				this.evictions.increment();
				logger.debug("ipc.connection.evicted open={}", this.connections.size());
			});
	}

	private void closeIdle() {
		long cutoff = this.nanoTime.getAsLong() - this.properties.idleTimeout().toNanos();
		for (IpcConnection connection : new ArrayList<>(this.connections)) {
			if (connection.lastActiveNanos() - cutoff < 0) {
				close(connection);
			}
		}
	}

	private void close(IpcConnection connection) {
		if (this.connections.remove(connection)) {
			connection.close();
			this.open.decrementAndGet();
			this.handler.abandon(connection.session());
		}
	}

}
