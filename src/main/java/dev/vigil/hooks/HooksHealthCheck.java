package dev.vigil.hooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vigil.health.ComponentCheck;
import dev.vigil.health.HealthStatuses;
import dev.vigil.health.OutcomeRecorder;

import org.springframework.boot.health.contributor.Health;

/**
 * The {@code hooks} component: UP while every hook's last run succeeded (or none has run),
 * DEGRADED while any hook's last run failed, timed out or was killed. Reads only what the runner
 * recorded.
 */
class HooksHealthCheck implements ComponentCheck {

	private final HooksProperties properties;

	private final OutcomeRecorder<Hook, HookResult> lastRuns = new OutcomeRecorder<>(
			(result) -> result.status() == HookStatus.SUCCESS);

	HooksHealthCheck(HooksProperties properties) {
		this.properties = properties;
	}

	/** Records a run, and has health show it at once; returns how many runs of this hook in a row have now not succeeded. */
	int record(HookType type, String name, HookResult result) {
		return this.lastRuns.record(new Hook(type, name), result);
	}

	@Override
	public void refreshWith(Runnable refreshNow) {
		this.lastRuns.refreshWith(refreshNow);
	}

	@Override
	public Health check() {
		Map<String, Object> details = describe();
		List<String> failing = new ArrayList<>();
		for (HookType type : HookType.values()) {
			Map<String, Object> hooks = new LinkedHashMap<>();
			for (HooksProperties.Hook hook : this.properties.hooksOf(type)) {
				OutcomeRecorder.Outcome<HookResult> last = this.lastRuns.latest(new Hook(type, hook.name())).orElse(null);
				hooks.put(hook.name(), (last != null) ? details(last) : Map.of("lastStatus", "never-run"));
				if (last != null && last.consecutiveFailures() > 0) {
					failing.add(type.label() + "/" + hook.name() + ": " + summary(last.value()));
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

	/** A configured hook, by its type and name. */
	private record Hook(HookType type, String name) {
	}

	private static Map<String, Object> details(OutcomeRecorder.Outcome<HookResult> last) {
		HookResult result = last.value();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("lastStatus", result.status().label());
		details.put("exitCode", result.exitCode());
		details.put("durationMs", result.duration().toMillis());
		details.put("lastRunAt", result.finishedAt().toString());
		details.put("consecutiveFailures", last.consecutiveFailures());
		details.put("output", result.output());
		details.put("outputTruncated", result.outputTruncated());
		return details;
	}

	private static String summary(HookResult result) {
		return switch (result.status()) {
			case FAILURE -> (result.exitCode() >= 0) ? "failed with exit code " + result.exitCode()
					: "could not be started";
			case TIMEOUT -> "timed out after " + result.duration().toMillis() + "ms";
			case KILLED -> "killed at shutdown";
			case SUCCESS -> "succeeded";
		};
	}

}
