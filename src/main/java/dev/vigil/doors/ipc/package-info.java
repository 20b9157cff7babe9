/**
 * The IPC door: the inference runtime's length-prefixed JSON protocol on a Unix socket (health,
 * models, metrics, handshake), served by one non-blocking thread. Imports the engine, the public
 * types of {@code models}, {@code lifecycle} and {@code security}, and {@code support}.
 */
package dev.vigil.doors.ipc;
