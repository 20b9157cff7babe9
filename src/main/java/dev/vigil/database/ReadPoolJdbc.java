package dev.vigil.database;

import javax.sql.DataSource;

import org.springframework.core.InfrastructureProxy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * JDBC for work whose reads must never queue behind a write: a statement inside a transaction runs
 * on the transaction's connection, as always; one outside any transaction runs on a read-only
 * connection from the read pool. On SQLite that pool is separate from the one writer, and WAL mode
 * lets its readers go on while a long import or rollback writes. On PostgreSQL the one pool serves
 * both. Statements outside a transaction must therefore only read.
 */
public final class ReadPoolJdbc {

	private final JdbcTemplate template;

	ReadPoolJdbc(JdbcTemplate template) {
		this.template = template;
	}

	/** Reads through the writer's pool: the backend has no read pool of its own. */
	static ReadPoolJdbc sharingThePool(DataSource pool) {
		return new ReadPoolJdbc(new JdbcTemplate(pool));
	}

	/** Reads outside transactions through {@code readers}; transactions on {@code writer} as always. */
	static ReadPoolJdbc withReaders(DataSource writer, DataSource readers) {
		return new ReadPoolJdbc(new JdbcTemplate(new ReadsOutsideTransactions(writer, readers)));
	}

	public JdbcTemplate template() {
		return this.template;
	}

	/**
	 * Hands out read connections, and stands for the writer's pool when Spring looks up the
	 * transaction's connection ({@link InfrastructureProxy}): inside a transaction its connection is
	 * found and used, so only statements outside one ever get a read connection.
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
