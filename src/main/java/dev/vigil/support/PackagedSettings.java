package dev.vigil.support;

import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.OriginTrackedResource;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * Which settings come from the packaged {@code application.yaml} (the jar's defaults) rather than
 * from whoever runs Vigil: told by each value's origin, which names its file, so the file is not
 * read a second time.
 */
public final class PackagedSettings {

	/** The defaults file on the class path. */
	public static final String FILE = "application.yaml";

	private PackagedSettings() {
	}

	/** Whether a value with this origin was read from the packaged file. */
	public static boolean isPackaged(Origin origin) {
		if (!(origin instanceof TextResourceOrigin text)) {
			return false;
		}
		// Spring Boot's configuration data wraps the file's resource in one that carries its location.
		Resource resource = (text.getResource() instanceof OriginTrackedResource tracked) ? tracked.getResource()
				: text.getResource();
		return resource instanceof ClassPathResource classPath && classPath.getPath().equals(FILE);
	}

	/** Whether {@code source} holds {@code name} as the packaged file set it. */
	public static boolean isPackaged(PropertySource<?> source, String name) {
		return source instanceof OriginLookup<?> && isPackaged(originOf(source, name));
	}

	@SuppressWarnings("unchecked")
	private static Origin originOf(PropertySource<?> source, String name) {
		return ((OriginLookup<String>) source).getOrigin(name);
	}

}
