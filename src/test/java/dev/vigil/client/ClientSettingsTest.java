package dev.vigil.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where each client setting comes from: its flag, else its environment variable, else the
 * configuration file (named, or at the XDG location), else the default; and when the jar starts the
 * server instead of a command.
 */
class ClientSettingsTest {

	@TempDir
	Path home;

	private static final ClientSettings.Flags NO_FLAGS = new ClientSettings.Flags(null, null, null, null, null, null, null,
			null);

	@Test
	void aFlagBeatsTheEnvironmentWhichBeatsTheFile() throws Exception {
		Path config = Files.createDirectories(this.home.resolve(".config/vigil")).resolve("client.toml");
		Files.writeString(config, """
				[server]
				address = "file.example:9090"

				[tls]
				ca_cert_path = "ca.pem"
				""");
		Map<String, String> env = Map.of("HOME", this.home.toString());
		ClientSettings fromFile = ClientSettings.resolve(NO_FLAGS, env);
		assertThat(fromFile.server()).isEqualTo("file.example:9090");
		assertThat(fromFile.ca()).isEqualTo(config.getParent().resolve("ca.pem"));
		assertThat(fromFile.tls()).isTrue();

		ClientSettings fromEnv = ClientSettings.resolve(NO_FLAGS,
				Map.of("HOME", this.home.toString(), "VIGIL_SERVER", "env.example:9090", "VIGIL_TOKEN", "env-token"));
		assertThat(fromEnv.server()).isEqualTo("env.example:9090");
		assertThat(fromEnv.token()).isEqualTo("env-token");
		assertThat(fromEnv.tokenSource()).isEqualTo("VIGIL_TOKEN");

		ClientSettings fromFlags = ClientSettings.resolve(new ClientSettings.Flags("flag.example:9090", "flag-token", null,
				null, null, null, null, Duration.ofSeconds(3)), Map.of("HOME", this.home.toString(), "VIGIL_SERVER",
						"env.example:9090", "VIGIL_TOKEN", "env-token"));
		assertThat(fromFlags.server()).isEqualTo("flag.example:9090");
		assertThat(fromFlags.token()).isEqualTo("flag-token");
		assertThat(fromFlags.timeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(fromFlags.toString()).doesNotContain("flag-token").contains("token from --token");
	}

	@Test
	void theXdgConfigHomeIsReadAndTheDefaultsApplyWithoutAFile() throws Exception {
		Path xdg = this.home.resolve("xdg");
		Files.createDirectories(xdg.resolve("vigil"));
		Files.writeString(xdg.resolve("vigil/client.toml"), "[server]\naddress = \"xdg.example:1\"\n");
		assertThat(ClientSettings.resolve(NO_FLAGS, Map.of("XDG_CONFIG_HOME", xdg.toString())).server())
			.isEqualTo("xdg.example:1");
		ClientSettings defaults = ClientSettings.resolve(NO_FLAGS, Map.of("HOME", this.home.toString()));
		assertThat(defaults.server()).isEqualTo("localhost:9090");
		assertThat(defaults.tls()).isFalse();
		assertThat(defaults.token()).isNull();
		assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void tokenFilesAndHttpsAddresses() throws Exception {
		Path tokenFile = Files.writeString(this.home.resolve("token"), "  file-token\n");
		ClientSettings settings = ClientSettings.resolve(NO_FLAGS, Map.of("HOME", this.home.toString(), "VIGIL_TOKEN_FILE",
				tokenFile.toString(), "VIGIL_SERVER", "https://vigil.example:9443"));
		assertThat(settings.token()).isEqualTo("file-token");
		assertThat(settings.server()).isEqualTo("vigil.example:9443");
		assertThat(settings.tls()).isTrue();
		assertThat(settings.ca()).isNull();
	}

	@Test
	void badConfigurationIsAUsageErrorThatNamesTheFile() throws Exception {
		Path broken = Files.writeString(this.home.resolve("broken.toml"), "[server\naddress=");
		assertThatThrownBy(() -> ClientSettings.resolve(
				new ClientSettings.Flags(null, null, null, null, null, null, broken, null), Map.of()))
			.isInstanceOf(CommandException.class)
			.hasMessageStartingWith("config file " + broken + " is not valid TOML");
		Path missing = this.home.resolve("missing.toml");
		assertThatThrownBy(() -> ClientSettings.resolve(
				new ClientSettings.Flags(null, null, null, null, null, null, missing, null), Map.of()))
			.hasMessage("config file " + missing + " does not exist");
		assertThatThrownBy(() -> ClientSettings.resolve(new ClientSettings.Flags(null, null, null, null,
				this.home.resolve("cert.pem"), null, null, null), Map.of("HOME", this.home.toString())))
			.hasMessage("a client certificate needs both --cert and --key");
		assertThatThrownBy(() -> ClientSettings.resolve(new ClientSettings.Flags(null, null, this.home.resolve("none"), null,
				null, null, null, null), Map.of("HOME", this.home.toString())))
			.hasMessageStartingWith("cannot read token file");
	}

	@Test
	void theServerStartsWithNoArgumentsOrSpringArgumentsAlone() {
		assertThat(VigilCommandLine.startsServer(new String[0])).isTrue();
		assertThat(VigilCommandLine.startsServer(new String[] { "--server.port=8081", "--spring.config.additional-location=file:x.yaml" }))
			.isTrue();
		assertThat(VigilCommandLine.startsServer(new String[] { "--debug" })).isTrue();
		assertThat(VigilCommandLine.startsServer(new String[] { "host", "list" })).isFalse();
		assertThat(VigilCommandLine.startsServer(new String[] { "--server=localhost:9090", "host", "list" })).isFalse();
		assertThat(VigilCommandLine.startsServer(new String[] { "--help" })).isFalse();
		assertThat(VigilCommandLine.startsServer(new String[] { "--token=abc" })).isFalse();
		assertThat(VigilCommandLine.startsServer(new String[] { "frobnicate" })).isFalse();
	}

}
