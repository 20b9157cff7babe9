package dev.vigil.hosts;

/**
 * Published after each attempt to render the hosts file: at startup and after committed changes
 * made on any replica (bursts coalesce into one attempt). Listeners run on the renderer's thread and must not block.
 *
 * @param result whether the file was written, already had these bytes, or could not be written
 * @param entryCount entries in the registry when it was rendered (0 when they could not be read)
 * @param changeId the newest change id read before the entries (they reflect at least it); empty
 * when the render failed
 * @param error why it failed, single line; empty otherwise
 */
public record HostsFileRenderedEvent(Result result, long entryCount, String changeId, String error) {

	/** The outcome of one render. */
	public enum Result {

		/** The file now has the new content. */
		WRITTEN,
		/** The file already had exactly this content and was left alone. */
		UNCHANGED,
		/** The file could not be rendered or written; the previous file is intact. */
		FAILED;

		/** Whether the file on disk matches the registry. */
		public boolean succeeded() {
			return this != FAILED;
		}

	}

}
