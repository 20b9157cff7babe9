package dev.vigil.doors.ipc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one frame's payload as a message: strict UTF-8, one JSON object, nested at most
 * {@value #MAX_NESTING} deep. Anything else is a 400.
 */
final class IpcMessageParser {

	/** The protocol's messages are flat but for tensors; nothing legitimate nests deeper. */
	private static final int MAX_NESTING = 16;

	private final JsonMapper reader = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
			.build())
		.build();

	JsonNode parse(byte[] frame) {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(frame))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new IpcError(400, "malformed frame: not UTF-8");
		}
		JsonNode message;
		try {
			message = this.reader.readTree(text);
		}
		catch (JacksonException ex) {
			throw new IpcError(400, "malformed frame: not a JSON object");
		}
		if (message == null || !message.isObject()) {
			throw new IpcError(400, "malformed frame: not a JSON object");
		}
		return message;
	}

}
