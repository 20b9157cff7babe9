package dev.vigil.client.sink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import dev.vigil.api.routerhosts.v1.HostEntry;

/**
 * A sink's template: Mustache (JMustache), loaded at run time from a user's file or one shipped in
 * the jar ({@code builtin:hosts}, {@code builtin:dnsmasq}, {@code builtin:unbound}). Its first line
 * declares the contract version it targets, {@code {{! contract_version: 1 }}}. A missing name is
 * an error, nothing is HTML-escaped, names resolve in the contract's data only, and the one
 * function, {@code sanitize}, turns every CR and LF into a space. See docs/sink-templates.md.
 */
public final class SinkTemplate {

	/** The template data contract version this renderer fills. */
	public static final String CONTRACT_VERSION = "1";

	private static final String BUILTIN = "builtin:";

	private static final List<String> BUILTINS = List.of("hosts", "dnsmasq", "unbound");

	private static final Pattern DECLARATION = Pattern.compile("\\{\\{!\\s*contract_version:\\s*\"?([^\"\\s}]+)\"?\\s*}}");

	private static final Mustache.Lambda SANITIZE = (fragment, out) -> out.write(sanitize(fragment.execute()));

	private final String name;

	private final String contractVersion;

	private final Template template;

	private SinkTemplate(String name, String contractVersion, Template template) {
		this.name = name;
		this.contractVersion = contractVersion;
		this.template = template;
	}

	/** Loads and compiles a template file, or a shipped one named {@code builtin:NAME}. */
	public static SinkTemplate load(String location) {
		return parse(location, read(location));
	}

	static SinkTemplate parse(String name, String text) {
		String firstLine = text.lines().findFirst().orElse("");
		Matcher declaration = DECLARATION.matcher(firstLine);
		if (!declaration.find()) {
			throw new SinkException("template " + name
					+ " declares no contract version: its first line must be {{! contract_version: 1 }}");
		}
		try {
			Template template = Mustache.compiler()
				.escapeHTML(false)
				.strictSections(true)
				.emptyStringIsFalse(true)
				.withCollector(new MapsOnlyCollector())
				.compile(text);
			return new SinkTemplate(name, declaration.group(1), template);
		}
		catch (MustacheException ex) {
			throw new SinkException("template " + name + " does not parse: " + ex.getMessage());
		}
	}

	/** The contract version the template declares. */
	public String contractVersion() {
		return this.contractVersion;
	}

	/** Where it came from, for messages. */
	public String name() {
		return this.name;
	}

	/**
	 * The snapshot rendered, refused before anything is rendered when the server serves another
	 * contract version than the template targets.
	 */
	public byte[] render(HostsSnapshot snapshot) {
		if (!this.contractVersion.equals(snapshot.contractVersion())) {
			throw new SinkException("template " + this.name + " targets contract version \"" + this.contractVersion
					+ "\", but this server serves version \"" + snapshot.contractVersion() + "\"; nothing was written");
		}
		try {
			return this.template.execute(data(snapshot)).getBytes(StandardCharsets.UTF_8);
		}
		catch (MustacheException ex) {
			throw new SinkException("template " + this.name + " does not render: " + ex.getMessage());
		}
	}

	/** Every CR and LF made a space, so a value cannot start a line of its own. */
	static String sanitize(String text) {
		return text.replace('\r', ' ').replace('\n', ' ');
	}

	private static Map<String, Object> data(HostsSnapshot snapshot) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("Entries", snapshot.entries().stream().map(SinkTemplate::entry).toList());
		data.put("Count", snapshot.entries().size());
		data.put("GeneratedAt", snapshot.generatedAt().toString());
		data.put("ContractVersion", snapshot.contractVersion());
		data.put("ChangeID", snapshot.changeId());
		data.put("sanitize", SANITIZE);
		return data;
	}

	private static Map<String, Object> entry(HostEntry entry) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("IPAddress", entry.getIpAddress());
		fields.put("Hostname", entry.getHostname());
		fields.put("Aliases", List.copyOf(entry.getAliasesList()));
		fields.put("Tags", List.copyOf(entry.getTagsList()));
		fields.put("Comment", entry.hasComment() ? entry.getComment() : "");
		// Beyond contract 1: what unbound's record type needs, which Mustache cannot compute.
		fields.put("IsIPv6", entry.getIpAddress().contains(":"));
		return fields;
	}

	private static String read(String location) {
		if (location.startsWith(BUILTIN)) {
			String builtin = location.substring(BUILTIN.length());
			if (!BUILTINS.contains(builtin)) {
				throw new SinkException("no shipped template " + location + "; there are builtin:" + String.join(", builtin:", BUILTINS));
			}
			try (InputStream in = SinkTemplate.class.getResourceAsStream("/sink-templates/" + builtin + ".mustache")) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new SinkException("cannot read " + location + ": " + ex.getMessage());
			}
		}
		try {
			return Files.readString(Path.of(location), StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			throw new SinkException("no such template: " + location);
		}
		catch (IOException ex) {
			throw new SinkException("cannot read template " + location + ": " + ex.getClass().getSimpleName());
		}
	}

}
