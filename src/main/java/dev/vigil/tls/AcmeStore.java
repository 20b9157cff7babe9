package dev.vigil.tls;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * ACME state in the database, shared by every replica: the account key, the current certificate,
 * pending HTTP-01 answers, and the lease that lets one replica order at a time.
 */
class AcmeStore {

	private static final String DEFAULT = "default";

	private static final String CURRENT = "current";

	private final JdbcTemplate jdbc;

	AcmeStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The account key, made by {@code candidate} the first time; a replica that loses the race reads the winner's. */
	KeyPair accountKey(KeyPair candidate, Instant now) {
		Optional<KeyPair> stored = storedAccountKey();
		if (stored.isPresent()) {
			return stored.get();
		}
		try {
			this.jdbc.update("INSERT INTO acme_account (id, private_pem, public_pem, created_at) VALUES (?, ?, ?, ?)",
					DEFAULT, Pem.privateKey(candidate.getPrivate()), Pem.publicKey(candidate.getPublic()),
					now.toEpochMilli());
			return candidate;
		}
		catch (DuplicateKeyException ex) {
			return storedAccountKey().orElseThrow();
		}
	}

	Optional<CertificateBundle> certificate() {
		return this.jdbc
			.query("SELECT chain_pem, key_pem FROM acme_certificate WHERE id = ?",
					(row, index) -> CertificateBundle.parse(row.getString(1), row.getString(2)), CURRENT)
			.stream()
			.findFirst();
	}

	void saveCertificate(CertificateBundle bundle, Instant now) {
		int updated = this.jdbc.update(
				"UPDATE acme_certificate SET chain_pem = ?, key_pem = ?, not_after = ?, updated_at = ? WHERE id = ?",
				Pem.chain(bundle.chain()), Pem.privateKey(bundle.key()), bundle.notAfter().toEpochMilli(),
				now.toEpochMilli(), CURRENT);
		if (updated == 0) {
			this.jdbc.update(
					"INSERT INTO acme_certificate (id, chain_pem, key_pem, not_after, updated_at) VALUES (?, ?, ?, ?, ?)",
					CURRENT, Pem.chain(bundle.chain()), Pem.privateKey(bundle.key()), bundle.notAfter().toEpochMilli(),
					now.toEpochMilli());
		}
	}

	void putChallenge(String token, String authorization, Instant expiresAt) {
		this.jdbc.update("DELETE FROM acme_challenge WHERE token = ?", token);
		this.jdbc.update("INSERT INTO acme_challenge (token, authorization_, expires_at) VALUES (?, ?, ?)", token,
				authorization, expiresAt.toEpochMilli());
	}

	/** The answer for a token still awaited, if any. */
	Optional<String> challenge(String token, Instant now) {
		return this.jdbc
			.queryForList("SELECT authorization_ FROM acme_challenge WHERE token = ? AND expires_at > ?", String.class,
					token, now.toEpochMilli())
			.stream()
			.findFirst();
	}

	void removeChallenge(String token) {
		this.jdbc.update("DELETE FROM acme_challenge WHERE token = ?", token);
	}

	/** Takes the ordering lease if it is free or has run out; one statement, so only one replica wins. */
	boolean tryLock(String holder, Instant now, Instant until) {
		return this.jdbc.update(
				"UPDATE acme_lock SET holder = ?, expires_at = ? WHERE name = 'order' AND (holder IS NULL OR expires_at < ?)",
				holder, until.toEpochMilli(), now.toEpochMilli()) == 1;
	}

	void unlock(String holder) {
		this.jdbc.update("UPDATE acme_lock SET holder = NULL, expires_at = 0 WHERE name = 'order' AND holder = ?", holder);
	}

	private Optional<KeyPair> storedAccountKey() {
		return this.jdbc
			.query("SELECT private_pem, public_pem FROM acme_account WHERE id = ?",
					(row, index) -> Pem.keyPair(row.getString(1), row.getString(2)), DEFAULT)
			.stream()
			.findFirst();
	}

}
