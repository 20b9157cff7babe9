package dev.vigil.lifecycle;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Shutdown settings ({@code vigil.lifecycle.*}).
 *
 * @param drainTimeout how long queued and running work may take to finish once shutdown starts;
 * keep it below the pod's termination grace period
 */
@Validated
@ConfigurationProperties("vigil.lifecycle")
public record LifecycleProperties(@NotNull @DurationMin(millis = 0) @DefaultValue("20s") Duration drainTimeout) {
}
