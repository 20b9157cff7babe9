package dev.vigil.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.support.DaemonThreads;
import dev.vigil.support.OneLine;

import org.springframework.context.SmartLifecycle;

/**
 * Serves a static certificate anew when its PEM files change on disk (a renewal by cert-manager
 * or a cron job, say), without a restart. Files that do not parse are logged and the current
 * certificate stays.
 */
class CertificateFileWatcher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(CertificateFileWatcher.class);

	private final Path certificate;

	private final Path privateKey;

	private final Duration interval;

	private final ServedCertificate served;

	private List<FileTime> seen;

	private ScheduledExecutorService timer;

	CertificateFileWatcher(Path certificate, Path privateKey, Duration interval, ServedCertificate served) {
		this.certificate = certificate;
		this.privateKey = privateKey;
		this.interval = interval;
		this.served = served;
		this.seen = modified();
	}

	@Override
	public synchronized void start() {
		if (this.timer != null) {
			return;
		}
		this.timer = DaemonThreads.scheduler("vigil-tls-files-");
		this.timer.scheduleWithFixedDelay(this::check, this.interval.toNanos(), this.interval.toNanos(),
				TimeUnit.NANOSECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.timer != null) {
			this.timer.shutdownNow();
			this.timer = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.timer != null;
	}

	private void check() {
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
