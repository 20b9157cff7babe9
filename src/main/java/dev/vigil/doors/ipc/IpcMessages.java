package dev.vigil.doors.ipc;

import java.util.LinkedHashMap;
import java.util.Map;

/** A reply message under construction: its {@code type} first, then its fields in order. */
final class IpcMessages {

	private IpcMessages() {
	}

	static Map<String, Object> body(String type) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type);
		return body;
	}

}
