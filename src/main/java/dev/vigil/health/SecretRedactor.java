package dev.vigil.health;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Removes configured secrets from text that leaves the process: health reasons, gRPC errors, logs.
 * A secret is the value of a property whose name says it is one (password, secret, token, key,
 * credentials), or of a URL property, and a password embedded in a URL.
 */
public final class SecretRedactor {

	/** What a secret is replaced with. */
	public static final String MASK = "******";

	private static final Pattern SECRET_NAME = Pattern
		.compile("(?i).*(password|passwd|secret|token|credential|private-key|api-key|\\.key|\\.url|\\.uri)$");

	private static final List<Pattern> EMBEDDED = List.of(Pattern.compile("(?i)password=([^&;\\s]+)"),
			Pattern.compile("//[^/:@\\s]+:([^@/\\s]+)@"));

	private final List<String> secrets;

	/** A redactor for the given secret values, longest first so that one hiding another is hidden whole. */
	public SecretRedactor(Collection<String> secrets) {
		this.secrets = secrets.stream()
			.filter((secret) -> secret != null && !secret.isEmpty())
			.distinct()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList();
	}

	/** A redactor for every secret the environment holds. */
	public static SecretRedactor from(ConfigurableEnvironment environment) {
		Set<String> secrets = new LinkedHashSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (SECRET_NAME.matcher(name).matches() && enumerable.getProperty(name) != null) {
						String value = String.valueOf(enumerable.getProperty(name));
						secrets.add(value);
						secrets.addAll(embeddedSecrets(value));
					}
				}
			}
		}
		return new SecretRedactor(secrets);
	}

	/** The text with every secret replaced by {@link #MASK}. */
	public String redact(String text) {
		if (text == null) {
			return "";
		}
		String result = text;
		for (String secret : this.secrets) {
			result = result.replace(secret, MASK);
		}
		return result;
	}

	private static List<String> embeddedSecrets(String value) {
		return EMBEDDED.stream().flatMap((pattern) -> {
			Matcher matcher = pattern.matcher(value);
			return matcher.results().map((match) -> match.group(1));
		}).toList();
	}

}
