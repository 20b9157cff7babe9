package dev.vigil.doors.ipc;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class IpcPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void defaultsKeepTheSocketOffWithTheProtocolsBounds() {
		this.runner.run((context) -> {
			IpcProperties properties = context.getBean(IpcProperties.class);
			assertThat(properties.enabled()).isFalse();
			assertThat(properties.socketPath().normalize()).isEqualTo(Path.of("data/vigil.sock"));
			assertThat(properties.maxFrameSize()).isEqualTo(DataSize.ofMegabytes(16));
			assertThat(properties.token()).isNull();
		});
	}

	@Test
	void anEmptyTokenIsRefusedAtStartupWithoutEchoingOtherSecrets() {
		this.runner.withPropertyValues("vigil.ipc.token=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(causes(context.getStartupFailure())).contains("token").contains("must not be empty");
		});
		this.runner.withPropertyValues("vigil.ipc.token=   ").run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void aFrameBoundOutsideWhatTheLengthCanSayIsRefused() {
		this.runner.withPropertyValues("vigil.ipc.max-frame-size=4GB")
			.run((context) -> assertThat(causes(context.getStartupFailure())).contains("between 1KB and 1GB"));
	}

	@Test
	void toStringNeverShowsTheToken() {
		this.runner.withPropertyValues("vigil.ipc.token=s3cret-value").run((context) -> {
			IpcProperties properties = context.getBean(IpcProperties.class);
			assertThat(properties.token()).isEqualTo("s3cret-value");
			assertThat(properties.toString()).doesNotContain("s3cret-value").contains("token=(set)");
		});
	}

	private static String causes(Throwable failure) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			text.append(cause.getMessage()).append('\n');
		}
		return text.toString();
	}

	@EnableConfigurationProperties(IpcProperties.class)
	static class PropertiesOnly {

	}

}
