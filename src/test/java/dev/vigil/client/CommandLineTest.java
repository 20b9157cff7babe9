package dev.vigil.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vigil.security.TokenDigest;
import dev.vigil.testing.CommandRun;
import dev.vigil.testing.Ports;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's command line against a running Vigil with security on, over a real channel: every
 * command in table, JSON and CSV, each exit code (refused, unreachable, bad token, usage), and no
 * output that ever holds a token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.grpc.server.port=0", "spring.datasource.url=jdbc:sqlite:target/test-data/cli/vigil.db",
				"vigil.hosts.file.path=target/test-data/cli/hosts", "vigil.models.directory=target/test-data/no-models",
				"vigil.health.defaults.interval=200ms" })
class CommandLineTest {

	static final String OPERATOR = "operator-token-for-the-command-line-test";

	static final String READER = "reader-token-for-the-command-line-test";

	static final String EDITOR = "editor-token-for-the-command-line-test";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void tokens(DynamicPropertyRegistry registry) throws IOException {
		FileSystemUtils.deleteRecursively(Path.of("target/test-data/cli"));
		// All in one property source: a list's items do not merge across sources.
		registry.add("vigil.security.tokens[0].name", () -> "operator");
		registry.add("vigil.security.tokens[0].roles", () -> "hosts:read,hosts:write");
		registry.add("vigil.security.tokens[1].name", () -> "reader");
		registry.add("vigil.security.tokens[1].roles", () -> "hosts:read");
		registry.add("vigil.security.tokens[0].sha256", () -> HexFormat.of().formatHex(TokenDigest.sha256(OPERATOR)));
		registry.add("vigil.security.tokens[1].sha256", () -> HexFormat.of().formatHex(TokenDigest.sha256(READER)));
		registry.add("vigil.security.tokens[2].name", () -> "editor");
		registry.add("vigil.security.tokens[2].roles", () -> "hosts:read,hosts:write");
		registry.add("vigil.security.tokens[2].sha256", () -> HexFormat.of().formatHex(TokenDigest.sha256(EDITOR)));
	}

	@Autowired
	GrpcServerLifecycle grpcServer;

	@TempDir
	Path work;

	private final List<CommandRun> runs = new ArrayList<>();

	private Map<String, String> env;

	@BeforeEach
	void environment() throws Exception {
		Path tokenFile = Files.writeString(this.work.resolve("token"), OPERATOR + "\n");
		// HOME points at the test's own directory, so no client.toml of the machine is read.
		this.env = new HashMap<>(Map.of("VIGIL_SERVER", "localhost:" + this.grpcServer.getPort(), "VIGIL_TOKEN_FILE",
				tokenFile.toString(), "HOME", this.work.toString()));
		// Each test starts from an empty registry.
		JsonNode existing = vigil("-f", "json", "host", "list").json();
		for (JsonNode entry : existing) {
			vigil("host", "delete", entry.get("id").asString()).assertExit(0);
		}
	}

	@AfterEach
	void noOutputHoldsAToken() {
		for (CommandRun run : this.runs) {
			assertThat(run.out() + run.err()).doesNotContain(OPERATOR).doesNotContain(READER).doesNotContain(EDITOR);
		}
	}

	@Test
	void hostsAreAddedReadChangedAndDeletedInEachFormat() {
		JsonNode added = vigil("-f", "json", "host", "add", "--ip", "192.168.1.10", "--hostname", "nas.home", "--comment",
				"the nas", "--tags", "storage,home", "--aliases", "nas,files.home").assertExit(0).json();
		String id = added.get("id").asString();
		assertThat(added.get("ip_address").asString()).isEqualTo("192.168.1.10");
		assertThat(added.get("tags").toString()).isEqualTo("[\"storage\",\"home\"]");
		assertThat(added.get("version").asString()).isNotEmpty();

		String table = vigil("-f", "table", "host", "get", id).assertExit(0).out();
		assertThat(table.lines().toList()).hasSize(2);
		assertThat(table.lines().findFirst().orElseThrow()).startsWith("ID").contains("IP_ADDRESS", "HOSTNAME", "VERSION");
		assertThat(table).contains("192.168.1.10", "nas.home", "nas,files.home", "storage,home", "the nas");

		List<String> csv = vigil("-f", "csv", "host", "list").assertExit(0).out().lines().toList();
		assertThat(csv.get(0)).isEqualTo("id,ip_address,hostname,aliases,tags,comment,version,created_at,updated_at");
		assertThat(csv.get(1)).startsWith(id + ",192.168.1.10,nas.home,nas files.home,storage home,the nas,");

		// An update without --version sends the version it reads; an empty --tags clears them.
		JsonNode updated = vigil("-f", "json", "host", "update", id, "--hostname", "store.home", "--tags", "").assertExit(0)
			.json();
		assertThat(updated.get("hostname").asString()).isEqualTo("store.home");
		assertThat(updated.get("tags").size()).isZero();
		assertThat(updated.get("aliases").size()).isEqualTo(2);
		assertThat(updated.get("version").asString()).isNotEqualTo(added.get("version").asString());

		// A stale version is refused, and the error names both.
		CommandRun stale = vigil("host", "update", id, "--comment", "late", "--version", added.get("version").asString());
		stale.assertExit(1);
		assertThat(stale.err()).startsWith("ABORTED: ")
			.contains("you sent version " + added.get("version").asString(),
					"the server has version " + updated.get("version").asString());
		vigil("host", "delete", id, "--version", added.get("version").asString()).assertExit(1);

		assertThat(vigil("-f", "table", "host", "delete", id).assertExit(0).out()).isEqualTo("deleted " + id + "\n");
		CommandRun gone = vigil("host", "get", id).assertExit(1);
		assertThat(gone.err()).startsWith("NOT_FOUND: ");
	}

