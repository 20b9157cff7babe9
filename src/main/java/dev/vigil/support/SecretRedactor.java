package dev.vigil.support;

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
 * The one place that knows what a secret is, for everything that leaves the process: health
 * reasons, gRPC errors and logs ({@link #redact}), and the values {@code /actuator/env} and
 * {@code /actuator/configprops} show ({@link #isSecretName}, {@link #maskUrlCredentials}).
 * <ul>
 * <li>A property whose name says it holds a secret: password, passwd, secret, token, credential,
 * sha256 (token digests), private key, API key, a name ending in {@code .key}, and hook commands
 * ({@code command}), which may carry credentials.</li>
 * <li>Credentials inside a URL: the user information before {@code @}, and {@code password=}
 * parameters.</li>
 * <li>In text that leaves the process, also the whole value of a {@code .url} or {@code .uri}
 * property, which names hosts and databases.</li>
 * </ul>
 */
public final class SecretRedactor {

	/** What a secret is replaced with. */
	public static final String MASK = "******";

	private static final Pattern SECRET_NAME = Pattern.compile(
			"(?i).*(password|passwd|secret|token|credential|sha256|private-?key|api-?key).*|.*\\.key|(.*\\.)?command");

	private static final Pattern LOCATION_NAME = Pattern.compile("(?i).*\\.(url|uri)");

	private static final Pattern URL_USER_INFO = Pattern.compile("//([^/@\\s]+)@");

	private static final Pattern URL_PASSWORD = Pattern.compile("(?i)password=([^&;\\s]+)");

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
					Object value = enumerable.getProperty(name);
					if (value != null && (isSecretName(name) || LOCATION_NAME.matcher(name).matches())) {
						String text = String.valueOf(value);
						secrets.add(text);
						secrets.addAll(urlCredentials(text));
					}
				}
			}
		}
		return new SecretRedactor(secrets);
	}

	/** Whether a property of this name holds a secret, whose whole value is never shown. */
	public static boolean isSecretName(String name) {
		return SECRET_NAME.matcher(name).matches();
	}

	/** The text with the credentials inside URLs masked: user information and {@code password=} values. */
	public static String maskUrlCredentials(String text) {
		String masked = URL_USER_INFO.matcher(text).replaceAll("//" + MASK + "@");
		return URL_PASSWORD.matcher(masked).replaceAll("password=" + MASK);
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

	private static List<String> urlCredentials(String value) {
		return List.of(URL_USER_INFO, URL_PASSWORD).stream().flatMap((pattern) -> {
			Matcher matcher = pattern.matcher(value);
			return matcher.results().map((match) -> match.group(1));
		}).flatMap((credentials) -> {
			// user:password@ — the password alone may turn up in an error message too.
			int colon = credentials.indexOf(':');
			return (colon < 0) ? List.of(credentials).stream() : List.of(credentials, credentials.substring(colon + 1)).stream();
		}).toList();
	}

}
