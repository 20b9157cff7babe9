package dev.vigil.client.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.vigil.api.routerhosts.v1.SinkStatus;
import dev.vigil.support.AtomicFileWriter;

/**
 * What a sink reports of itself ({@code SinkStatus}), and its status file: the same fields as JSON
 * with the SHA-256 of the artifact they describe, so that a restarted sink adopts them only while
 * that artifact is still there, unchanged.
 *
 * @param lastSuccessUnix when a snapshot was last rendered and written (seconds), 0 for never
 * @param consecutiveFailures failed cycles in a row (render, contract, write, reload or stream)
 * @param contractVersion the contract version the template targets
 * @param renderedChangeId the change id of the snapshot the artifact shows, empty for none
 * @param reloadFailed whether the last reload command failed
 * @param lastReloadSuccessUnix when the reload command last succeeded (seconds), 0 for never
 * @param artifactSha256 the SHA-256 of the artifact written, empty for none
 */
record SinkState(long lastSuccessUnix, int consecutiveFailures, String contractVersion, String renderedChangeId,
		boolean reloadFailed, long lastReloadSuccessUnix, String artifactSha256) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A sink that has done nothing yet. */
	public static SinkState fresh(String contractVersion) {
		return new SinkState(0, 0, contractVersion, "", false, 0, "");
	}

	/**
	 * The state in {@code statusFile} when the artifact it describes still exists with the same
	 * content, else a fresh one.
	 */
	public static SinkState adopt(Path statusFile, Path artifact, String contractVersion) {
		if (!Files.isRegularFile(statusFile)) {
			return fresh(contractVersion);
		}
		try {
			JsonNode node = JSON.readTree(statusFile.toFile());
			String sha256 = node.path("artifact_sha256").asString("");
			if (sha256.isEmpty() || !Files.isRegularFile(artifact) || !sha256.equals(sha256(Files.readAllBytes(artifact)))) {
				return fresh(contractVersion);
			}
			return new SinkState(node.path("last_success_unix").asLong(0), node.path("consecutive_failures").asInt(0),
					contractVersion, node.path("rendered_change_id").asString(""), node.path("reload_failed").asBoolean(false),
					node.path("last_reload_success_unix").asLong(0), sha256);
		}
		catch (IOException | JacksonException ex) {
			return fresh(contractVersion);
		}
	}

	/** This state after a failed cycle. */
	public SinkState failed() {
		return new SinkState(this.lastSuccessUnix, this.consecutiveFailures + 1, this.contractVersion, this.renderedChangeId,
				this.reloadFailed, this.lastReloadSuccessUnix, this.artifactSha256);
	}

	/** The state as {@code SinkStatus} on the stream. */
	public SinkStatus toStatus() {
		return SinkStatus.newBuilder()
			.setLastSuccessUnix(this.lastSuccessUnix)
			.setConsecutiveFailures(this.consecutiveFailures)
			.setContractVersion(this.contractVersion)
			.setRenderedChangeId(this.renderedChangeId)
			.setReloadFailed(this.reloadFailed)
			.setLastReloadSuccessUnix(this.lastReloadSuccessUnix)
			.build();
	}

	/** Writes the status file (atomically). */
	public void write(Path statusFile) throws IOException {
		ObjectNode node = JSON.createObjectNode()
			.put("last_success_unix", this.lastSuccessUnix)
			.put("consecutive_failures", this.consecutiveFailures)
			.put("contract_version", this.contractVersion)
			.put("rendered_change_id", this.renderedChangeId)
			.put("reload_failed", this.reloadFailed)
			.put("last_reload_success_unix", this.lastReloadSuccessUnix)
			.put("artifact_sha256", this.artifactSha256);
		AtomicFileWriter.write(statusFile, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
	}

	/** The hex SHA-256 of {@code content}. */
	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

}