	@Test
	void listFiltersAndPagesAndSearchMatchesAnyField() {
		vigil("host", "add", "--ip", "10.0.0.1", "--hostname", "a.home", "--tags", "lab").assertExit(0);
		vigil("host", "add", "--ip", "10.0.0.2", "--hostname", "b.home", "--comment", "printer").assertExit(0);
		vigil("host", "add", "--ip", "10.0.0.3", "--hostname", "c.home", "--tags", "lab").assertExit(0);
		assertThat(hostnames(vigil("-f", "json", "host", "list", "--filter", "tag:lab").json())).containsExactly("a.home",
				"c.home");
		assertThat(hostnames(vigil("-f", "json", "host", "list", "--limit", "1", "--offset", "1").json()))
			.containsExactly("b.home");
		assertThat(hostnames(vigil("-f", "json", "host", "search", "PRINT").json())).containsExactly("b.home");
		assertThat(vigil("-f", "csv", "host", "search", "nothing-matches").out()).isEqualTo(
				"id,ip_address,hostname,aliases,tags,comment,version,created_at,updated_at\n");
		assertThat(vigil("host", "list", "--limit", "-1").assertExit(1).err()).startsWith("INVALID_ARGUMENT: ");
	}

	@Test
	void importReadsEachFormatAndExportWritesEachFormat() throws Exception {
		Path hostsFile = Files.writeString(this.work.resolve("in.hosts"), "10.1.0.1 one.home\n10.1.0.2 two.home two\n");
		JsonNode summary = vigil("host", "import", hostsFile.toString()).assertExit(0).json();
		assertThat(summary.get("created").asInt()).isEqualTo(2);
		Path csv = Files.writeString(this.work.resolve("in.csv"),
				"ip_address,hostname,aliases,comment,tags\n10.1.0.1,one.home,uno,first,a b\n");
		JsonNode replaced = vigil("host", "import", csv.toString(), "--conflict-mode", "replace").assertExit(0).json();
		assertThat(replaced.get("updated").asInt()).isEqualTo(1);
		vigil("host", "import", csv.toString(), "--conflict-mode", "strict").assertExit(1);
		Path json = Files.writeString(this.work.resolve("more.txt"), "[{\"ip_address\":\"10.1.0.3\",\"hostname\":\"three.home\"}]");
		assertThat(vigil("host", "import", json.toString()).assertExit(1).err())
			.contains("invalid: line 1: ", "\nINVALID_ARGUMENT: ")
			.doesNotContain("Exception");
		assertThat(vigil("host", "import", "--format", "json", json.toString()).assertExit(0)
			.json()
			.get("created")
			.asInt()).isEqualTo(1);
		Path broken = Files.writeString(this.work.resolve("broken.hosts"), "10.1.0.4 four.home\nnot-an-address x\n");
		CommandRun refused = vigil("host", "import", broken.toString()).assertExit(1);
		assertThat(refused.err()).contains("invalid: line 2", "nothing was imported");
		assertThat(vigil("host", "import", broken.toString(), "--force").assertExit(0).json().get("created").asInt())
			.isEqualTo(1);
		vigil("host", "import", this.work.resolve("missing.hosts").toString()).assertExit(2);

		assertThat(vigil("host", "export").assertExit(0).out()).contains("10.1.0.1\tone.home uno", "10.1.0.3\tthree.home");
		Path exported = this.work.resolve("out/export.json");
		vigil("-f", "json", "host", "export", "-o", exported.toString()).assertExit(0);
		assertThat(JSON.readTree(exported.toFile()).size()).isEqualTo(4);
		assertThat(vigil("-f", "csv", "host", "export").out()).startsWith("ip_address,hostname,aliases,comment,tags\n");
		vigil("-f", "table", "host", "export").assertExit(2);
	}

