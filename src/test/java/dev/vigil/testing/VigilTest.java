package dev.vigil.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A Vigil started on random HTTP and gRPC ports, with short health intervals and the
 * {@code switchable} component in the readiness group, and the IPC socket at a path of its own.
 * Security is off, as these tests are about everything else; {@code security} tests turn it on. The database is the embedded SQLite
 * default unless a test class points {@code spring.datasource.url} elsewhere.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.grpc.server.port=0", "spring.datasource.url=jdbc:sqlite:target/test-data/vigil.db",
				"vigil.health.defaults.interval=200ms", "vigil.health.defaults.timeout=500ms",
				"vigil.health.sweep-interval=100ms", "vigil.hosts.file.path=target/test-data/hosts",
				"vigil.models.directory=target/test-data/no-models", "vigil.ipc.enabled=true", "vigil.security.enabled=false",
				"vigil.ipc.socket-path=target/test-data/ipc/${random.uuid}.sock",
				"management.endpoint.health.group.readiness.include=readinessState,db,modelQueue,acme,switchable" })
@Import(SwitchableCheckConfiguration.class)
public @interface VigilTest {

}
