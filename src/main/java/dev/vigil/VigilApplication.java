package dev.vigil;

import dev.vigil.client.CommandIo;
import dev.vigil.client.VigilCommandLine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/**
 * Vigil: a hosts registry, hooks, an ACME certificate and a model queue, behind one health model.
 * With no arguments, or Spring's {@code --name=value} ones alone, the jar starts the server;
 * anything else is a command of its command line ({@code host list}, {@code probe readiness}, …),
 * run without a Spring context. Its top-level packages are application modules; {@code support} is
 * the one every module may use without declaring it.
 */
@Modulithic(sharedModules = "support")
@SpringBootApplication
public class VigilApplication {

	public static void main(String[] args) {
		if (!VigilCommandLine.startsServer(args)) {
			System.exit(VigilCommandLine.run(args, CommandIo.system()));
		}
		SpringApplication.run(VigilApplication.class, args);
	}

}
