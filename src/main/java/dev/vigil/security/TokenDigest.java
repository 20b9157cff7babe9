package dev.vigil.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Secrets compared as SHA-256 digests, in constant time: equal lengths whatever was presented, so
 * neither a token's content nor its length shows in the timing.
 */
public final class TokenDigest {

	private TokenDigest() {
	}

	/** The SHA-256 of the text's UTF-8 bytes. */
	public static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

	/** Whether {@code presented} hashes to {@code digest}, compared in constant time. */
	public static boolean matches(byte[] digest, String presented) {
		return MessageDigest.isEqual(digest, sha256(presented));
	}

}
