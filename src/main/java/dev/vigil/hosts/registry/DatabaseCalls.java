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
		catch (DataIntegrityViolationException ex) {
			// Another writer committed the same address and name between our check and insert.
			throw new HostsException(HostsException.Reason.ALREADY_EXISTS, "an entry with this ip_address and hostname already exists");
		}
		catch (RuntimeException ex) {
			this.failures.accept(ex);
			throw HostsException.fromDatabase(ex);
		}
	}

}
