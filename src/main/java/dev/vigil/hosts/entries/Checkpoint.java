package dev.vigil.hosts.entries;

/**
 * Asked just before a write commits: throws {@link HostsException} when the caller has given up
 * (deadline passed or call cancelled), so the transaction rolls back and nothing is half-written.
 */
@FunctionalInterface
public interface Checkpoint {

	Checkpoint NONE = () -> {
	};

	void check();

}
