package dev.vigil.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;

/**
 * Where and how a command reaches the server, resolved once per command: each setting from its
 * flag, else its {@code VIGIL_*} environment variable, else the configuration file. TLS is on when
 * a CA, a client certificate or an {@code https://} address is given. The token is never part of
 * {@link #toString()}.
 *
 * @param server the server's {@code host:port}
 * @param token the API token, or null
 * @param tokenSource where the token came from (a flag, a variable or a file), for verbose output
 * @param tls whether the channel uses TLS
 * @param ca the CA that signed the server's certificate, or null for the system's trust store
 * @param cert the client certificate, or null
 * @param key the client certificate's key, or null
 * @param timeout the deadline of each call
 */
record ClientSettings(String server, String token, String tokenSource, boolean tls, Path ca, Path cert, Path key,
		Duration timeout) {

	static final String DEFAULT_SERVER = "localhost:9090";

	/** What the flags said; null where a flag was not given. */
	record Flags(String server, String token, Path tokenFile, Path ca, Path cert, Path key, Path config,
			Duration timeout) {
	}

	static ClientSettings resolve(Flags flags, Map<String, String> env) {
		Path configPath = first(flags.config(), pathOf(env.get("VIGIL_CONFIG")));
		ClientConfigFile file = ClientConfigFile.read(
				(configPath != null) ? configPath : ClientConfigFile.defaultLocation(env), configPath != null);
		String server = first(flags.server(), env.get("VIGIL_SERVER"), file.address(), DEFAULT_SERVER);
		Path ca = first(flags.ca(), pathOf(env.get("VIGIL_CA")), file.caCertPath());
		Path cert = first(flags.cert(), pathOf(env.get("VIGIL_CERT")), file.certPath());
		Path key = first(flags.key(), pathOf(env.get("VIGIL_KEY")), file.keyPath());
		if ((cert == null) != (key == null)) {
			throw new CommandException("a client certificate needs both --cert and --key");
		}
		boolean https = server.startsWith("https://");
		String target = server.replaceFirst("^https?://", "");
		boolean tls = https || ca != null || cert != null;
		Duration timeout = (flags.timeout() != null) ? flags.timeout() : Duration.ofSeconds(30);
		Token token = token(flags, env);
		return new ClientSettings(target, token.value(), token.source(), tls, ca, cert, key, timeout);
	}

	private record Token(String value, String source) {
	}

	private static Token token(Flags flags, Map<String, String> env) {
		if (flags.token() != null) {
			return new Token(flags.token(), "--token");
		}
		if (flags.tokenFile() != null) {
			return new Token(readToken(flags.tokenFile()), "--token-file");
		}
		String variable = env.get("VIGIL_TOKEN");
		if (variable != null && !variable.isBlank()) {
			return new Token(variable.strip(), "VIGIL_TOKEN");
		}
		Path tokenFile = pathOf(env.get("VIGIL_TOKEN_FILE"));
		return (tokenFile != null) ? new Token(readToken(tokenFile), "VIGIL_TOKEN_FILE") : new Token(null, "none");
	}

	/** A client over these settings. */
	RouterHostsClient connect() {
		return RouterHostsClient.connect(this.server, this.timeout, credentials(), this.token);
	}

	private ChannelCredentials credentials() {
		if (!this.tls) {
			return InsecureChannelCredentials.create();
		}
		try {
			TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
			if (this.ca != null) {
				builder.trustManager(this.ca.toFile());
			}
			if (this.cert != null) {
				builder.keyManager(this.cert.toFile(), this.key.toFile());
			}
			return builder.build();
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new CommandException("cannot read the TLS files: " + ex.getMessage());
		}
	}

	@Override
	public String toString() {
		return "server " + this.server + ", " + (this.tls ? "TLS" : "plaintext")
				+ ((this.ca != null) ? ", CA " + this.ca : "") + ((this.cert != null) ? ", client certificate " + this.cert : "")
				+ ", token from " + this.tokenSource + ", timeout " + this.timeout.toMillis() + " ms";
	}

	private static String readToken(Path file) {
		try {
			String token = Files.readString(file, StandardCharsets.UTF_8).strip();
			if (token.isEmpty()) {
				throw new CommandException("token file " + file + " is empty");
			}
			return token;
		}
		catch (IOException ex) {
			throw new CommandException("cannot read token file " + file + ": " + ex.getClass().getSimpleName());
		}
	}

	private static Path pathOf(String value) {
		return (value != null && !value.isBlank()) ? Path.of(value) : null;
	}

	@SafeVarargs
	private static <T> T first(T... values) {
		for (T value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

}
