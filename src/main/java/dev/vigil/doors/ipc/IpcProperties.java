package dev.vigil.doors.ipc;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The inference runtime's IPC door on a Unix domain socket ({@code vigil.ipc.*}).
 *
 * @param enabled whether the socket is served
 * @param socketPath where the socket is created (mode 0660); removed on shutdown
 * @param maxFrameSize the largest frame a client may send; a larger one is answered 413 and the
 * connection closes
 * @param token the handshake token; unset refuses every handshake, and an empty one is refused at
 * startup
 * @param maxConnections the most open connections; a new one beyond it closes the one idle the
 * longest, so a flood of clients cannot lock a probe out
 * @param idleTimeout how long a connection may go without sending a byte before it is closed
 * @param maxRequestsPerSecond per connection, for everything but {@code health_check}: past it a
 * request is answered 429
 * @param maxFailedHandshakesPerSecond server-wide, so many connections cannot multiply an
 * attacker's guesses: past it a failed handshake is answered 429 and its connection closes
 */
@Validated
@ConfigurationProperties("vigil.ipc")
public record IpcProperties(@DefaultValue("false") boolean enabled,
		@NotNull @DefaultValue("./data/vigil.sock") Path socketPath,
		@NotNull @DefaultValue("16MB") DataSize maxFrameSize,
		@Pattern(regexp = "(?s).*\\S.*", message = "must not be empty: leave it unset to refuse every handshake") String token,
		@Min(1) @Max(100_000) @DefaultValue("64") int maxConnections,
		@NotNull @DurationMin(millis = 1) @DefaultValue("60s") Duration idleTimeout,
		@Min(1) @Max(1_000_000) @DefaultValue("50") int maxRequestsPerSecond,
		@Min(1) @Max(1_000_000) @DefaultValue("10") int maxFailedHandshakesPerSecond) {

	/** The frame bound must fit the 4-byte length and a Java array. */
	@AssertTrue(message = "max-frame-size must be between 1KB and 1GB")
	boolean isMaxFrameSizeInRange() {
		return this.maxFrameSize == null || (this.maxFrameSize.toBytes() >= 1024
				&& this.maxFrameSize.toBytes() <= DataSize.ofGigabytes(1).toBytes());
	}

	/** Leaves the token out: it is a secret. */
	@Override
	public String toString() {
		return "IpcProperties[enabled=" + this.enabled + ", socketPath=" + this.socketPath + ", maxFrameSize="
				+ this.maxFrameSize + ", token=" + ((this.token != null) ? "(set)" : "(unset)") + ", maxConnections="
				+ this.maxConnections + ", idleTimeout=" + this.idleTimeout + ", maxRequestsPerSecond="
				+ this.maxRequestsPerSecond + ", maxFailedHandshakesPerSecond=" + this.maxFailedHandshakesPerSecond + "]";
	}

}
