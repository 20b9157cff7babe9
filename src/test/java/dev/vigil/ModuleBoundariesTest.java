package dev.vigil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.DiagramStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layers of ARCHITECTURE.md and the module boundaries, in code: every top-level package is an
 * application module whose base package (and declared named interfaces) is all other modules may
 * use; each declares, in its {@code package-info.java}, the modules it may use, and those lie on
 * a lower layer. Spring Modulith's verification rejects a cycle, a dependency not declared, and any
 * reach into another module's sub-packages.
 */
class ModuleBoundariesTest {

	/** Top to bottom; a module may use only modules of lower layers (and the wire types). */
	private static final List<Set<String>> LAYERS = List.of(Set.of("doors", "client"),
			Set.of("hooks", "tls", "hosts", "models"), Set.of("database", "lifecycle", "security"), Set.of("health"),
			Set.of("support", "tracing"));

	/** The generated wire types: an open module below everything that speaks gRPC, using nothing. */
	private static final String WIRE_TYPES = "api";

	private static final Path DIAGRAMS = Path.of("docs", "modules");

	/**
	 * Public for callers outside Vigil's code: the launcher calls the application's {@code main},
	 * and programs use the Java client from the jar.
	 */
	private static final Set<String> PUBLIC_FOR_OUTSIDE = Set.of(VigilApplication.class.getName(),
			"dev.vigil.client.RouterHostsClient");

	/**
	 * Read once: importing the classes is most of what the checks cost. Without the classes Spring
	 * AOT generates at package time ({@code Foo__BeanDefinitions}): they wire every module's beans
	 * into one another by design, and a test run after {@code package} finds them in target/classes.
	 */
	private static final ApplicationModules MODULES = ApplicationModules.of(VigilApplication.class,
			JavaClass.Predicates.simpleNameContaining("__"));

	/**
	 * Package-private by default: a type is public only when a class of another package uses it,
	 * as its bytecode shows or, for constants the compiler copies into their users, as an import
	 * in another package's source shows (a test's too: the tests' fixtures read some settings). One
	 * made public that no other package needs fails here, whichever module it is in.
	 */
	@Test
	void typesArePublicOnlyWhereAnotherPackageUsesThem() throws IOException {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(VigilApplication.class.getPackageName());
		Map<String, Set<String>> importedFrom = importingPackages(Path.of("src", "main", "java"), Path.of("src", "test", "java"));
		Set<String> needlesslyPublic = new TreeSet<>();
		for (JavaClass type : classes) {
			if (!type.isTopLevelClass() || !type.getModifiers().contains(JavaModifier.PUBLIC) || !isVigilsOwn(type)
					|| PUBLIC_FOR_OUTSIDE.contains(type.getName())) {
				continue;
			}
			boolean usedByCode = type.getDirectDependenciesToSelf()
				.stream()
				.map(Dependency::getOriginClass)
				.anyMatch((origin) -> isVigilsOwn(origin) && !origin.getPackageName().equals(type.getPackageName()));
			boolean imported = importedFrom.getOrDefault(type.getName(), Set.of())
				.stream()
				.anyMatch((importer) -> !importer.equals(type.getPackageName()));
			if (!usedByCode && !imported) {
				needlesslyPublic.add(type.getName());
			}
		}
		assertThat(needlesslyPublic).as("public types no other package uses: make them package-private").isEmpty();
	}

	/** Written here: not the generated wire types, nor the classes Spring AOT generates at package time. */
	private static boolean isVigilsOwn(JavaClass type) {
		return !type.getPackageName().startsWith(VigilApplication.class.getPackageName() + "." + WIRE_TYPES + ".")
				&& !type.getName().contains("__");
	}

	/** Each Vigil top-level type a source file imports (itself or a member), with the importing packages. */
	private static Map<String, Set<String>> importingPackages(Path... roots) throws IOException {
		Pattern packageLine = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
		Pattern importLine = Pattern.compile("^import (?:static )?(dev\\.vigil\\.[\\w.]+);", Pattern.MULTILINE);
		Map<String, Set<String>> importers = new TreeMap<>();
		for (Path root : roots) {
			try (Stream<Path> files = Files.walk(root)) {
				for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
					String source = Files.readString(file);
					Matcher declared = packageLine.matcher(source);
					String importer = declared.find() ? declared.group(1) : "";
					Matcher imported = importLine.matcher(source);
					while (imported.find()) {
						importers.computeIfAbsent(topLevelType(imported.group(1)), (type) -> new TreeSet<>()).add(importer);
					}
				}
			}
		}
		return importers;
	}

	/** {@code dev.vigil.a.Type.Member.more} to {@code dev.vigil.a.Type}: packages are lower case, types not. */
	private static String topLevelType(String name) {
		String[] parts = name.split("\\.");
		StringBuilder type = new StringBuilder();
		for (String part : parts) {
			type.append(type.isEmpty() ? "" : ".").append(part);
			if (Character.isUpperCase(part.charAt(0))) {
				break;
			}
		}
		return type.toString();
	}

	@Test
	void modulesUseOnlyWhatTheyDeclareAndNoCycle() {
		MODULES.verify();
	}

	@Test
	void everyModuleDeclaresItsDependenciesOnLowerLayersOnly() throws ClassNotFoundException {
		Set<String> layered = new TreeSet<>();
		LAYERS.forEach(layered::addAll);
		layered.add(WIRE_TYPES);
		assertThat(MODULES.stream().map((module) -> module.getIdentifier().toString()))
			.as("every module has a layer").containsExactlyInAnyOrderElementsOf(layered);
		for (int layer = 0; layer < LAYERS.size(); layer++) {
			Set<String> below = new TreeSet<>(Set.of(WIRE_TYPES));
			LAYERS.subList(layer + 1, LAYERS.size()).forEach(below::addAll);
			for (String module : LAYERS.get(layer)) {
				assertThat(declaredDependencies(module)).as("what %s may use", module).isSubsetOf(below);
			}
		}
		assertThat(declaredDependencies(WIRE_TYPES)).isEmpty();
	}

	/**
	 * The module diagrams in {@code docs/modules} show the modules as they are: regenerate them
	 * with {@code docs/modules/render} when this fails.
	 */
	@Test
	void diagramsInDocsAreCurrent() throws IOException {
		Path generated = Path.of("target", "module-diagrams");
		// Plain UML: the C4 style needs a newer PlantUML library than Debian's plantuml draws.
		DiagramOptions uml = DiagramOptions.defaults().withStyle(DiagramStyle.UML);
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
			.writeModulesAsPlantUml(uml)
			.writeIndividualModulesAsPlantUml(uml);
		Map<String, Set<String>> current = diagrams(generated);
		assertThat(current).containsKey("components.puml");
		assertThat(diagrams(DIAGRAMS)).as("docs/modules is stale: run docs/modules/render").isEqualTo(current);
	}

	private static Set<String> declaredDependencies(String module) throws ClassNotFoundException {
		ApplicationModule declaration = Class.forName("dev.vigil." + module + ".package-info")
			.getAnnotation(ApplicationModule.class);
		assertThat(declaration).as("%s/package-info.java declares @ApplicationModule", module).isNotNull();
		return Set.of(declaration.allowedDependencies());
	}

	/** Each PlantUML file by name, as its set of lines: the Documenter's order is not promised. */
	private static Map<String, Set<String>> diagrams(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.toString().endsWith(".puml"))
				.collect(Collectors.toMap((file) -> file.getFileName().toString(),
						ModuleBoundariesTest::lines));
		}
	}

	private static Set<String> lines(Path file) {
		try {
			return new TreeSet<>(Files.readAllLines(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
