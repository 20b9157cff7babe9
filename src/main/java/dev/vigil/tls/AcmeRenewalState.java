package dev.vigil.tls;

import java.time.Instant;

/**
 * What the ACME side last did, as health reports it.
 *
 * @param renewing whether an order is running now
 * @param lastAttempt when the last order was tried; null before the first
 * @param lastError why the last order failed; empty after a success
 * @param consecutiveFailures orders failed in a row
 */
record AcmeRenewalState(boolean renewing, Instant lastAttempt, String lastError, int consecutiveFailures) {

	static final AcmeRenewalState NONE = new AcmeRenewalState(false, null, "", 0);

}
