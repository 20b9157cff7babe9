package dev.vigil.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.support.OneLine;


/**
 * Serves a static certificate anew when its PEM files change on disk (a renewal by cert-manager
 * or a cron job, say), without a restart. Files that do not parse are logged and the current
 * certificate stays.
 */
class CertificateFileWatcher implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(CertificateFileWatcher.class);

	private final Path certificate;

	private final Path privateKey;

	private final ServedCertificate served;

	private List<FileTime> seen;

	CertificateFileWatcher(Path certificate, Path privateKey, ServedCertificate served) {
		this.certificate = certificate;
		this.privateKey = privateKey;
		this.served = served;
		this.seen = modified();
	}

	/** One look at the files: a new pair is read and served. */
	@Override
	public void run() {
		List<FileTime> now = modified();
		if (now.equals(this.seen)) {
			return;
		}
		try {
			this.served.replace(CertificateBundle.read(this.certificate, this.privateKey));
			this.seen = now;
		}
		catch (RuntimeException ex) {
			// Half-written files are common mid-rotation: the next check reads them again.
			logger.warn("tls.certificate.reload result=FAILED error=\"{}\"", OneLine.of(ex.getMessage()));
		}
	}

	private List<FileTime> modified() {
		try {
			return List.of(Files.getLastModifiedTime(this.certificate), Files.getLastModifiedTime(this.privateKey));
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
