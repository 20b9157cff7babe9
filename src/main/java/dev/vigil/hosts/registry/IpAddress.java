package dev.vigil.hosts.registry;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address literal in canonical text (dotted decimal; RFC 5952 for IPv6) with a
 * sort key that orders addresses numerically, IPv4 before IPv6. Parsing never resolves names.
 */
record IpAddress(String canonical, String sortKey) {

	private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

	/** The address, or empty when the text is not an IP literal. */
	public static Optional<IpAddress> parse(String text) {
		if (text == null || text.isEmpty()) {
			return Optional.empty();
		}
		if (text.indexOf(':') < 0 && (text.charAt(0) < '0' || text.charAt(0) > '9')) {
			// Neither form can match (IPv4 starts with a digit, IPv6 has a colon): most names end here.
			return Optional.empty();
		}
		IpAddress v4 = ipv4(text);
		if (v4 != null) {
			return Optional.of(v4);
		}
		if (!(text.contains(":") && IPV6_CHARACTERS.matcher(text).matches())) {
			// Only literals reach InetAddress, which would otherwise look the name up.
			return Optional.empty();
		}
		try {
			return Optional.of(of(InetAddress.getByName(text)));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Dotted decimal with four parts of 0-255 and no leading zeros, which is its own canonical form;
	 * null for anything else. Parsed by hand: every imported entry's address passes here.
	 */
	private static IpAddress ipv4(String text) {
		byte[] bytes = new byte[4];
		int parts = 0;
		int value = 0;
		int digits = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '.') {
				if (digits == 0 || parts == 3) {
					return null;
				}
				bytes[parts++] = (byte) value;
				value = 0;
				digits = 0;
				continue;
			}
			if (c < '0' || c > '9' || (digits > 0 && value == 0)) {
				return null;
			}
			value = value * 10 + (c - '0');
			if (++digits > 3 || value > 255) {
				return null;
			}
		}
		if (digits == 0 || parts != 3) {
			return null;
		}
		bytes[3] = (byte) value;
		return new IpAddress(text, "4" + HexFormat.of().formatHex(bytes));
	}

	private static IpAddress of(InetAddress address) {
		byte[] bytes = address.getAddress();
		String hex = HexFormat.of().formatHex(bytes);
		if (address instanceof Inet4Address) {
			return new IpAddress(address.getHostAddress(), "4" + hex);
		}
		if (address instanceof Inet6Address) {
			return new IpAddress(rfc5952(bytes), "6" + hex);
		}
		throw new IllegalArgumentException("not an IP address");
	}

	/** Lower-case hex, leading zeros dropped, the longest run (two or more) of zero groups as "::". */
	private static String rfc5952(byte[] bytes) {
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
		}
		int bestStart = -1;
		int bestLength = 0;
		for (int i = 0; i < 8;) {
			if (groups[i] != 0) {
				i++;
				continue;
			}
			int start = i;
			while (i < 8 && groups[i] == 0) {
				i++;
			}
			if (i - start > bestLength) {
				bestStart = start;
				bestLength = i - start;
			}
		}
		if (bestLength < 2) {
			bestStart = -1;
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

}
