package bench;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A benchmark's helper run in a JVM of its own, on the benchmark's own class path. */
final class ChildJvm {

	private ChildJvm() {
	}

	/** The test class path: exec:java's own class loader, or this JVM's class path outside Maven. */
	static String classpath() {
		if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
			List<String> entries = new ArrayList<>();
			for (URL url : loader.getURLs()) {
				try {
					entries.add(Path.of(url.toURI()).toString());
				}
				catch (URISyntaxException ex) {
					throw new IllegalStateException("not a file on the class path: " + url, ex);
				}
			}
			return String.join(File.pathSeparator, entries);
		}
		return System.getProperty("java.class.path");
	}

}
