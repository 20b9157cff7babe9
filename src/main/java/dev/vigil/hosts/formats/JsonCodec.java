package dev.vigil.hosts.formats;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.vigil.hosts.registry.Host;
import dev.vigil.hosts.registry.HostFields;
import dev.vigil.hosts.registry.HostValidator;

/**
 * A JSON array with one object per line. Export includes id, timestamps and version for reading;
 * import uses {@code ip_address}, {@code hostname}, {@code aliases}, {@code comment} and {@code tags}.
 */
final class JsonCodec implements HostsCodec {

	private final JsonMapper json = JsonMapper.builder().build();

	@Override
	public String begin() {
		return "[\n";
	}

	@Override
	public String entry(Host host, boolean first) {
		HostFields fields = host.fields();
		ObjectNode node = this.json.createObjectNode();
		node.put("id", host.id());
		node.put("ip_address", fields.ipAddress());
		node.put("hostname", fields.hostname());
		fields.aliases().forEach(node.putArray("aliases")::add);
		if (fields.comment() != null) {
			node.put("comment", fields.comment());
		}
		fields.tags().forEach(node.putArray("tags")::add);
		node.put("created_at", host.createdAt().toString());
		node.put("updated_at", host.updatedAt().toString());
		node.put("version", host.versionText());
		return (first ? "" : ",\n") + this.json.writeValueAsString(node);
	}

	@Override
	public String end() {
		return "\n]\n";
	}

	@Override
	public List<Decoded> decode(String text) {
		JsonNode root;
		try {
			root = this.json.readTree(text);
		}
		catch (JacksonException ex) {
			return List.of(Decoded.failed("document", "not valid JSON: " + HostValidator.printable(ex.getOriginalMessage())));
		}
		if (root == null || !root.isArray()) {
			return List.of(Decoded.failed("document", "expected a JSON array of entries"));
		}
		List<Decoded> entries = new ArrayList<>();
		for (int i = 0; i < root.size(); i++) {
			entries.add(decodeEntry("entry " + (i + 1), root.get(i)));
		}
		return entries;
	}

	private static Decoded decodeEntry(String position, JsonNode node) {
		if (!node.isObject()) {
			return Decoded.failed(position, "expected an object");
		}
		JsonNode ip = node.get("ip_address");
		JsonNode hostname = node.get("hostname");
		if (ip == null || !ip.isString() || hostname == null || !hostname.isString()) {
			return Decoded.failed(position, "ip_address and hostname must be strings");
		}
		JsonNode comment = node.get("comment");
		if (comment != null && !comment.isNull() && !comment.isString()) {
			return Decoded.failed(position, "comment must be a string");
		}
		List<String> aliases = strings(node.get("aliases"));
		List<String> tags = strings(node.get("tags"));
		if (aliases == null || tags == null) {
			return Decoded.failed(position, "aliases and tags must be arrays of strings");
		}
		return Decoded.of(position, new HostFields(ip.asString(), hostname.asString(), aliases,
				(comment != null && comment.isString()) ? comment.asString() : null, tags));
	}

	private static List<String> strings(JsonNode array) {
		if (array == null || array.isNull()) {
			return List.of();
		}
		if (!array.isArray()) {
			return null;
		}
		List<String> values = new ArrayList<>();
		for (JsonNode value : array) {
			if (!value.isString()) {
				return null;
			}
			values.add(value.asString());
		}
		return values;
	}

}
