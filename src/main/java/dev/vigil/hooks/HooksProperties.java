package dev.vigil.hooks;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The post-change hooks ({@code vigil.hooks.*}).
 *
 * @param defaultTimeout how long a hook may run when it names no timeout of its own
 * @param shutdownTimeout how long shutdown waits for a running batch before killing it
 * @param outputLimit how much of a hook's output is kept (the tail)
 * @param onSuccess hooks run, one after another, after a render that changed the hosts file
 * @param onFailure hooks run, one after another, after a render that failed
 */
@Validated
@ConfigurationProperties("vigil.hooks")
record HooksProperties(@NotNull @DurationMin(millis = 1) @DefaultValue("30s") Duration defaultTimeout,
		@NotNull @DurationMin(millis = 1) @DefaultValue("10s") Duration shutdownTimeout,
		@NotNull @DefaultValue("64KB") DataSize outputLimit,
		@NotNull @UniqueHookNames @DefaultValue List<@Valid @NotNull Hook> onSuccess,
		@NotNull @UniqueHookNames @DefaultValue List<@Valid @NotNull Hook> onFailure) {

	public HooksProperties {
		onSuccess = (onSuccess != null) ? List.copyOf(onSuccess) : List.of();
		onFailure = (onFailure != null) ? List.copyOf(onFailure) : List.of();
	}

	/** A hook's output is kept in memory, for health to show: between one byte and 1 MB of it. */
	@AssertTrue(message = "vigil.hooks.output-limit must be between 1B and 1MB")
	public boolean isOutputLimitInRange() {
		return this.outputLimit == null
				|| (this.outputLimit.toBytes() >= 1 && this.outputLimit.compareTo(DataSize.ofMegabytes(1)) <= 0);
	}

	/** The hooks of one list, in the order they run. */
	List<Hook> hooksOf(HookType type) {
		return (type == HookType.ON_SUCCESS) ? this.onSuccess : this.onFailure;
	}

	/** How long the hook may run. */
	Duration timeoutOf(Hook hook) {
		return (hook.timeout() != null) ? hook.timeout() : this.defaultTimeout;
	}

	/**
	 * One hook: a command run as {@code sh -c COMMAND}.
	 *
	 * @param name kebab-case, at most 50 characters, unique in its list; names the hook in
	 * health, metrics and logs (the command is never shown, it may hold credentials)
	 * @param command the shell command
	 * @param timeout how long it may run; the default timeout when absent
	 */
	public record Hook(
			@NotNull @Size(max = 50) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be kebab-case") String name,
			@NotBlank String command, @DurationMin(millis = 1) Duration timeout) {

		/** Names the hook without its command, which may hold credentials. */
		@Override
		public String toString() {
			return "Hook[" + this.name + "]";
		}

	}

}
