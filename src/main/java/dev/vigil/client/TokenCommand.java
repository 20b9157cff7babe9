package dev.vigil.client;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.vigil.security.AccessProperties;
import dev.vigil.security.Roles;
import dev.vigil.security.TokenDigest;

/**
 * {@code token --name NAME --roles ROLE[,ROLE…]}: makes a fresh API token (256 random bits,
 * URL-safe Base64) and prints it once, with the configuration that holds its SHA-256 and roles,
 * as YAML and as environment variables. Vigil itself never sees the token until a client sends it.
 */
public final class TokenCommand {

	/** The first argument that selects this command. */
	public static final String NAME = "token";

	private static final String USAGE = "usage: token --name NAME --roles ROLE[,ROLE...]  (roles: "
			+ String.join(", ", Roles.ALL) + ")";

	private static final int TOKEN_BYTES = 32;

	private TokenCommand() {
	}

	/** Prints a new token and its configuration; returns the exit code (0, or 2 for wrong arguments). */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		String name;
		List<String> roles;
		try {
			Map<String, String> options = CommandOptions.parse(List.of(args), Set.of("--name", "--roles"));
			name = options.get("--name");
			roles = options.containsKey("--roles")
					? Arrays.stream(options.get("--roles").split(",")).map(String::strip).toList() : null;
			validate(name, roles);
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.println(USAGE);
			return CommandOptions.ERROR;
		}
		String token = newToken();
		String sha256 = HexFormat.of().formatHex(TokenDigest.sha256(token));
		out.println("token: " + token);
		out.println();
		out.println("# Shown once: Vigil keeps only the SHA-256. Clients send: Authorization: Bearer <token>");
		out.println("# In application.yaml (one more item under tokens, if there are others):");
		out.println("vigil:");
		out.println("  security:");
		out.println("    tokens:");
		out.println("      - name: " + name);
		out.println("        sha256: " + sha256);
		out.println("        roles: [" + String.join(", ", roles) + "]");
		out.println();
		out.println("# Or as environment variables (0 is the token's index in the list):");
		out.println("VIGIL_SECURITY_TOKENS_0_NAME=" + name);
		out.println("VIGIL_SECURITY_TOKENS_0_SHA256=" + sha256);
		out.println("VIGIL_SECURITY_TOKENS_0_ROLES=" + String.join(",", roles));
		return CommandOptions.OK;
	}

	private static void validate(String name, List<String> roles) {
		if (name == null || !name.matches(AccessProperties.ApiToken.NAME_PATTERN)) {
			throw new IllegalArgumentException("--name must be kebab-case, at most 50 characters");
		}
		if (roles == null || roles.isEmpty()) {
			throw new IllegalArgumentException("--roles needs at least one role");
		}
		for (String role : roles) {
			if (!Roles.ALL.contains(role)) {
				throw new IllegalArgumentException("unknown role '" + role + "'");
			}
		}
	}

	private static String newToken() {
		byte[] bytes = new byte[TOKEN_BYTES];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
