package dev.vigil.client.sink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.api.routerhosts.v1.HostEntry;
import dev.vigil.testing.SystemCommands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped templates and the template rules: what dnsmasq's and unbound's own checkers accept,
 * an entry whose comment or tags hold a line break (as another router_hosts.v1 server may send)
 * adds no directive, and a template reads the contract's data and nothing else.
 */
class SinkTemplateTest {

	private static final String EVIL = "x\naddress=/evil.example/6.6.6.6\r\nlocal-data: \"evil.example. IN A 6.6.6.6\"";

	@TempDir
	Path work;

	private static HostsSnapshot snapshot(String contractVersion) {
		return new HostsSnapshot(List.of(
				HostEntry.newBuilder().setIpAddress("192.168.1.10").setHostname("nas.home").addAliases("files.home")
					.setComment("the NAS & more").addTags("storage").build(),
				HostEntry.newBuilder().setIpAddress("fd00::10").setHostname("nas6.home").build(),
				// Fed directly: Vigil's server refuses control characters, a sink must not rely on it.
				HostEntry.newBuilder().setIpAddress("10.0.0.66").setHostname("victim.home").setComment(EVIL).addTags(EVIL).build()),
				"01J00000000000000000000000", contractVersion, Instant.parse("2026-12-02T10:00:00Z"));
	}

	private String rendered(String builtin) {
		return new String(SinkTemplate.load("builtin:" + builtin).render(snapshot("1")), StandardCharsets.UTF_8);
	}

	@Test
	void dnsmasqAcceptsTheDnsmasqTemplateAndNoDirectiveIsInjected() throws Exception {
		SystemCommands.assume("dnsmasq", "dnsmasq-base");
		String conf = rendered("dnsmasq");
		assertThat(conf).contains("address=/nas.home/192.168.1.10\n", "address=/files.home/192.168.1.10\n",
				"local=/nas.home/\n", "address=/nas6.home/fd00::10\n", "address=/victim.home/10.0.0.66\n");
		assertThat(conf.lines().filter((line) -> line.contains("evil.example"))).allMatch((line) -> line.startsWith("#"));
		assertThat(check(conf, "dnsmasq.conf", "dnsmasq", "--test", "--conf-file=%s")).contains("syntax check OK");
	}

	@Test
	void unboundAcceptsTheUnboundTemplateWithARecordTypeByAddressFamily() throws Exception {
		SystemCommands.assume("unbound-checkconf", "unbound");
		String conf = rendered("unbound");
		assertThat(conf).contains("local-zone: \"nas.home.\" static", "local-data: \"nas.home. IN A 192.168.1.10\"",
				"local-data: \"files.home. IN A 192.168.1.10\"", "local-data: \"nas6.home. IN AAAA fd00::10\"");
		assertThat(conf.lines().filter((line) -> line.contains("evil.example"))).allMatch((line) -> line.strip().startsWith("#"));
		assertThat(check(conf, "vigil.conf", "unbound-checkconf", "%s")).contains("no errors");
	}

	@Test
	void theHostsTemplateKeepsOneLinePerEntry() {
		String hosts = rendered("hosts");
		assertThat(hosts).contains("127.0.0.1\tlocalhost\n", "192.168.1.10\tnas.home files.home\t# the NAS & more [storage]\n",
				"fd00::10\tnas6.home\n");
		assertThat(hosts.lines().filter((line) -> line.contains("evil.example")))
			.singleElement()
			.satisfies((line) -> assertThat(line).startsWith("10.0.0.66\tvictim.home\t# x address=/evil.example"));
	}

	@Test
	void aTemplateForAnotherContractIsRefusedBeforeRendering() {
		SinkTemplate two = SinkTemplate.parse("two.mustache", "{{! contract_version: 2 }}\n{{#Entries}}{{Hostname}}{{/Entries}}\n");
		assertThat(two.contractVersion()).isEqualTo("2");
		assertThatThrownBy(() -> two.render(snapshot("1"))).isInstanceOf(SinkException.class)
			.hasMessage("template two.mustache targets contract version \"2\", but this server serves version \"1\"; nothing was written");
		assertThatThrownBy(() -> SinkTemplate.parse("bare", "{{#Entries}}{{Hostname}}{{/Entries}}"))
			.hasMessageContaining("declares no contract version");
	}

	@Test
	void aMissingNameIsAnErrorAndNoJavaIsReachable() {
		assertThatThrownBy(() -> SinkTemplate.parse("t", "{{! contract_version: 1 }}\n{{#Entries}}{{Hostnme}}{{/Entries}}")
			.render(snapshot("1"))).isInstanceOf(SinkException.class).hasMessageContaining("Hostnme");
		assertThatThrownBy(() -> SinkTemplate.parse("t", "{{! contract_version: 1 }}\n{{#Entries}}{{Hostname.class}}{{/Entries}}")
			.render(snapshot("1"))).isInstanceOf(SinkException.class);
		assertThatThrownBy(() -> SinkTemplate.parse("t", "{{! contract_version: 1 }}\n{{#Nope}}x{{/Nope}}").render(snapshot("1")))
			.isInstanceOf(SinkException.class);
		assertThatThrownBy(() -> SinkTemplate.parse("t", "{{! contract_version: 1 }}\n{{#Entries}}"))
			.hasMessageContaining("does not parse");
		String top = new String(SinkTemplate.parse("t", "{{! contract_version: 1 }}\n{{Count}} {{ContractVersion}} {{ChangeID}} {{GeneratedAt}}\n")
			.render(snapshot("1")), StandardCharsets.UTF_8);
		assertThat(top).isEqualTo("3 1 01J00000000000000000000000 2026-12-02T10:00:00Z\n");
		assertThatThrownBy(() -> SinkTemplate.load("builtin:bind")).hasMessageContaining("builtin:hosts, builtin:dnsmasq");
	}

	/** Runs a consumer's own checker on {@code text} saved as {@code name}; returns its output, failing on a non-zero exit. */
	private String check(String text, String name, String... command) throws Exception {
		Path file = Files.writeString(this.work.resolve(name), text);
		List<String> arguments = Arrays.stream(command).map((part) -> part.replace("%s", file.toString())).toList();
		Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as("%s said: %s", arguments, output).isZero();
		return output;
	}

}
