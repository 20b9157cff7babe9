package dev.vigil.tls;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.support.BackgroundWorker;
import dev.vigil.support.Backoff;
import dev.vigil.support.LifecyclePhases;
import dev.vigil.support.SchedulerGroup;
import dev.vigil.support.OneLine;
import dev.vigil.support.SecretRedactor;

import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;

/**
 * Keeps the served certificate obtained and renewed. Every check first serves what the database
 * holds (another replica may have renewed), then orders a new certificate when none exists or the
 * renewal window has begun, under a database lease so that one replica orders at a time. A failed
 * order keeps the current certificate and is retried after 30 s, 1 min, 2 min... up to the check
 * interval, and never before a rate-limited CA's Retry-After.
 */
class AcmeCertificateManager extends BackgroundWorker {

	private static final Logger logger = LoggerFactory.getLogger(AcmeCertificateManager.class);

	/** How long a stop waits for an interrupted order to end. */
	private static final Duration STOP_WAIT = Duration.ofSeconds(1);

	private static final Duration FIRST_RETRY = Duration.ofSeconds(30);

	/** How soon a replica that found another one ordering looks for the stored result. */
	private static final Duration WAIT_FOR_OTHER = Duration.ofSeconds(2);

	private final AcmeProperties properties;

	private final AcmeStore store;

	private final AcmeClient client;

	private final ServedCertificate served;

	private final SecretRedactor redactor;

	private final MeterRegistry meters;

	/** Each order as a span ({@code acme order}), a renewal's or one asked for. */
	private final ObservationRegistry observations;

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	private final Clock clock;

	private final String holder = UUID.randomUUID().toString();

	private volatile AcmeRenewalState state = AcmeRenewalState.NONE;

	/** When a rate-limited CA said to come back; null otherwise. */
	private volatile Instant retryNotBefore;

	/** How the last check ended, which decides when the next one runs. */
	private volatile Outcome lastOutcome = Outcome.DONE;

	/** Orders one at a time, whether a check or a call asked: both may run at once. */
	private final Object ordering = new Object();

	/** Runs the orders asked for now ({@link #renewNow()}); the checks run on the shared scheduler. */
	private ExecutorService worker;

	AcmeCertificateManager(AcmeProperties properties, AcmeStore store, AcmeClient client, ServedCertificate served,
			SecretRedactor redactor, MeterRegistry meters, ObservationRegistry observations, Clock clock) {
		super("acme", LifecyclePhases.ACME);
		this.properties = properties;
		this.store = store;
		this.client = client;
		this.served = served;
		this.redactor = redactor;
		this.meters = meters;
		this.observations = observations;
		this.clock = clock;
		for (String result : new String[] { "success", "failure" }) {
			renewals(result);
		}
	}

	/** Runs {@code listener} whenever an order starts, succeeds or fails. */
	void onChange(Runnable listener) {
		this.listeners.add(listener);
	}

	AcmeRenewalState state() {
		return this.state;
	}

	/** Whether the certificate should be renewed now: none yet, or inside the renewal window. */
	boolean renewalDue(CertificateBundle bundle, Instant now) {
		Duration lifetime = Duration.between(bundle.notBefore(), bundle.notAfter());
		Duration before = (this.properties.renewBefore() != null) ? this.properties.renewBefore() : lifetime.dividedBy(3);
		return !now.isBefore(bundle.notAfter().minus(before));
	}

	/** Orders a certificate now, inside the window or not; completes when the attempt has ended. */
	CompletableFuture<Void> renewNow() {
		return CompletableFuture.runAsync(() -> renew(true), this.worker);
	}

	/** Checks at once, then on its schedule; a stop interrupts an order under way. */
	@Override
	protected void onStart() {
		this.worker = singleThread("vigil-acme-", Ending.interrupt(STOP_WAIT));
		onTrigger(SchedulerGroup.SHARED, "vigil-acme-check", this::check, new NextCheck());
	}

	private void check() {
		Outcome outcome = Outcome.DONE;
		try {
			serveStored();
			CertificateBundle current = this.served.current().orElse(null);
			if (current == null || renewalDue(current, this.clock.instant())) {
				outcome = renew(false);
			}
		}
		catch (RuntimeException ex) {
			// The database may be away; the certificate being served stays.
			logger.warn("acme.check result=FAILED error=\"{}\"", this.redactor.redact(OneLine.of(ex)));
			outcome = Outcome.FAILED;
		}
		this.lastOutcome = outcome;
	}

