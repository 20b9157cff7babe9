package dev.vigil.database;

import java.util.function.Supplier;
import javax.sql.DataSource;

import org.springframework.core.InfrastructureProxy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * JDBC for work whose reads must never queue behind a write: a statement inside a transaction runs
 * on the transaction's connection, as always; one outside any transaction runs on a read-only
 * connection from the read pool. On SQLite that pool is separate from the one writer, and WAL mode
 * lets its readers go on while a long import or rollback writes. On PostgreSQL the one pool serves
 * both. Statements outside a transaction must therefore only read.
 */
public final class ReadPoolJdbc {

	private final JdbcTemplate template;

	/** Read transactions on a read connection, seen by {@link #template} on their thread. */
	private final TransactionTemplate snapshots;

	private ReadPoolJdbc(DataSource connections) {
		this.template = new JdbcTemplate(connections);
		this.snapshots = new TransactionTemplate(new DataSourceTransactionManager(connections));
		this.snapshots.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
	}

	/** Reads through the writer's pool: the backend has no read pool of its own. */
	static ReadPoolJdbc sharingThePool(DataSource pool) {
		return new ReadPoolJdbc(pool);
	}

	/** Reads outside transactions through {@code readers}; transactions on {@code writer} as always. */
	static ReadPoolJdbc withReaders(DataSource writer, DataSource readers) {
		return new ReadPoolJdbc(new ReadsOutsideTransactions(writer, readers));
	}

	public JdbcTemplate template() {
		return this.template;
	}

	/**
	 * Runs {@code reads}, called outside any transaction, so that every statement they make through
	 * {@link #template} sees one committed state of the database: they share one read connection
	 * in one transaction (repeatable read on PostgreSQL; on SQLite every transaction reads one
	 * snapshot), ended when they return. Only for reads.
	 */
	public <T> T inOneSnapshot(Supplier<T> reads) {
		return this.snapshots.execute((status) -> reads.get());
	}

	/**
	 * Hands out read connections, and stands for the writer's pool when Spring looks up the
	 * transaction's connection ({@link InfrastructureProxy}): inside a transaction its connection is
	 * found and used, so only statements outside one, and a snapshot's, ever get a read connection.
	 */
	private static final class ReadsOutsideTransactions extends DelegatingDataSource implements InfrastructureProxy {

		private final DataSource writer;

		ReadsOutsideTransactions(DataSource writer, DataSource readers) {
			super(readers);
			this.writer = writer;
		}

		@Override
		public Object getWrappedObject() {
			return this.writer;
		}

	}

}
