package dev.vigil.ship;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.vigil.security.Roles;
import dev.vigil.testing.OnnxModels;
import dev.vigil.testing.SystemCommands;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot Admin as its users see it: a real admin server, Vigil registered with it, and its
 * views opened in headless Chromium (Debian's {@code chromium}) driven by {@code playwright-core}
 * (npm), which this test installs into {@code target/browser-tools} when it is missing. The
 * Details page shows the JVM panels and every health component, the thread dump Vigil's named
 * threads, the scheduled tasks Vigil's periodic work, and a level set in the Loggers view reaches Vigil only when the admin server's token
 * holds {@code actuator:write}. The pictures are left in {@code target/admin-views/}, from where
 * {@code docs/take-admin-screenshot.sh} copies them into the docs.
 */
class SpringBootAdminBrowserTest {

	static final Path TOOLS = Path.of("target/browser-tools");

	static final Path SCRIPT = Path.of("src/test/resources/admin/admin-views.mjs");

	private static final String HOSTS_LOGGER = "/actuator/loggers/dev.vigil.hosts";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theViewsShowVigilAndALevelChangeNeedsTheWriteRole() throws Exception {
		SystemCommands.assume("chromium", "chromium");
		SystemCommands.assume("npm", "npm");
		installPlaywright();

		// A model and a hook, so that the model workers and the hook runner have threads to show.
		Path models = Files.createDirectories(Path.of("target/test-data/sba-models"));
		OnnxModels.write(models, "add", OnnxModels.add());
		String[] parts = { "--vigil.models.directory=" + models, "--vigil.hooks.on-success[0].name=noted",
				"--vigil.hooks.on-success[0].command=true" };
		Path readOnly = Files.createDirectories(Path.of("target/admin-views/read-only"));
		try (AdminServerFixture fixture = AdminServerFixture.startWithRoles(Roles.ACTUATOR, parts)) {
			browse(fixture, readOnly);
			assertThat(level(fixture)).as("a read-only admin server cannot change a level").isNotEqualTo("DEBUG");
			assertThat(Files.readString(readOnly.resolve("loggers.txt"))).contains("Setting dev.vigil.hosts to DEBUG failed");
		}

		Path views = Files.createDirectories(Path.of("target/admin-views"));
		try (AdminServerFixture fixture = AdminServerFixture.startWithRoles(Roles.ACTUATOR + "," + Roles.ACTUATOR_WRITE,
				parts)) {
			try {
				browse(fixture, views);
				assertThat(level(fixture)).as("the level the Loggers view set").isEqualTo("DEBUG");
			}
			finally {
				reset(fixture);
			}
		}
		String details = Files.readString(views.resolve("details.txt"));
		assertThat(details).contains("Uptime", "Process CPU Usage", "Memory: Heap", "Memory: Non heap", "Threads",
				"Garbage Collection Pauses")
			.contains("db", "modelQueue", "acme", "hooks", "hostsFile", "sinks", "readiness", "liveness");
		assertThat(Files.readString(views.resolve("threaddump.txt"))).contains("vigil-health-check", "vigil-health-timer",
				"vigil-hooks-", "vigil-inference-");
		assertThat(Files.readString(views.resolve("scheduledtasks.txt"))).contains("vigil-health-check-db",
				"vigil-health-check-modelQueue", "vigil-health-sweep", "vigil-hosts-feed", "vigil-db-pool-watch",
				"vigil-inference-watchdog");
		assertThat(Files.readString(views.resolve("loggers.txt"))).contains("dev.vigil.hosts")
			.doesNotContain("Setting dev.vigil.hosts to DEBUG failed");
	}

	private void browse(AdminServerFixture fixture, Path output) throws Exception {
		String id = fixture.awaitVigilUp().path("id").asString();
		// Micrometer makes jvm.gc.pause at the first collection after Vigil binds it, and the admin
		// server draws the GC panel only once that metric exists; a young Vigil may not have had one.
		System.gc();
		// Beside its node_modules, where an ES module finds its imports.
		Path script = Files.copy(SCRIPT, TOOLS.resolve(SCRIPT.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		Process node = new ProcessBuilder("node", script.toAbsolutePath().toString(), fixture.adminUrl(), id,
				output.toAbsolutePath().toString())
			.directory(TOOLS.toFile())
			.redirectErrorStream(true)
			.start();
		String said = new String(node.getInputStream().readAllBytes());
		assertThat(node.waitFor(3, TimeUnit.MINUTES)).isTrue();
		assertThat(node.exitValue()).as("the browser's run: %s", said).isZero();
	}

	/** The level Vigil has configured for {@code dev.vigil.hosts}, read with the admin server's token. */
	private String level(AdminServerFixture fixture) throws IOException, InterruptedException {
		String body = this.http
			.send(vigil(fixture).GET().build(), HttpResponse.BodyHandlers.ofString())
			.body();
		return body.contains("\"configuredLevel\":\"DEBUG\"") ? "DEBUG" : body;
	}

	private void reset(AdminServerFixture fixture) throws IOException, InterruptedException {
		this.http.send(vigil(fixture).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"configuredLevel\":null}"))
			.build(), HttpResponse.BodyHandlers.discarding());
	}

	private static HttpRequest.Builder vigil(AdminServerFixture fixture) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.vigilPort() + HOSTS_LOGGER))
			.header("Authorization", "Bearer " + AdminServerFixture.ADMIN_TOKEN);
	}

	/** playwright-core from the npm registry, once per build directory; it drives Debian's chromium. */
	private static void installPlaywright() throws IOException, InterruptedException {
		if (Files.isDirectory(TOOLS.resolve("node_modules/playwright-core"))) {
			return;
		}
		Files.createDirectories(TOOLS);
		SystemCommands.Result npm = SystemCommands.run(Duration.ofMinutes(5), List.of("npm", "--prefix", TOOLS.toString(),
				"install", "--silent", "--no-audit", "--no-fund", "playwright-core@1"));
		assertThat(npm.exit()).as("npm install playwright-core: %s", npm.output()).isZero();
	}

}