	/** Serves the certificate the database holds, if it is not the one being served. */
	private void serveStored() {
		this.store.certificate().ifPresent((stored) -> {
			boolean same = this.served.current()
				.map((current) -> current.leaf().equals(stored.leaf()))
				.orElse(false);
			if (!same) {
				this.served.replace(stored);
			}
		});
	}

	/** One order, under the lease. */
	private Outcome renew(boolean forced) {
		synchronized (this.ordering) {
			return renewInTurn(forced);
		}
	}

	private Outcome renewInTurn(boolean forced) {
		Instant now = this.clock.instant();
		if (!this.store.tryLock(this.holder, now, now.plus(this.properties.orderTimeout().multipliedBy(3)))) {
			logger.info("acme.renew result=SKIPPED reason=\"another replica holds the lease\"");
			return Outcome.WAITING;
		}
		try {
			serveStored();
			CertificateBundle current = this.served.current().orElse(null);
			if (!forced && current != null && !renewalDue(current, now)) {
				return Outcome.DONE;
			}
			this.state = new AcmeRenewalState(true, now, this.state.lastError(), this.state.consecutiveFailures());
			this.listeners.forEach(Runnable::run);
			KeyPair accountKey = this.store.accountKey(AcmeClient.newKeyPair(), now);
			CertificateBundle issued = Observation.createNotStarted("vigil.acme.order", this.observations)
				.contextualName("acme order")
				.lowCardinalityKeyValue("forced", Boolean.toString(forced))
				.observeChecked(() -> this.client.order(accountKey, new StoredChallenges()));
			this.store.saveCertificate(issued, this.clock.instant());
			this.served.replace(issued);
			this.state = new AcmeRenewalState(false, now, "", 0);
			renewals("success").increment();
			logger.info("acme.renew result=ISSUED domains={} notAfter={}", issued.domains(), issued.notAfter());
			return Outcome.DONE;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			String error = this.redactor.redact(OneLine.of(ex));
			this.state = new AcmeRenewalState(false, now, error, this.state.consecutiveFailures() + 1);
			this.retryNotBefore = (ex instanceof AcmeRateLimitedException limited) ? limited.getRetryAfter().orElse(null)
					: null;
			renewals("failure").increment();
			logger.warn("acme.renew result=FAILED consecutiveFailures={} error=\"{}\"", this.state.consecutiveFailures(),
					error);
			return Outcome.FAILED;
		}
		finally {
			this.store.unlock(this.holder);
			this.listeners.forEach(Runnable::run);
		}
	}

	/** At once, then as the last check's outcome says: sooner after a failure, never later than the interval. */
	private final class NextCheck implements Trigger {

		@Override
		public Instant nextExecution(TriggerContext context) {
			Instant lastEnd = context.lastCompletion();
			return (lastEnd != null) ? lastEnd.plus(delayAfter(AcmeCertificateManager.this.lastOutcome))
					: context.getClock().instant();
		}

		@Override
		public String toString() {
			return "every " + AcmeCertificateManager.this.properties.checkInterval() + ", sooner after a failure";
		}

	}

	private Duration delayAfter(Outcome outcome) {
		Duration delay = switch (outcome) {
			case DONE -> this.properties.checkInterval();
			case WAITING -> WAIT_FOR_OTHER;
			case FAILED -> new Backoff(FIRST_RETRY, this.properties.checkInterval()).after(this.state.consecutiveFailures());
		};
		Instant notBefore = this.retryNotBefore;
		if (outcome == Outcome.FAILED && notBefore != null) {
			Duration untilAllowed = Duration.between(this.clock.instant(), notBefore);
			delay = (untilAllowed.compareTo(delay) > 0) ? untilAllowed : delay;
		}
		return (delay.compareTo(this.properties.checkInterval()) > 0) ? this.properties.checkInterval() : delay;
	}

	/** How a check ended, which decides when the next one runs. */
	private enum Outcome {

		DONE, WAITING, FAILED

	}

	/** The failure and what caused it: acme4j's own messages ("Network error") say little alone. */

	private Counter renewals(String result) {
		return Counter.builder("vigil.acme.renewals")
			.description("ACME orders by result")
			.tag("result", result.toLowerCase(Locale.ROOT))
			.register(this.meters);
	}

	/** Challenge answers in the database, valid for as long as an order may take. */
	private final class StoredChallenges implements AcmeClient.ChallengeBoard {

		@Override
		public void publish(String token, String authorization) {
			AcmeCertificateManager.this.store.putChallenge(token, authorization,
					AcmeCertificateManager.this.clock.instant().plus(AcmeCertificateManager.this.properties.orderTimeout()));
		}

		@Override
		public void withdraw(String token) {
			AcmeCertificateManager.this.store.removeChallenge(token);
		}

	}

}
