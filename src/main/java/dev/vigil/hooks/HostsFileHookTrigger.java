package dev.vigil.hooks;

import dev.vigil.hosts.HostsFileRenderedEvent;

import org.springframework.context.event.EventListener;

/**
 * Turns hosts-file renders into hook triggers. {@code on-success} runs when a render wrote the
 * file, for the first render after startup, and for the first success after a failure (so a hook
 * can clear what an {@code on-failure} hook raised); a render that found the file already up to
 * date runs nothing. {@code on-failure} runs for every failed render. Renders arrive on the
 * renderer's single thread.
 */
class HostsFileHookTrigger {

	private final HookRunner runner;

	private volatile HostsFileRenderedEvent.Result previous;

	HostsFileHookTrigger(HookRunner runner) {
		this.runner = runner;
	}

	@EventListener
	void onRender(HostsFileRenderedEvent event) {
		HostsFileRenderedEvent.Result before = this.previous;
		this.previous = event.result();
		boolean run = switch (event.result()) {
			case WRITTEN, FAILED -> true;
			case UNCHANGED -> before == null || before == HostsFileRenderedEvent.Result.FAILED;
		};
		if (run) {
			HookType type = event.result().succeeded() ? HookType.ON_SUCCESS : HookType.ON_FAILURE;
			this.runner.trigger(new HookTrigger(type, event.entryCount(), event.error()));
		}
	}

}