	@Test
	void snapshotsAreTakenListedRolledBackAndDeleted() {
		String kept = vigil("-q", "host", "add", "--ip", "10.2.0.1", "--hostname", "kept.home").assertExit(0).out().strip();
		String snapshot = vigil("-q", "snapshot", "create", "--name", "before").assertExit(0).out().strip();
		assertThat(snapshot).matches("[0-9A-Z]{26}");
		vigil("host", "add", "--ip", "10.2.0.2", "--hostname", "later.home").assertExit(0);
		JsonNode listed = vigil("-f", "json", "snapshot", "list").assertExit(0).json();
		assertThat(listed.get(0).get("name").asString()).isEqualTo("before");
		assertThat(listed.get(0).get("entry_count").asInt()).isEqualTo(1);
		assertThat(vigil("-f", "csv", "snapshot", "list", "--limit", "1").out())
			.startsWith("snapshot_id,created_at,entry_count,trigger,name\n" + snapshot + ",");
		String rolledBack = vigil("-f", "table", "snapshot", "rollback", snapshot).assertExit(0).out();
		assertThat(rolledBack).startsWith("rolled back to " + snapshot + ": 1 entries; undo with: snapshot rollback ");
		assertThat(hostnames(vigil("host", "list").json())).containsExactly("kept.home");
		assertThat(vigil("host", "list").json().get(0).get("id").asString()).isEqualTo(kept);
		vigil("snapshot", "delete", snapshot).assertExit(0);
		vigil("snapshot", "delete", snapshot).assertExit(1);
	}

	@Test
	void historySaysWhoChangedAHostAndCompactFoldsIt() {
		String id = vigil("-q", "host", "add", "--ip", "192.168.1.10", "--hostname", "nas.home").assertExit(0).out().strip();
		vigil("--token", EDITOR, "host", "update", id, "--ip", "192.168.1.20").assertExit(0);
		vigil("--token", EDITOR, "host", "update", id, "--comment", "new switch").assertExit(0);

		List<String> table = vigil("-f", "table", "host", "history", id).assertExit(0).out().lines().toList();
		assertThat(table.get(0)).startsWith("CHANGED_AT").contains("OPERATION", "CALLER", "CHANGES", "VERSION");
		assertThat(table).hasSize(4);
		assertThat(table.get(1)).contains("updated", "editor", "comment: (none) → new switch");
		assertThat(table.get(2)).contains("updated", "editor", "ip_address: 192.168.1.10 → 192.168.1.20");
		assertThat(table.get(3)).contains("created", "operator", "hostname: (none) → nas.home");
		JsonNode json = vigil("-f", "json", "host", "history", id, "--limit", "1").assertExit(0).json();
		assertThat(json.size()).isEqualTo(1);
		assertThat(json.get(0).get("caller").asString()).isEqualTo("editor");
		assertThat(json.get(0).get("fields").get(0).get("after").get(0).asString()).isEqualTo("new switch");
		assertThat(vigil("-f", "csv", "host", "history", id).assertExit(0).out())
			.startsWith("changed_at,entry_id,operation,caller,changes,version,change_id,sequence,fields\n");

		JsonNode byEditor = vigil("-f", "json", "changes", "--since", "1h", "--by", "editor").assertExit(0).json();
		assertThat(byEditor.size()).isEqualTo(2);
		assertThat(vigil("-f", "json", "changes", "--operation", "created").assertExit(0).json().get(0).get("entry_id")
			.asString()).isEqualTo(id);
		String created = vigil("-f", "json", "changes", "--operation", "created").json().get(0).get("change_id").asString();
		assertThat(vigil("-f", "json", "changes", "--since", created).assertExit(0).json().size()).isEqualTo(2);
		vigil("changes", "--since", "yesterday-ish").assertExit(2);
		vigil("changes", "--operation", "renamed").assertExit(2);

		JsonNode dry = vigil("-f", "json", "compact", id, "--dry-run").assertExit(0).json();
		assertThat(dry.get("total_events_reclaimed").asLong()).isEqualTo(2);
		assertThat(vigil("-f", "json", "host", "history", id).json().size()).isEqualTo(3);
		assertThat(vigil("-f", "table", "compact", "--over", "1").assertExit(0).out()).contains(id).endsWith("reclaimed 2 events\n");
		assertThat(vigil("-f", "json", "host", "history", id).json().get(0).get("operation").asString()).isEqualTo("compacted");
		assertThat(vigil("compact", id, "--over", "1").assertExit(2).err()).contains("not both");
		assertThat(vigil("compact").assertExit(2).err()).contains("give an ID or --over N");
		assertThat(vigil("compact", "01ARZ3NDEKTSV4RRFFQ69G5FAV").assertExit(1).err()).startsWith("NOT_FOUND");
		assertThat(vigil("--token", READER, "compact", id).assertExit(1).err()).startsWith("PERMISSION_DENIED");
	}

