package dev.vigil.hooks;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.vigil.support.OneLine;

/**
 * A reason to run one list of hooks: what the hosts-file render found.
 *
 * @param type which list runs
 * @param entryCount entries in the registry as of the render
 * @param error why the render failed, on one line; empty on success
 */
record HookTrigger(HookType type, long entryCount, String error) {

	HookTrigger {
		error = OneLine.of(error);
	}

	/** What a hook finds in its environment, under Vigil's names and the public server's. */
	Map<String, String> environment() {
		Map<String, String> environment = new LinkedHashMap<>();
		for (String prefix : new String[] { "VIGIL_", "ROUTER_HOSTS_" }) {
			environment.put(prefix + "EVENT", this.type.event());
			environment.put(prefix + "ENTRY_COUNT", Long.toString(this.entryCount));
			environment.put(prefix + "ERROR", this.error);
		}
		return environment;
	}

}
