package dev.vigil.doors.ipc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates the socket file with mode 0660 and no window in which it has another mode: the socket is
 * bound inside a fresh 0700 directory, given its mode, then renamed into place. A socket file left
 * by a process that died is replaced; one that still answers, or a path that is not a socket, stops
 * startup.
 */
final class SocketFile {

	private static final int SOCKET_TYPE = 0140000;

	private static final int TYPE_MASK = 0170000;

	private SocketFile() {
	}

	static ServerSocketChannel bind(Path path) throws IOException {
		Path parent = (path.getParent() != null) ? path.getParent() : Path.of("");
		Files.createDirectories(parent);
		replaceStale(path);
		Path staging = Files.createTempDirectory(parent, ".vigil-ipc-",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		Path staged = staging.resolve("s");
		ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			server.bind(UnixDomainSocketAddress.of(staged));
			Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-rw----"));
			Files.move(staged, path, StandardCopyOption.ATOMIC_MOVE);
			return server;
		}
		catch (IOException | RuntimeException ex) {
			server.close();
			throw ex;
		}
		finally {
			Files.deleteIfExists(staged);
			Files.deleteIfExists(staging);
		}
	}

	/** Removes the socket file, if it is still a socket. */
	static void remove(Path path) throws IOException {
		if (isSocket(path)) {
			Files.deleteIfExists(path);
		}
	}

	private static void replaceStale(Path path) throws IOException {
		if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		if (!isSocket(path)) {
			throw new IOException(path + " exists and is not a socket; refusing to replace it");
		}
		if (answers(path)) {
			throw new IOException("another process is serving " + path);
		}
		// Nobody listens: a socket left behind by a process that did not stop cleanly.
		Files.delete(path);
	}

	private static boolean answers(Path path) {
		try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean isSocket(Path path) throws IOException {
		if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
			return false;
		}
		int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
		return (mode & TYPE_MASK) == SOCKET_TYPE;
	}

}
