package dev.vigil.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * The command line's configuration file, with the public client's keys: {@code [server] address}
 * and {@code [tls] cert_path, key_path, ca_cert_path}. Relative paths are read against the file's
 * directory, so a file can sit beside its certificates.
 *
 * @param address the server's {@code host:port}, or null
 * @param certPath the client certificate (PEM), or null
 * @param keyPath the client certificate's private key (PEM, PKCS#8), or null
 * @param caCertPath the CA that signed the server's certificate (PEM), or null
 */
record ClientConfigFile(String address, Path certPath, Path keyPath, Path caCertPath) {

	static final ClientConfigFile NONE = new ClientConfigFile(null, null, null, null);

	/** {@code $XDG_CONFIG_HOME/vigil/client.toml}, or {@code ~/.config/vigil/client.toml}. */
	static Path defaultLocation(Map<String, String> env) {
		String configHome = env.get("XDG_CONFIG_HOME");
		Path base = (configHome != null && !configHome.isBlank()) ? Path.of(configHome)
				: Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
		return base.resolve("vigil").resolve("client.toml");
	}

	/** The file's settings; a missing file is an error only when it was asked for by name. */
	static ClientConfigFile read(Path file, boolean required) {
		if (!Files.isRegularFile(file)) {
			if (required) {
				throw new CommandException("config file " + file + " does not exist");
			}
			return NONE;
		}
		JsonNode root;
		try {
			root = TomlMapper.builder().build().readTree(file.toFile());
		}
		catch (JacksonException ex) {
			throw new CommandException("config file " + file + " is not valid TOML: " + ex.getOriginalMessage());
		}
		Path directory = file.toAbsolutePath().getParent();
		return new ClientConfigFile(text(root, "server", "address"), path(directory, root, "tls", "cert_path"),
				path(directory, root, "tls", "key_path"), path(directory, root, "tls", "ca_cert_path"));
	}

	private static Path path(Path directory, JsonNode root, String table, String key) {
		String value = text(root, table, key);
		return (value != null) ? directory.resolve(value) : null;
	}

	private static String text(JsonNode root, String table, String key) {
		JsonNode value = root.path(table).path(key);
		return (value.isString() && !value.asString().isBlank()) ? value.asString() : null;
	}

}
