package dev.vigil.client;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.vigil.security.AccessProperties;
import dev.vigil.security.Roles;
import dev.vigil.security.TokenDigest;

/**
 * {@code token --name NAME --roles ROLE[,ROLE…]}: makes a fresh API token (256 random bits,
 * URL-safe Base64) and prints it once, with the configuration that holds its SHA-256 and roles,
 * as YAML and as environment variables. Vigil itself never sees the token until a client sends it.
 */
@Command(name = "token", description = "Make an API token; prints it once, with the configuration that accepts it.")
final class TokenCommand implements Callable<Integer> {

	private static final int TOKEN_BYTES = 32;

	private final RootCommand root;

	@Option(names = "--name", required = true, paramLabel = "NAME", description = "kebab-case, at most 50 characters.")
	private String name;

	@Option(names = "--roles", required = true, split = ",", paramLabel = "ROLE",
			description = "Comma-separated, of: ${COMPLETION-CANDIDATES}.", completionCandidates = RoleNames.class)
	private List<String> roles;

	TokenCommand(RootCommand root) {
		this.root = root;
	}

	/** The roles a token can hold, for the help text and completion. */
	static final class RoleNames implements Iterable<String> {

		@Override
		public Iterator<String> iterator() {
			return Roles.ALL.iterator();
		}

	}

	@Override
	public Integer call() {
		List<String> roles = this.roles.stream().map(String::strip).toList();
		validate(this.name, roles);
		String token = newToken();
		String sha256 = HexFormat.of().formatHex(TokenDigest.sha256(token));
		PrintStream out = this.root.io().out();
		out.println("token: " + token);
		out.println();
		out.println("# Shown once: Vigil keeps only the SHA-256. Clients send: Authorization: Bearer <token>");
		out.println("# In application.yaml (one more item under tokens, if there are others):");
		out.println("vigil:");
		out.println("  security:");
		out.println("    tokens:");
		out.println("      - name: " + this.name);
		out.println("        sha256: " + sha256);
		out.println("        roles: [" + String.join(", ", roles) + "]");
		out.println();
		out.println("# Or as environment variables (0 is the token's index in the list):");
		out.println("VIGIL_SECURITY_TOKENS_0_NAME=" + this.name);
		out.println("VIGIL_SECURITY_TOKENS_0_SHA256=" + sha256);
		out.println("VIGIL_SECURITY_TOKENS_0_ROLES=" + String.join(",", roles));
		return ExitCodes.OK;
	}

	private static void validate(String name, List<String> roles) {
		if (name == null || !name.matches(AccessProperties.ApiToken.NAME_PATTERN)) {
			throw new CommandException("--name must be kebab-case, at most 50 characters");
		}
		if (roles == null || roles.isEmpty()) {
			throw new CommandException("--roles needs at least one role");
		}
		for (String role : roles) {
			if (!Roles.ALL.contains(role)) {
				throw new CommandException("unknown role '" + role + "'");
			}
		}
	}

	private static String newToken() {
		byte[] bytes = new byte[TOKEN_BYTES];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
