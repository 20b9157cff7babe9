package dev.vigil.hosts.registry;

import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.vigil.database.DatabaseOutageGate;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * How the registry's reads and writes reach the database: refused at once while it is known down
 * (but for one trial call at a time, {@link DatabaseOutageGate}); each failure told to the
 * database's failure signal, and translated into a {@link HostsException}.
 */
final class DatabaseCalls {

	/** The database's passive failure signal: told of every failed read or write. */
	private final Consumer<RuntimeException> failures;

	/** Lets each call reach the database, or refuses it at once while the database is known down. */
	private final Supplier<DatabaseOutageGate.Pass> gate;

	DatabaseCalls(Consumer<RuntimeException> failures, Supplier<DatabaseOutageGate.Pass> gate) {
		this.failures = failures;
		this.gate = gate;
	}

	<T> T run(Supplier<T> work) {
		try (DatabaseOutageGate.Pass pass = this.gate.get()) {
			T result = work.get();
			pass.answered();
			return result;
		}
		catch (RuntimeException ex) {
			throw failed(ex);
		}
	}

	/**
	 * What a failed call answers: a constraint's refusal as the registry's, anything else told to
	 * the failure signal and translated ({@link HostsException#fromDatabase}).
	 */
	RuntimeException failed(RuntimeException ex) {
		if (ex instanceof DataIntegrityViolationException) {
			return translate(ex);
		}
		this.failures.accept(ex);
		return HostsException.fromDatabase(ex);
	}

	/** What one write's own failure tells its caller: the registry's refusal, or the constraint it broke. */
	static HostsException translate(RuntimeException ex) {
		if (ex instanceof HostsException hosts) {
			return hosts;
		}
		// Another writer committed the same address and name between our check and insert.
		return duplicate();
	}

	/** An entry holds the address and name already; which one is not known. */
	static HostsException duplicate() {
		return new HostsException(HostsException.Reason.ALREADY_EXISTS, "an entry with this ip_address and hostname already exists");
	}

}
