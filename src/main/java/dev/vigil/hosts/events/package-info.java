/**
 * What the hosts module tells the rest of the application: {@link
 * dev.vigil.hosts.events.HostsFileRenderedEvent}, published after every render of the hosts file.
 * A named interface of the module, open to other modules like the base package.
 */
@NamedInterface("events")
package dev.vigil.hosts.events;

import org.springframework.modulith.NamedInterface;
