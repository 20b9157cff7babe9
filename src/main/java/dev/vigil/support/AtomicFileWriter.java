package dev.vigil.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * Replaces a file so that readers see the old bytes or the new, never a mix, and the new bytes
 * survive a crash: temporary file in the same directory, fsync, rename, then fsync the directory.
 */
public final class AtomicFileWriter {

	private AtomicFileWriter() {
	}

	/** The mode of a file anyone may read: what the command line writes (exports, renders, status). */
	private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

	/** As {@link #write(Path, byte[], Set)}, with mode {@code rw-r--r--}. */
	public static boolean write(Path target, byte[] content) throws IOException {
		return write(target, content, READABLE);
	}

	/** Writes {@code content} unless the file already holds exactly it; true when it wrote. */
	public static boolean write(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
		if (Files.isRegularFile(target) && Files.size(target) == content.length
				&& Arrays.equals(Files.readAllBytes(target), content)) {
			return false;
		}
		Path directory = target.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		Path temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
				Files.setPosixFilePermissions(temporary, mode);
			}
			try {
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				throw new IOException("cannot replace " + target + " atomically", ex);
			}
			syncDirectory(directory);
			return true;
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** Makes the rename durable; some platforms cannot open a directory, and there it is skipped. */
	private static void syncDirectory(Path directory) {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Not supported on this platform; the rename itself is still atomic.
		}
	}

}
