package dev.vigil.client;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code completion bash|zsh}: a completion script for every command and option, generated from
 * the same definitions that parse them. zsh runs the bash script through its bashcompinit.
 */
@Command(name = "completion", description = "Print a bash or zsh completion script: source <(vigil completion bash).")
final class CompletionCommand implements Callable<Integer> {

	private final RootCommand root;

	@Spec
	private CommandSpec spec;

	@Parameters(paramLabel = "SHELL", description = "bash or zsh.")
	private Shell shell;

	CompletionCommand(RootCommand root) {
		this.root = root;
	}

	/** The shells a script is made for. */
	enum Shell {

		bash, zsh

	}

	@Override
	public Integer call() {
		String script = AutoComplete.bash("vigil", this.spec.root().commandLine());
		if (this.shell == Shell.zsh) {
			script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
		}
		this.root.io().out().print(script);
		this.root.io().out().flush();
		return ExitCodes.OK;
	}

}
