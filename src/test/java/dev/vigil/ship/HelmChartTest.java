package dev.vigil.ship;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Helm chart, linted and rendered with Helm itself (bundled by helm-java), checked against
 * the application it deploys: probe paths and ports, drain timing, configuration keys and the
 * metrics its dashboard reads.
 */
class HelmChartTest {

	static final Path CHART = Path.of("helm/vigil");

	@Test
	void theChartLintsCleanly() {
		LintResult lint = new Helm(CHART).lint().strict().call();
		assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
	}

	@Test
	void probesPortsAndDrainTimingMatchTheApplication() throws IOException {
		Map<String, Map<String, Object>> rendered = render(new Helm(CHART).template().withName("vigil").call());
		Map<String, Object> application = yaml(Files.readString(Path.of("src/main/resources/application.yaml")));
		Map<String, Object> container = container(rendered.get("Deployment/vigil"));

		assertThat(ports(container)).containsEntry("http", get(application, "server.port"))
			.containsEntry("grpc", get(application, "spring.grpc.server.port"));
		assertThat(get(container, "livenessProbe.httpGet.path")).isEqualTo("/livez");
		assertThat(get(container, "readinessProbe.httpGet.path")).isEqualTo("/readyz");
		assertThat(get(container, "startupProbe.httpGet.path")).isEqualTo("/livez");
		assertThat((int) get(container, "startupProbe.periodSeconds") * (int) get(container, "startupProbe.failureThreshold"))
			.isGreaterThanOrEqualTo(60);

		Map<String, Object> config = yaml((String) get(rendered.get("ConfigMap/vigil"), "data.application\\.yaml"));
		assertThat(get(config, "vigil.lifecycle.drain-timeout")).isEqualTo("20s")
			.isEqualTo(get(application, "vigil.lifecycle.drain-timeout"));
		int preStop = Integer.parseInt(((List<?>) get(container, "lifecycle.preStop.exec.command")).get(1).toString());
		int grace = (int) get(rendered.get("Deployment/vigil"), "spec.template.spec.terminationGracePeriodSeconds");
		assertThat(grace).as("SIGKILL comes after the pause, the drain and the servers' grace")
			.isGreaterThan(preStop + 20 + seconds(get(config, "spring.grpc.server.shutdown.grace-period")));
		assertThat(get(rendered.get("Deployment/vigil"), "spec.replicas")).isEqualTo(1);
		assertThat(get(rendered.get("Deployment/vigil"), "spec.strategy.type")).isEqualTo("Recreate");
		assertThat(rendered).containsKeys("PersistentVolumeClaim/vigil-data", "PodDisruptionBudget/vigil",
				"Service/vigil", "ConfigMap/vigil-dashboard");
		assertThat(get(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
		assertThat(mounts(container)).contains("/data", "/tmp", "/config");
	}

	@Test
	void everyConfigurationKeyTheChartWritesIsOneTheApplicationKnows() throws IOException {
		Set<String> known = knownProperties();
		assertThat(known).contains("vigil.models.queue.max-depth", "server.port", "vigil.tls.private-key");
		for (Map<String, Map<String, Object>> rendered : List.of(
				render(new Helm(CHART).template().withName("vigil").call()),
				render(new Helm(CHART).template().withName("vigil").set("tls.enabled", true).set("tls.secretName", "site-tls").call()),
				render(new Helm(CHART).template()
					.withName("vigil")
					.set("tls.enabled", true)
					.set("config.acme.enabled", true)
					.set("config.acme.domains[0]", "vigil.example.com")
					.set("config.acme.accept-terms", true)
					.call()))) {
			Map<String, Object> config = yaml((String) get(rendered.get("ConfigMap/vigil"), "data.application\\.yaml"));
			assertThat(leafKeys("", config)).isNotEmpty().allSatisfy((key) -> assertThat(known).as(key).contains(key));
		}
	}

	@Test
	void tlsMountsTheSecretAndOpensBothTlsPorts() {
		Map<String, Map<String, Object>> rendered = render(new Helm(CHART).template()
			.withName("vigil")
			.set("tls.enabled", true)
			.set("tls.secretName", "site-tls")
			.call());
		Map<String, Object> container = container(rendered.get("Deployment/vigil"));
		assertThat(ports(container)).containsEntry("https", 8443).containsEntry("grpc-tls", 9443);
		assertThat(mounts(container)).contains("/tls");
		Map<String, Object> config = yaml((String) get(rendered.get("ConfigMap/vigil"), "data.application\\.yaml"));
		assertThat(get(config, "vigil.tls.certificate")).isEqualTo("/tls/tls.crt");
		assertThat(get(config, "vigil.tls.private-key")).isEqualTo("/tls/tls.key");
	}

	@Test
	void postgresqlRunsSeveralReplicasWithCredentialsFromASecret() {
		Map<String, Map<String, Object>> rendered = render(new Helm(CHART).template()
			.withName("vigil")
			.withValuesFile(CHART.resolve("values-postgresql.yaml"))
			.call());
		Map<String, Object> deployment = rendered.get("Deployment/vigil");
		assertThat(get(deployment, "spec.replicas")).isEqualTo(3);
		assertThat(rendered).doesNotContainKey("PersistentVolumeClaim/vigil-data");
		Map<String, Object> environment = new LinkedHashMap<>();
		for (Object variable : (List<?>) get(container(deployment), "env")) {
			Map<?, ?> entry = (Map<?, ?>) variable;
			environment.put((String) entry.get("name"), (entry.get("value") != null) ? entry.get("value") : entry.get("valueFrom"));
		}
		assertThat(environment).containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgresql:5432/vigil");
		assertThat(environment.get("SPRING_DATASOURCE_PASSWORD").toString()).contains("name=vigil-database")
			.contains("key=password");
	}

	@Test
	void theIpcSocketIsSharedWithSidecarsThroughAnEmptyDir(@TempDir Path work) throws IOException {
		Map<String, Map<String, Object>> rendered = renderWith(work, """
				ipc:
				  enabled: true
				  tokenSecret:
				    name: vigil-ipc
				  sidecars:
				    - name: runtime-client
				      image: example/runtime-client:1.0
				""");
		Map<String, Object> deployment = rendered.get("Deployment/vigil");
		List<?> containers = (List<?>) get(deployment, "spec.template.spec.containers");
		assertThat(containers).hasSize(2);
		assertThat(mounts(container(deployment))).contains("/ipc");
		@SuppressWarnings("unchecked")
		Map<String, Object> sidecar = (Map<String, Object>) containers.get(1);
		assertThat(sidecar.get("name")).isEqualTo("runtime-client");
		assertThat(mounts(sidecar)).containsExactly("/ipc");
		assertThat(((List<?>) get(deployment, "spec.template.spec.volumes")).toString()).contains("name=ipc, emptyDir={}");
		assertThat(get(container(deployment), "env").toString()).contains("VIGIL_IPC_TOKEN").contains("name=vigil-ipc");
		Map<String, Object> config = yaml((String) get(rendered.get("ConfigMap/vigil"), "data.application\\.yaml"));
		assertThat(get(config, "vigil.ipc.enabled")).isEqualTo(true);
		assertThat(get(config, "vigil.ipc.socket-path")).isEqualTo("/ipc/vigil.sock");
	}

	@Test
	void theSinkSidecarWatchesWithTheSameImageAndSharesItsFileWithTheResolvers(@TempDir Path work) throws IOException {
		Map<String, Map<String, Object>> rendered = renderWith(work, """
				sink:
				  enabled: true
				  template: builtin:unbound
				  out: /sink/vigil.conf
				  exec: "unbound-control reload"
				  tokenSecret:
				    name: router-sink
				  resolvers:
				    - name: unbound
				      image: example/unbound:1.19
				""");
		Map<String, Object> deployment = rendered.get("Deployment/vigil");
		List<?> containers = (List<?>) get(deployment, "spec.template.spec.containers");
		assertThat(containers).hasSize(3);
		@SuppressWarnings("unchecked")
		Map<String, Object> sink = (Map<String, Object>) containers.get(1);
		assertThat(sink.get("name")).isEqualTo("sink");
		assertThat(sink.get("image")).isEqualTo(container(deployment).get("image"));
		assertThat(sink.get("command")).isEqualTo(List.of("/app/vigil"));
		assertThat(sink.get("args")).isEqualTo(List.of("--server=127.0.0.1:9090", "--token-file=/sink-token/token",
				"watch", "--template=builtin:unbound", "--out=/sink/vigil.conf", "--exec=unbound-control reload"));
		assertThat(mounts(sink)).containsExactly("/sink", "/sink-token", "/tmp");
		@SuppressWarnings("unchecked")
		Map<String, Object> resolver = (Map<String, Object>) containers.get(2);
		assertThat(resolver.get("name")).isEqualTo("unbound");
		assertThat(mounts(resolver)).containsExactly("/sink");
		assertThat(((List<?>) get(deployment, "spec.template.spec.volumes")).toString()).contains("name=sink, emptyDir={}")
			.contains("secretName=router-sink");
	}

	@Test
	void theAdminServerRegistrationTakesItsTokenFromASecret(@TempDir Path work) throws IOException {
		Map<String, Map<String, Object>> rendered = renderWith(work, """
				adminServer:
				  enabled: true
				  url: http://spring-boot-admin:8080
				  tokenSecret:
				    name: vigil-admin-server
				  metadata:
				    team: platform
				""");
		Map<String, Object> config = yaml((String) get(rendered.get("ConfigMap/vigil"), "data.application\\.yaml"));
		assertThat(get(config, "spring.boot.admin.client.enabled")).isEqualTo(true);
		assertThat(get(config, "spring.boot.admin.client.url")).isEqualTo("http://spring-boot-admin:8080");
		@SuppressWarnings("unchecked")
		Map<String, Object> metadata = (Map<String, Object>) get(config, "spring.boot.admin.client.instance.metadata");
		assertThat(metadata).containsEntry("team", "platform")
			.containsEntry("user.name", "admin-server")
			.containsEntry("user.password", "${ADMIN_SERVER_TOKEN}");
		assertThat(get(container(rendered.get("Deployment/vigil")), "env").toString()).contains("ADMIN_SERVER_TOKEN")
			.contains("name=vigil-admin-server")
			.contains("key=token");
		assertThat(rendered.get("ConfigMap/vigil").toString()).doesNotContain("vigil-admin-server");
	}

	@Test
	void tracesAreSentOnlyOnceACollectorIsNamed(@TempDir Path work) throws IOException {
		Map<String, Object> quiet = yaml((String) get(renderWith(work, "tracing: {}\n").get("ConfigMap/vigil"),
				"data.application\\.yaml"));
		assertThat(quiet).doesNotContainKey("management");
		Map<String, Object> config = yaml((String) get(renderWith(work, """
				tracing:
				  endpoint: http://zipkin.observability:9411/api/v2/spans
				  sampling: 0.25
				""").get("ConfigMap/vigil"), "data.application\\.yaml"));
		assertThat(get(config, "management.tracing.export.enabled")).as("naming the collector suffices").isNull();
		assertThat(get(config, "management.tracing.export.zipkin.endpoint"))
			.isEqualTo("http://zipkin.observability:9411/api/v2/spans");
		assertThat(get(config, "management.tracing.sampling.probability")).isEqualTo(0.25);
	}

	@Test
	void readinessCanUseTheNativeGrpcProbe() {
		Map<String, Map<String, Object>> rendered = render(new Helm(CHART).template()
			.withName("vigil")
			.set("probes.grpcReadiness", true)
			.call());
		Map<String, Object> container = container(rendered.get("Deployment/vigil"));
		assertThat(get(container, "readinessProbe.grpc.service")).isEqualTo("readiness");
		assertThat(get(container, "readinessProbe.grpc.port")).isEqualTo(9090);
		assertThat(get(container, "livenessProbe.httpGet.path")).isEqualTo("/livez");
	}

	@Test
	void theDashboardReadsOnlyMetricsVigilPublishes() throws IOException {
		Map<String, Map<String, Object>> rendered = render(new Helm(CHART).template().withName("vigil").call());
		Map<String, Object> dashboard = rendered.get("ConfigMap/vigil-dashboard");
		assertThat(get(dashboard, "metadata.labels.grafana_dashboard")).isEqualTo("1");
		JsonNode json = JsonMapper.builder().build().readTree((String) get(dashboard, "data.vigil\\.json"));
		assertThat(json.get("panels").size()).isGreaterThanOrEqualTo(8);
		Set<String> documented = metricNames(Files.readString(Path.of("docs", "observability.md")));
		Set<String> used = metricNames(json.toString());
		assertThat(used).isNotEmpty();
		assertThat(documented).containsAll(used);
	}

	/** Every documented property name of every jar on the classpath, and of Vigil's own. */
	private static Set<String> knownProperties() throws IOException {
		Set<String> names = new HashSet<>();
		JsonMapper json = JsonMapper.builder().build();
		Enumeration<URL> resources = HelmChartTest.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		while (resources.hasMoreElements()) {
			try (InputStream input = resources.nextElement().openStream()) {
				json.readTree(input).path("properties").forEach((property) -> names.add(property.get("name").asString()));
			}
		}
		return names;
	}

	private static Set<String> metricNames(String text) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = Pattern.compile("vigil_[a-z_]+").matcher(text);
		while (matcher.find()) {
			names.add(matcher.group().replaceAll("_(sum|count|max|bucket)$", ""));
		}
		return names;
	}

	/** Keys of the leaves; a list is a leaf (Spring binds it as one property). */
	private static List<String> leafKeys(String prefix, Map<?, ?> map) {
		List<String> keys = new ArrayList<>();
		map.forEach((key, value) -> {
			String name = prefix.isEmpty() ? key.toString() : prefix + "." + key;
			if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
				keys.addAll(leafKeys(name, nested));
			}
			else {
				keys.add(name);
			}
		});
		return keys;
	}

