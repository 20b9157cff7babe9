package bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.vigil.testing.VigilProcess;

/**
 * {@code /readyz} every 10 ms from a small JVM of its own, as a kubelet probes: a new connection
 * each time, from outside the process that loads the server, so that the benchmark's own client
 * (its threads, its collections) is not in the figure. The child prints one line per probe,
 * status and milliseconds; this side collects them.
 */
final class ReadyzProber implements AutoCloseable {

	/** Each probe since the last reset, as the child printed it. */
	private final Queue<Probe> probes = new ConcurrentLinkedQueue<>();

	private final Process child;

	private final Thread reader;

	private ReadyzProber(int httpPort) throws IOException {
		this.child = new ProcessBuilder(VigilProcess.java(), "-XX:+UseSerialGC", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-cp",
				ChildJvm.classpath(), ReadyzProber.class.getName(), Integer.toString(httpPort))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		this.reader = new Thread(this::collect, "bench-readyz-reader");
		this.reader.start();
	}

	/** Starts probing the HTTP port {@code httpPort} on loopback. */
	static ReadyzProber start(int httpPort) throws IOException {
		return new ReadyzProber(httpPort);
	}

	/** The child: probes until its standard input closes. */
	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		Thread watcher = new Thread(() -> {
			try {
				System.in.transferTo(OutputStream.nullOutputStream());
			}
			catch (IOException ex) {
				// The parent is gone either way.
			}
			System.exit(0);
		});
		watcher.setDaemon(true);
		watcher.start();
		while (true) {
			long started = System.nanoTime();
			int status = probe(port);
			System.out.println(status + " " + (System.nanoTime() - started) / 1e6);
			TimeUnit.MILLISECONDS.sleep(10);
		}
	}

	private static int probe(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(5_000);
			socket.getOutputStream()
				.write(("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			String statusLine = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).readLine();
			return (statusLine != null) ? Integer.parseInt(statusLine.split(" ")[1]) : -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private void collect() {
		try (BufferedReader lines = this.child.inputReader(StandardCharsets.US_ASCII)) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				String[] fields = line.split(" ");
				this.probes.add(new Probe(Integer.parseInt(fields[0]), Double.parseDouble(fields[1])));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Each probe since the last reset. */
	List<Probe> taken() {
		return List.copyOf(this.probes);
	}

	/** The worst status and the p99 latency since the last reset. */
	String summary() {
		List<Probe> taken = taken();
		int worst = taken.stream().mapToInt(Probe::status).filter((status) -> status != 200).findFirst().orElse(200);
		return String.format("%d, %.1f ms (%d probes)", worst,
				Figures.percentile(new ArrayList<>(taken.stream().map(Probe::millis).toList()), 99), taken.size());
	}

	void reset() {
		this.probes.clear();
	}

	/** One probe: its HTTP status (-1 when nothing answered) and how long it took. */
	record Probe(int status, double millis) {
	}

	@Override
	public void close() throws InterruptedException, IOException {
		this.child.getOutputStream().close();
		if (!this.child.waitFor(10, TimeUnit.SECONDS)) {
			this.child.destroyForcibly().waitFor();
		}
		this.reader.join();
	}

}