	@Test
	void serverCommandsAnswerAndVersionNamesBothSides() {
		assertThat(vigil("-f", "table", "server", "liveness").assertExit(0).out()).isEqualTo("alive\n");
		assertThat(vigil("-f", "json", "server", "readiness").assertExit(0).json().get("ready").asBoolean()).isTrue();
		CommandRun health = vigil("-f", "table", "server", "health");
		assertThat(health.out()).startsWith("healthy ").contains("  db UP");
		assertThat(vigil("server", "health").json().get("components").size()).isGreaterThan(3);
		assertThat(vigil("-f", "csv", "server", "health").out()).startsWith("healthy,version,build_info,components\n");
		CommandRun version = vigil("-f", "table", "version").assertExit(0);
		assertThat(version.out()).startsWith("client ").contains("\nserver ");
		assertThat(vigil("version").json().get("server").asString()).isNotEmpty();
	}

	@Test
	void theExitCodeSaysWhoSaidNo() {
		// The server said no: a write with a read-only token, a bad token, invalid input.
		CommandRun refused = vigil("--token", READER, "host", "add", "--ip", "10.3.0.1", "--hostname", "x.home");
		refused.assertExit(1);
		assertThat(refused.err()).startsWith("PERMISSION_DENIED").hasLineCount(1);
		assertThat(vigil("--token", "not-a-token", "host", "list").assertExit(1).err()).startsWith("UNAUTHENTICATED");
		this.env.remove("VIGIL_TOKEN_FILE");
		assertThat(vigil("host", "list").assertExit(1).err()).startsWith("UNAUTHENTICATED");
		this.env.put("VIGIL_TOKEN", OPERATOR);
		assertThat(vigil("host", "add", "--ip", "not-an-ip", "--hostname", "y").assertExit(1).err())
			.startsWith("INVALID_ARGUMENT: ");

		// No answer: exit 2, one line naming the address.
		CommandRun unreachable = vigil("--server", "127.0.0.1:" + Ports.free(), "--timeout", "2s", "host", "list").assertExit(2);
		assertThat(unreachable.err()).startsWith("cannot reach the server at 127.0.0.1:").hasLineCount(1);

		// An option's value that happens to be a command's name is still the option's value.
		assertThat(vigil("--config", "host", "snapshot", "list").assertExit(2).err())
			.isEqualTo("config file host does not exist\n");

		// Usage: an unknown command or option, a missing value, a wrong format.
		assertThat(vigil("frobnicate").assertExit(2).err()).contains("Unmatched argument", "Usage: vigil");
		vigil("host", "add", "--ip", "10.3.0.2").assertExit(2);
		vigil("host", "list", "--limit", "many").assertExit(2);
		vigil("--format", "yaml", "host", "list").assertExit(2);
		vigil("-f", "hosts", "host", "list").assertExit(2);
		assertThat(vigil("--token", READER, "--bogus").assertExit(2).err()).doesNotContain(READER);
		assertThat(vigil().assertExit(2).err()).contains("Commands:", "host", "snapshot", "completion");
	}

	@Test
	void completionCoversEveryCommand() {
		String bash = vigil("completion", "bash").assertExit(0).out();
		assertThat(bash).contains("complete -F", "vigil").contains("host", "snapshot", "rollback", "--conflict-mode");
		assertThat(vigil("completion", "zsh").assertExit(0).out()).startsWith("autoload -U +X compinit").contains("bashcompinit");
		vigil("completion", "fish").assertExit(2);
	}

	private static List<String> hostnames(JsonNode entries) {
		List<String> names = new ArrayList<>();
		entries.forEach((entry) -> names.add(entry.get("hostname").asString()));
		return names;
	}

	private CommandRun vigil(String... args) {
		CommandRun run = CommandRun.of(this.env, args);
		this.runs.add(run);
		return run;
	}

}
