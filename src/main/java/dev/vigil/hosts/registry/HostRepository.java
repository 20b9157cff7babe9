package dev.vigil.hosts.registry;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SQL for {@code host_entries}, the same on SQLite and PostgreSQL. Callers own the transaction.
 * Reads come in keyset pages in hosts-file order, so no read holds a connection while a client
 * drains a stream and none loads the whole table.
 */
public class HostRepository {

	/** The columns {@link HostColumns#HOSTS} reads; a snapshot's copy of an entry has them too. */
	public static final String COLUMNS = "id, ip_address, hostname, aliases, comment, tags, created_at, updated_at, version, ip_key, hostname_key";

	private static final String ORDER = " ORDER BY ip_key, hostname_key, id";

	private static final String INSERT = "INSERT INTO host_entries (id, ip_address, ip_key, hostname, hostname_key, "
			+ "aliases, comment, tags, tag_keys, search_text, created_at, updated_at, version) "
			+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	/** The insert unless an entry holds the address and name already; its arguments are {@link #bindInsert}'s. */
	static final String INSERT_NEW = INSERT + " ON CONFLICT (ip_address, hostname_key) DO NOTHING";

	private final JdbcTemplate jdbc;

	public HostRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Host> find(String id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM host_entries WHERE id = ?", HostColumns.HOSTS, id)
			.stream()
			.findFirst();
	}

