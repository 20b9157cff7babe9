package dev.vigil;

import java.util.Arrays;

import dev.vigil.client.ProbeCommand;
import dev.vigil.client.TokenCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/**
 * Vigil: a hosts registry, hooks, an ACME certificate and a model queue, behind one health model.
 * {@code java -jar vigil.jar probe ...} and {@code token ...} run those commands instead of the
 * server, without a Spring context. Its top-level packages are application modules; {@code support}
 * is the one every module may use without declaring it.
 */
@Modulithic(sharedModules = "support")
@SpringBootApplication
public class VigilApplication {

	public static void main(String[] args) {
		String command = (args.length > 0) ? args[0] : "";
		String[] rest = (args.length > 0) ? Arrays.copyOfRange(args, 1, args.length) : args;
		if (ProbeCommand.NAME.equals(command)) {
			System.exit(ProbeCommand.run(rest, System.out, System.err));
		}
		if (TokenCommand.NAME.equals(command)) {
			System.exit(TokenCommand.run(rest, System.out, System.err));
		}
		SpringApplication.run(VigilApplication.class, args);
	}

}