	/** The chart rendered as release {@code vigil} with these values. */
	private static Map<String, Map<String, Object>> renderWith(Path work, String values) throws IOException {
		Path file = Files.writeString(Files.createTempFile(work, "values", ".yaml"), values);
		return render(new Helm(CHART).template().withName("vigil").withValuesFile(file).call());
	}

	private static Map<String, Map<String, Object>> render(String manifests) {
		Map<String, Map<String, Object>> byKindAndName = new LinkedHashMap<>();
		for (Object document : new Yaml().loadAll(manifests)) {
			if (document instanceof Map<?, ?> map) {
				@SuppressWarnings("unchecked")
				Map<String, Object> resource = (Map<String, Object>) map;
				byKindAndName.put(resource.get("kind") + "/" + get(resource, "metadata.name"), resource);
			}
		}
		return byKindAndName;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> yaml(String text) {
		return new Yaml().load(text);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> container(Map<String, Object> deployment) {
		return (Map<String, Object>) ((List<?>) get(deployment, "spec.template.spec.containers")).get(0);
	}

	private static Map<String, Object> ports(Map<String, Object> container) {
		Map<String, Object> ports = new LinkedHashMap<>();
		((List<?>) container.get("ports")).forEach((port) -> ports.put((String) ((Map<?, ?>) port).get("name"),
				((Map<?, ?>) port).get("containerPort")));
		return ports;
	}

	private static List<String> mounts(Map<String, Object> container) {
		return ((List<?>) container.get("volumeMounts")).stream()
			.map((mount) -> String.valueOf(((Map<?, ?>) mount).get("mountPath")))
			.toList();
	}

	private static int seconds(Object duration) {
		return Integer.parseInt(duration.toString().replace("s", ""));
	}

	/** A value by dotted path; a dot escaped with a backslash is part of a key. */
	private static Object get(Map<String, Object> root, String path) {
		Object current = root;
		for (String key : path.split("(?<!\\\\)\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key.replace("\\.", "."));
		}
		return current;
	}

}
