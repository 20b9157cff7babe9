package dev.vigil.hooks;

/**
 * Turns hosts-file renders into hook triggers: the hooks component's input. {@code on-success}
 * runs when a render wrote the file, for the first render after startup, and for the first success
 * after a failure (so a hook can clear what an {@code on-failure} hook raised); a render that found
 * the file already up to date runs nothing. {@code on-failure} runs for every failed render. Renders
 * arrive on the renderer's single thread; the application wires the hosts component's render event
 * to {@link #rendered}, so neither component imports the other.
 */
public final class HostsFileHookTrigger {

	/** What one render of the hosts file did. */
	public enum Render {

		/** The file now has new content. */
		WRITTEN,
		/** The file already had exactly this content. */
		UNCHANGED,
		/** The file could not be rendered or written. */
		FAILED

	}

	private final HookRunner runner;

	private volatile Render previous;

	HostsFileHookTrigger(HookRunner runner) {
		this.runner = runner;
	}

	/** One render happened: runs the hooks it calls for, if any. */
	public void rendered(Render render, long entryCount, String error) {
		Render before = this.previous;
		this.previous = render;
		boolean run = switch (render) {
			case WRITTEN, FAILED -> true;
			case UNCHANGED -> before == null || before == Render.FAILED;
		};
		if (run) {
			HookType type = (render != Render.FAILED) ? HookType.ON_SUCCESS : HookType.ON_FAILURE;
			this.runner.trigger(new HookTrigger(type, entryCount, error));
		}
	}

}
