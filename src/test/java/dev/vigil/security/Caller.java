package dev.vigil.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

/**
 * One way of calling Vigil in the security tests: anonymous, or with a token (right, wrong or
 * lacking the role), over HTTP and gRPC.
 */
record Caller(String label, String token) {

	static final Caller ANONYMOUS = new Caller("anonymous", null);

	static Caller withToken(String label, String token) {
		return new Caller(label, token);
	}

	/** The SHA-256 a token is configured by, in hex. */
	static String sha256(String token) {
		return HexFormat.of().formatHex(TokenDigest.sha256(token));
	}

	Channel on(Channel channel) {
		if (this.token == null) {
			return channel;
		}
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + this.token);
		return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
	}

	HttpResponse<String> get(HttpClient http, String base, String path) {
		return send(http, HttpRequest.newBuilder(URI.create(base + path)).GET());
	}

	/** A POST of a JSON body, as Actuator's write operations take it. */
	HttpResponse<String> post(HttpClient http, String base, String path, String json) {
		return send(http, HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
		request.timeout(Duration.ofSeconds(5));
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return this.label;
	}

}
