package dev.vigil;

import java.util.Arrays;

import dev.vigil.client.ProbeCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Vigil: a hosts registry, hooks, an ACME certificate and a model queue, behind one health model.
 * {@code java -jar vigil.jar probe ...} runs the probe command instead of the server.
 */
@SpringBootApplication
public class VigilApplication {

	public static void main(String[] args) {
		if (args.length > 0 && ProbeCommand.NAME.equals(args[0])) {
			System.exit(ProbeCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		SpringApplication.run(VigilApplication.class, args);
	}

}
