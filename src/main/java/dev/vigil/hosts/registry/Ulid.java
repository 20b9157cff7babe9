package dev.vigil.hosts.registry;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * ULIDs: 48 bits of milliseconds then 80 random bits, as 26 characters of Crockford base 32, so
 * that ids sort by creation time.
 */
public final class Ulid {

	private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private static final int LENGTH = 26;

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	public Ulid(Clock clock) {
		this.clock = clock;
	}

	public String next() {
		byte[] entropy = new byte[10];
		this.random.nextBytes(entropy);
		long millis = this.clock.millis();
		char[] text = new char[LENGTH];
		for (int i = 9; i >= 0; i--) {
			text[i] = ALPHABET[(int) (millis & 31)];
			millis >>>= 5;
		}
		// 80 random bits make 16 characters of 5 bits each.
		long high = 0;
		for (int i = 0; i < 5; i++) {
			high = (high << 8) | (entropy[i] & 0xFF);
		}
		long low = 0;
		for (int i = 5; i < 10; i++) {
			low = (low << 8) | (entropy[i] & 0xFF);
		}
		for (int i = 17; i >= 10; i--) {
			text[i] = ALPHABET[(int) (high & 31)];
			high >>>= 5;
		}
		for (int i = 25; i >= 18; i--) {
			text[i] = ALPHABET[(int) (low & 31)];
			low >>>= 5;
		}
		return new String(text);
	}

	/** Whether the text is a canonical ULID: 26 upper-case Crockford characters within 128 bits. */
	public static boolean isValid(String text) {
		if (text == null || text.length() != LENGTH || text.charAt(0) > '7') {
			return false;
		}
		for (int i = 0; i < LENGTH; i++) {
			if (indexOf(text.charAt(i)) < 0) {
				return false;
			}
		}
		return true;
	}

	private static int indexOf(char c) {
		for (int i = 0; i < ALPHABET.length; i++) {
			if (ALPHABET[i] == c) {
				return i;
			}
		}
		return -1;
	}

}