	/** The entry holding this canonical address and name, names compared case-insensitively. */
	public Optional<Host> findByAddressAndName(String ipAddress, String hostname) {
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM host_entries WHERE ip_address = ? AND hostname_key = ?", HostColumns.HOSTS,
					ipAddress, HostValidator.key(hostname))
			.stream()
			.findFirst();
	}

	/**
	 * The entries holding any of these canonical addresses and names, in one query, keyed as
	 * {@link #pairKey}.
	 */
	public Map<String, Host> findByAddressesAndNames(List<HostFields> wanted) {
		if (wanted.isEmpty()) {
			return Map.of();
		}
		StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
			.append(" FROM host_entries WHERE (ip_address, hostname_key) IN (VALUES ");
		List<Object> arguments = new ArrayList<>(wanted.size() * 2);
		for (HostFields fields : wanted) {
			sql.append(arguments.isEmpty() ? "(?, ?)" : ", (?, ?)");
			arguments.add(fields.ipAddress());
			arguments.add(HostValidator.key(fields.hostname()));
		}
		Map<String, Host> found = new HashMap<>();
		for (Host host : this.jdbc.query(sql.append(')').toString(), HostColumns.HOSTS, arguments.toArray())) {
			found.put(pairKey(host.fields()), host);
		}
		return found;
	}

	/** What makes an entry unique: its canonical address and its name, compared case-insensitively. */
	public static String pairKey(HostFields fields) {
		return fields.ipAddress() + " " + HostValidator.key(fields.hostname());
	}

	public void insert(Host host) {
		this.jdbc.update(INSERT, (statement) -> bindInsert(statement, 1, host));
	}

	/**
	 * Inserts the entry unless one holds its address and name already: the duplicate check and the
	 * insert in one statement. False when it was a duplicate, which leaves the transaction usable.
	 */
	public boolean insertNew(Host host) {
		return this.jdbc.update(INSERT_NEW, (statement) -> bindInsert(statement, 1, host)) == 1;
	}

	/** Inserts the entries in one batch. */
	public void insertAll(List<Host> hosts) {
		this.jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
			@Override
			public void setValues(PreparedStatement statement, int index) throws SQLException {
				bindInsert(statement, 1, hosts.get(index));
			}

			@Override
			public int getBatchSize() {
				return hosts.size();
			}
		});
	}

	/** Writes the new state only if the row still has {@code previousVersion}: false when it moved on. */
	public boolean update(Host host, long previousVersion) {
		HostFields fields = host.fields();
		return this.jdbc.update("UPDATE host_entries SET ip_address = ?, ip_key = ?, hostname = ?, hostname_key = ?, "
				+ "aliases = ?, comment = ?, tags = ?, tag_keys = ?, search_text = ?, updated_at = ?, version = ? "
				+ "WHERE id = ? AND version = ?", fields.ipAddress(), sortKey(fields), fields.hostname(),
				HostValidator.key(fields.hostname()), HostColumns.list(fields.aliases()), fields.comment(),
				HostColumns.list(fields.tags()), HostColumns.keys(fields.tags()), HostColumns.searchText(fields),
				HostColumns.micros(host.updatedAt()), host.version(), host.id(), previousVersion) == 1;
	}

	/** Deletes the row if it still has {@code version}: false when it moved on or is gone. */
	public boolean delete(String id, long version) {
		return this.jdbc.update("DELETE FROM host_entries WHERE id = ? AND version = ?", id, version) == 1;
	}

	long count() {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM host_entries", Long.class);
		return (count != null) ? count : 0;
	}

	/**
	 * Up to {@code size} entries matching the query, in hosts-file order: after {@code after} when
	 * given, else skipping {@code offset} from the start.
	 */
	public List<Host> page(HostQuery query, Cursor after, int offset, int size) {
		List<String> clauses = new ArrayList<>(query.clauses());
		List<Object> arguments = new ArrayList<>(query.arguments());
		if (after != null) {
			clauses.add("(ip_key, hostname_key, id) > (?, ?, ?)");
			arguments.add(after.ipKey());
			arguments.add(after.hostnameKey());
			arguments.add(after.id());
		}
		StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM host_entries");
		if (!clauses.isEmpty()) {
			sql.append(" WHERE ").append(String.join(" AND ", clauses));
		}
		sql.append(ORDER).append(" LIMIT ? OFFSET ?");
		arguments.add(size);
		arguments.add((after != null) ? 0 : offset);
		return this.jdbc.query(sql.toString(), HostColumns.HOSTS, arguments.toArray());
	}

	/**
	 * Up to {@code size} entries in id order, after {@code afterId} (from the first when null).
	 * Ids never change, so paging this way reads every entry that exists throughout exactly once,
	 * whatever updates do to the hosts-file order meanwhile.
	 */
	public List<Host> pageById(String afterId, int size) {
		if (afterId == null) {
			return this.jdbc.query("SELECT " + COLUMNS + " FROM host_entries ORDER BY id LIMIT ?", HostColumns.HOSTS, size);
		}
		return this.jdbc.query("SELECT " + COLUMNS + " FROM host_entries WHERE id > ? ORDER BY id LIMIT ?",
				HostColumns.HOSTS, afterId, size);
	}

	/** Where the next page starts: the order columns of the last entry read. */
	public record Cursor(String ipKey, String hostnameKey, String id) {

		static Cursor after(Host host) {
			return new Cursor(sortKey(host.fields()), HostValidator.key(host.fields().hostname()), host.id());
		}

	}

	/**
	 * Binds the insert's arguments, in {@link #INSERT}'s order, from parameter {@code first}; returns
	 * the next parameter's index. The values go straight to the statement: Spring's per-parameter
	 * handling would cost more than SQLite's insert of the row.
	 */
	static int bindInsert(PreparedStatement statement, int first, Host host) throws SQLException {
		HostFields fields = host.fields();
		int at = first;
		statement.setString(at++, host.id());
		statement.setString(at++, fields.ipAddress());
		statement.setString(at++, sortKey(fields));
		statement.setString(at++, fields.hostname());
		statement.setString(at++, HostValidator.key(fields.hostname()));
		statement.setString(at++, HostColumns.list(fields.aliases()));
		statement.setString(at++, fields.comment());
		statement.setString(at++, HostColumns.list(fields.tags()));
		statement.setString(at++, HostColumns.keys(fields.tags()));
		statement.setString(at++, HostColumns.searchText(fields));
		statement.setLong(at++, HostColumns.micros(host.createdAt()));
		statement.setLong(at++, HostColumns.micros(host.updatedAt()));
		statement.setLong(at++, host.version());
		return at;
	}

	private static String sortKey(HostFields fields) {
		return IpAddress.parse(fields.ipAddress()).orElseThrow().sortKey();
	}

}
