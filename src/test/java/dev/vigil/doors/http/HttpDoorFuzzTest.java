package dev.vigil.doors.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.health.HealthEvaluator;
import dev.vigil.testing.CapturedLog;
import dev.vigil.testing.FuzzSeeds;
import dev.vigil.testing.VigilTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests no browser would send, written straight to the HTTP port: valid requests to the probes,
 * health groups and actuator endpoints, mutated (methods, paths, headers, bodies and request lines
 * spoilt, bytes flipped). Whatever comes in, the answer is never a server error (500, or a 503 of a
 * door that is ready), readiness never changes and the log holds no line about it (a malformed
 * body would be quoted in it). Seeds are fixed plus one new each run ({@link FuzzSeeds}); a
 * failure names its seed. The examples pin what earlier random seeds found.
 */
@VigilTest
class HttpDoorFuzzTest {

	private static final long[] FIXED_SEEDS = { 20261204L, 0x5EEDL };

	private static final int REQUESTS_PER_SEED = 100;

	private static final List<String> VALID = List.of("GET /readyz HTTP/1.1", "GET /livez HTTP/1.1",
			"GET /actuator/health HTTP/1.1", "GET /actuator/health/readiness HTTP/1.1",
			"GET /actuator/health/liveness HTTP/1.1", "GET /actuator/prometheus HTTP/1.1", "GET /actuator/info HTTP/1.1",
			"POST /actuator/env HTTP/1.1", "GET /.well-known/acme-challenge/abc HTTP/1.1");

	@LocalServerPort
	int port;

	@Autowired
	HealthEvaluator evaluator;

	private CapturedLog logged;

	@BeforeEach
	void captureLog() {
		this.logged = CapturedLog.root();
	}

	@AfterEach
	void releaseLog() {
		this.logged.close();
	}

	@Test
	void noRequestGetsAServerErrorOrMovesReadiness() throws IOException {
		boolean ready = this.evaluator.requiredGroup(HealthEvaluator.READINESS).serving();
		for (long seed : FuzzSeeds.of(FIXED_SEEDS)) {
			Random random = new Random(seed);
			for (int i = 0; i < REQUESTS_PER_SEED; i++) {
				byte[] request = request(random);
				int status = send(request);
				// 501 and 505 are HTTP's own answers to a method or version it does not speak.
				assertThat(status).as("seed %d: %s", seed, printable(request)).isNotIn(500, 502, 503, 504);
				assertThat(this.evaluator.requiredGroup(HealthEvaluator.READINESS).serving()).as("seed %d: readiness", seed)
					.isEqualTo(ready);
			}
		}
		assertQuietLog();
	}

	@Test
	void aPathOrQueryThatCannotBeDecodedIsABadRequestAndNotLogged() throws IOException {
		for (String path : List.of("/actuator/health?a?%wF", "/actuator/health?a=%zz", "/actuator/prometheus?%G1=1",
				"/actuator/health/readiness?x=%", "/actuator/env?a%=b", "/actuator/health?a=%C3%28", "/readyz?a=%zz",
				"/actuator/health/liveness;js%ssionid=1", "/livez;a=%", "/actuator/info;x=%C3%28")) {
			assertThat(send(get(path))).as(path).isEqualTo(400);
		}
		assertQuietLog();
	}

	@Test
	void aHealthPathNamingNothingIsNotFoundAndNotLogged() throws IOException {
		for (String path : List.of("/actuator/health/nothing/here", "/actuator/health/readiness/nothing/here",
				"/actuator/health/nothing", "/actuator/health/hosts/db/deeper")) {
			assertThat(send(get(path))).as(path).isEqualTo(404);
		}
		assertQuietLog();
	}

	@Test
	void aPathClimbingOutOfItsDirectoryIsNotServedAndNotLogged() throws IOException {
		for (String path : List.of("/actuator/prometheus/..-../etc/passwd", "/static/..-../etc/passwd", "/a/..-../b")) {
			assertThat(send(get(path))).as(path).isIn(400, 401, 404);
		}
		assertQuietLog();
	}

	private void assertQuietLog() {
		assertThat(this.logged.problems()).as("a client's mistakes are not the server's events: no WARN, no stack trace")
			.isEmpty();
	}

	private static byte[] get(String path) {
		return ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
	}

	/** A valid request, then spoilt in one way or a few. */
	private static byte[] request(Random random) {
		String line = VALID.get(random.nextInt(VALID.size()));
		StringBuilder headers = new StringBuilder("Host: localhost\r\nConnection: close\r\n");
		String body = "";
		switch (random.nextInt(8)) {
			case 0 -> line = line.replaceFirst("^\\w+", List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "get")
				.get(random.nextInt(7)));
			case 1 -> line = line.replace(" HTTP", randomPath(random) + " HTTP");
			case 2 -> headers.append("Authorization: ").append(List.of("Bearer ", "Basic ", "Basic %%%", "Digest x", "")
				.get(random.nextInt(5))).append(noise(random, 40)).append("\r\n");
			case 3 -> headers.append("Content-Length: ").append(random.nextInt(100) - 10).append("\r\n");
			case 4 -> {
				body = noise(random, 60);
				headers.append("Content-Type: application/json\r\nContent-Length: ")
					.append(body.getBytes(StandardCharsets.ISO_8859_1).length)
					.append("\r\n");
			}
			case 5 -> headers.append(noise(random, 30)).append("\r\n");
			case 6 -> line = line.replace("HTTP/1.1", List.of("HTTP/9.9", "HTTP/1.", "", "HTTP/1.1 extra").get(random.nextInt(4)));
			default -> headers.append("X-Filler: ").append("a".repeat(random.nextInt(20_000))).append("\r\n");
		}
		byte[] bytes = (line + "\r\n" + headers + "\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
		if (random.nextInt(4) == 0 && bytes.length > 0) {
			bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
		}
		return bytes;
	}

	private static String randomPath(Random random) {
		return List.of("/../../etc/passwd", "%00", "%zz", "?a=" + noise(random, 10), "/" + "x".repeat(5_000), ";jsessionid=1",
				"//", "/%2e%2e/").get(random.nextInt(8));
	}

	private static String noise(Random random, int max) {
		StringBuilder text = new StringBuilder();
		for (int i = random.nextInt(max + 1); i > 0; i--) {
			text.append((char) (0x20 + random.nextInt(0x5F)));
		}
		return text.toString();
	}

	/** Sends the bytes on a connection of their own; the status code answered, or 0 when the server closed it without one. */
	private int send(byte[] request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(2_000);
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			socket.shutdownOutput();
			InputStream in = socket.getInputStream();
			byte[] head = in.readNBytes(12);
			String statusLine = new String(head, StandardCharsets.ISO_8859_1);
			if (!statusLine.startsWith("HTTP/1.1 ")) {
				return 0;
			}
			return Integer.parseInt(statusLine.substring(9, 12));
		}
		catch (SocketTimeoutException ex) {
			return 0;
		}
	}

	private static String printable(byte[] bytes) {
		String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("\r\n", "⏎");
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

}
