package dev.vigil;

import dev.vigil.hooks.HostsFileHookTrigger;
import dev.vigil.hosts.HostsFileRenderedEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one place where two components meet: each render the hosts component publishes becomes the
 * hooks component's trigger. Components import neither each other nor this.
 */
@Component
class HooksOnHostsFile {

	private final HostsFileHookTrigger hooks;

	HooksOnHostsFile(HostsFileHookTrigger hooks) {
		this.hooks = hooks;
	}

	@EventListener
	void onRender(HostsFileRenderedEvent event) {
		HostsFileHookTrigger.Render render = switch (event.result()) {
			case WRITTEN -> HostsFileHookTrigger.Render.WRITTEN;
			case UNCHANGED -> HostsFileHookTrigger.Render.UNCHANGED;
			case FAILED -> HostsFileHookTrigger.Render.FAILED;
		};
		this.hooks.rendered(render, event.entryCount(), event.error());
	}

}
