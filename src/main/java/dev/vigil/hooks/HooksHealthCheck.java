package dev.vigil.hooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.health.ComponentCheck;
import dev.vigil.health.HealthStatuses;

import org.springframework.boot.health.contributor.Health;

/**
 * The {@code hooks} component: UP while every hook's last run succeeded (or none has run),
 * DEGRADED while any hook's last run failed, timed out or was killed. Reads only what the runner
 * recorded.
 */
class HooksHealthCheck implements ComponentCheck {

	private volatile Runnable refreshNow = () -> {
	};

	private final HooksProperties properties;

	private final Map<HookType, Map<String, LastRun>> lastRuns = new LinkedHashMap<>();

	HooksHealthCheck(HooksProperties properties) {
		this.properties = properties;
		for (HookType type : HookType.values()) {
			this.lastRuns.put(type, new LinkedHashMap<>());
		}
	}

	/** Records a run, and has health show it at once; returns how many runs of this hook in a row have now not succeeded. */
	synchronized int record(HookType type, String name, HookResult result) {
		LastRun previous = this.lastRuns.get(type).get(name);
		int failures = (result.status() == HookStatus.SUCCESS) ? 0
				: ((previous != null) ? previous.consecutiveFailures() : 0) + 1;
		this.lastRuns.get(type).put(name, new LastRun(result, failures));
		this.refreshNow.run();
		return failures;
	}

	@Override
	public void refreshWith(Runnable refreshNow) {
		this.refreshNow = refreshNow;
	}

	@Override
	public synchronized Health check() {
		Map<String, Object> details = describe();
		List<String> failing = new ArrayList<>();
		for (HookType type : HookType.values()) {
			Map<String, Object> hooks = new LinkedHashMap<>();
			for (HooksProperties.Hook hook : this.properties.hooksOf(type)) {
				LastRun last = this.lastRuns.get(type).get(hook.name());
				hooks.put(hook.name(), (last != null) ? last.details() : Map.of("lastStatus", "never-run"));
				if (last != null && last.result().status() != HookStatus.SUCCESS) {
					failing.add(type.label() + "/" + hook.name() + ": " + last.summary());
				}
			}
			details.put(type == HookType.ON_SUCCESS ? "onSuccess" : "onFailure", hooks);
		}
		if (failing.isEmpty()) {
			return Health.up().withDetails(details).build();
		}
		details.put("reason", String.join("; ", failing));
		return Health.status(HealthStatuses.DEGRADED).withDetails(details).build();
	}

	/** How many hooks there are and their names, success hooks first. */
	@Override
	public Map<String, Object> describe() {
		List<String> names = new ArrayList<>();
		for (HookType type : HookType.values()) {
			this.properties.hooksOf(type).forEach((hook) -> names.add(hook.name()));
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("configuredCount", names.size());
		details.put(HooksHealthDetails.HOOK_NAMES, names);
		return details;
	}

	private record LastRun(HookResult result, int consecutiveFailures) {

		Map<String, Object> details() {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("lastStatus", this.result.status().label());
			details.put("exitCode", this.result.exitCode());
			details.put("durationMs", this.result.duration().toMillis());
			details.put("lastRunAt", this.result.finishedAt().toString());
			details.put("consecutiveFailures", this.consecutiveFailures);
			details.put("output", this.result.output());
			details.put("outputTruncated", this.result.outputTruncated());
			return details;
		}

		String summary() {
			return switch (this.result.status()) {
				case FAILURE -> (this.result.exitCode() >= 0) ? "failed with exit code " + this.result.exitCode()
						: "could not be started";
				case TIMEOUT -> "timed out after " + this.result.duration().toMillis() + "ms";
				case KILLED -> "killed at shutdown";
				case SUCCESS -> "succeeded";
			};
		}

	}

}
