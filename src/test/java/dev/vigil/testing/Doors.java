package dev.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;

import dev.vigil.api.routerhosts.v1.HealthResponse;
import dev.vigil.client.RouterHostsClient;
import dev.vigil.doors.ipc.IpcProperties;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/**
 * Reads every door of a running Vigil over real ports: the HTTP probes and groups, the
 * {@code router_hosts.v1} RPCs and {@code grpc.health.v1}.
 */
public final class Doors implements AutoCloseable {

	private static final Duration DEADLINE = Duration.ofSeconds(5);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(DEADLINE).build();

	private final String base;

	private final ManagedChannel channel;

	private final RouterHostsClient client;

	private final int grpcPort;

	private final Path ipcSocket;

	public Doors(int httpPort, int grpcPort) {
		this(httpPort, grpcPort, null);
	}

	/** Every door, the IPC socket too when {@code ipcSocket} is not null. */
	public Doors(int httpPort, int grpcPort, Path ipcSocket) {
		this.ipcSocket = ipcSocket;
		this.base = "http://127.0.0.1:" + httpPort;
		this.grpcPort = grpcPort;
		this.channel = Channels.local(grpcPort);
		this.client = RouterHostsClient.connect("127.0.0.1:" + grpcPort, DEADLINE);
	}

	/** Every door of a running Vigil, read from its context: the IPC socket too when it is enabled. */
	public static Doors of(ApplicationContext context) {
		IpcProperties ipc = context.getBean(IpcProperties.class);
		return new Doors(((WebServerApplicationContext) context).getWebServer().getPort(),
				context.getBean(GrpcServerLifecycle.class).getPort(), ipc.enabled() ? ipc.socketPath() : null);
	}

	public int grpcPort() {
		return this.grpcPort;
	}

	public ManagedChannel channel() {
		return this.channel;
	}

	public RouterHostsClient client() {
		return this.client;
	}

	public HttpResponse<String> get(String path) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + path)).timeout(DEADLINE).build();
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public int status(String path) {
		return get(path).statusCode();
	}

	public ServingStatus grpcHealth(String service) {
		return HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
			.check(HealthCheckRequest.newBuilder().setService(service).build())
			.getStatus();
	}

	public HealthResponse health() {
		return this.client.health();
	}

	/** Every door's answer, read now. */
	public View read() {
		RouterHostsClient.Readiness readiness = this.client.checkReadiness();
		return new View(status("/readyz"), status("/actuator/health/readiness"), readiness.ready(), readiness.reason(),
				grpcHealth("readiness"), grpcHealth(""), grpcHealth("router_hosts.v1.HostsService"), status("/livez"),
				status("/actuator/health/liveness"), this.client.liveness(), grpcHealth("liveness"), readIpc());
	}

	private Ipc readIpc() {
		if (this.ipcSocket == null) {
			return null;
		}
		try (IpcClient ipc = IpcClient.connect(this.ipcSocket)) {
			JsonNode full = ipc.healthCheck("Full");
			return new Ipc(ipc.healthCheck("Readiness").get("ok").asBoolean(), full.get("ok").asBoolean(),
					full.get("report").get("ready").asBoolean(), full.get("report").get("state").asString(),
					ipc.healthCheck("Liveness").get("ok").asBoolean());
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.client.close();
		Channels.close(this.channel);
	}

	/** What each door said at one moment. */
	public record View(int readyz, int readinessGroup, boolean grpcReady, String grpcReason, ServingStatus readiness,
			ServingStatus wholeServer, ServingStatus hostsService, int livez, int livenessGroup, boolean grpcAlive,
			ServingStatus liveness, Ipc ipc) {

		/** Each readiness door's answer, as ready or not. */
		public List<Boolean> readyAnswers() {
			List<Boolean> answers = new ArrayList<>(List.of(this.readyz == 200, this.readinessGroup == 200,
					this.grpcReady, this.readiness == ServingStatus.SERVING, this.wholeServer == ServingStatus.SERVING,
					this.hostsService == ServingStatus.SERVING));
			if (this.ipc != null) {
				answers.addAll(List.of(this.ipc.readiness(), this.ipc.full(), this.ipc.reportReady(),
						!this.ipc.state().equals("Unhealthy")));
			}
			return answers;
		}

		/** Adds each liveness door's answer to {@code seen}, for a test that watches liveness through a fault. */
		public View recordAlive(List<Boolean> seen) {
			seen.addAll(aliveAnswers());
			return this;
		}

		/** Each liveness door's answer, as alive or not. */
		public List<Boolean> aliveAnswers() {
			List<Boolean> answers = new ArrayList<>(List.of(this.livez == 200, this.livenessGroup == 200,
					this.grpcAlive, this.liveness == ServingStatus.SERVING));
			if (this.ipc != null) {
				answers.add(this.ipc.liveness());
			}
			return answers;
		}

	}

	/**
	 * What the IPC socket said: {@code health_check} Readiness, Full (its {@code ok}, the report's
	 * {@code ready} and state) and Liveness.
	 */
	public record Ipc(boolean readiness, boolean full, boolean reportReady, String state, boolean liveness) {
	}

}
