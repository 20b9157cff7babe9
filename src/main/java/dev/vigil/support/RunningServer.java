package dev.vigil.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;

/**
 * The running server as it describes itself: version and commit from the build, and uptime. (Not
 * the proto's {@code ServerInfo} message, which a door fills from it.)
 */
public final class RunningServer {

	private final String version;

	private final String buildInfo;

	private final Instant startedAt;

	private final Supplier<Instant> clock;

	public RunningServer(BuildProperties build, GitProperties git, Instant startedAt, Supplier<Instant> clock) {
		this.version = (build != null && build.getVersion() != null) ? build.getVersion() : "unknown";
		String commit = (git != null) ? git.getShortCommitId() : null;
		this.buildInfo = this.version + " (" + ((commit != null) ? commit : "unknown") + ")";
		this.startedAt = startedAt;
		this.clock = clock;
	}

	/** The version the build stamped. */
	public String version() {
		return this.version;
	}

	/** {@code version (git sha)}. */
	public String buildInfo() {
		return this.buildInfo;
	}

	/** Time since the server started. */
	public Duration uptime() {
		return Duration.between(this.startedAt, this.clock.get());
	}

}
