package dev.vigil.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.testing.SystemCommands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One hook as a real {@code sh} subprocess in its own process group.
 */
class HookProcessTest {

	@TempDir
	Path directory;

	private final ExecutorService readers = Executors.newCachedThreadPool();

	@BeforeEach
	void needsSetsid() {
		SystemCommands.assume("setsid", "util-linux");
	}

	@AfterEach
	void stopReaders() {
		this.readers.shutdownNow();
	}

	@Test
	void successSeesTheEventInBothNamingsAndKeepsItsOutput() throws IOException {
		HookTrigger trigger = new HookTrigger(HookType.ON_SUCCESS, 42, "");
		HookResult result = start("printf '%s %s [%s] %s %s' \"$VIGIL_EVENT\" \"$VIGIL_ENTRY_COUNT\" \"$VIGIL_ERROR\" "
				+ "\"$ROUTER_HOSTS_EVENT\" \"$ROUTER_HOSTS_ENTRY_COUNT\"", trigger.environment(), 1024)
			.await(Duration.ofSeconds(10));
		assertThat(result.status()).isEqualTo(HookStatus.SUCCESS);
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).isEqualTo("success 42 [] success 42");
		assertThat(result.outputTruncated()).isFalse();
	}

	@Test
	void theFailureErrorIsOneLineWithoutControlCharacters() {
		HookTrigger trigger = new HookTrigger(HookType.ON_FAILURE, 0, "disk\nfull\u0007 \r\n at /data ");
		assertThat(trigger.environment()).containsEntry("VIGIL_EVENT", "failure")
			.containsEntry("VIGIL_ERROR", "disk full at /data")
			.containsEntry("ROUTER_HOSTS_ERROR", "disk full at /data");
	}

	@Test
	void aNonZeroExitIsAFailureWithItsCodeAndStandardError() throws IOException {
		HookResult result = start("echo to-stdout; echo to-stderr >&2; exit 3", Map.of(), 1024)
			.await(Duration.ofSeconds(10));
		assertThat(result.status()).isEqualTo(HookStatus.FAILURE);
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.output()).isEqualTo("to-stdout\nto-stderr\n");
	}

	@Test
	void aTimeoutKillsTheWholeProcessGroupChildrenIncluded() throws IOException {
		Path childPid = this.directory.resolve("child.pid");
		HookProcess process = start("sleep 120 & echo $! > '" + childPid + "'; sleep 120", Map.of(), 1024);
		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(childPid) && Files.size(childPid) > 0);
		long child = Long.parseLong(Files.readString(childPid).strip());
		assertThat(running(child)).isTrue();

		HookResult result = process.await(Duration.ofMillis(300));
		assertThat(result.status()).isEqualTo(HookStatus.TIMEOUT);
		assertThat(result.exitCode()).isEqualTo(-1);
		assertThat(result.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(running(process.pid())).isFalse();
		await().atMost(Duration.ofSeconds(10)).until(() -> !running(child));
	}

	@Test
	void outputBeyondTheLimitKeepsTheTail() throws IOException {
		HookResult result = start("head -c 200000 /dev/zero | tr '\\0' x; echo; echo last-line", Map.of(), 1024)
			.await(Duration.ofSeconds(10));
		assertThat(result.status()).isEqualTo(HookStatus.SUCCESS);
		assertThat(result.outputTruncated()).isTrue();
		assertThat(result.output()).hasSize(1024).endsWith("x\nlast-line\n").startsWith("xxxx");
	}

	@Test
	void killFromAnotherThreadIsReportedAsKilled() throws IOException {
		Path started = this.directory.resolve("started");
		HookProcess process = start("touch '" + started + "'; sleep 120", Map.of(), 1024);
		CompletableFuture<HookResult> result = CompletableFuture.supplyAsync(() -> process.await(Duration.ofMinutes(5)));
		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(started));
		process.kill();
		assertThat(result.join().status()).isEqualTo(HookStatus.KILLED);
		assertThat(running(process.pid())).isFalse();
	}

	private HookProcess start(String command, Map<String, String> environment, int outputLimit) throws IOException {
		return HookProcess.start(command, environment, outputLimit, this.readers, Clock.systemUTC());
	}

	/** Alive and not a zombie: a killed child nobody has reaped yet still has a process entry. */
	static boolean running(long pid) {
		Path stat = Path.of("/proc", Long.toString(pid), "stat");
		try {
			String text = Files.readString(stat);
			char state = text.charAt(text.lastIndexOf(')') + 2);
			return state != 'Z' && state != 'X';
		}
		catch (IOException ex) {
			return false;
		}
	}

}
