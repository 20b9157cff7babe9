package dev.vigil.tracing;

import brave.handler.MutableSpan;
import io.micrometer.core.instrument.MeterRegistry;
import zipkin2.reporter.BytesEncoder;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.brave.AsyncZipkinSpanHandler;
import zipkin2.reporter.metrics.micrometer.MicrometerReporterMetrics;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.tracing.autoconfigure.ConditionalOnEnabledTracingExport;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.zipkin.ZipkinWithBraveTracingAutoConfiguration;
import org.springframework.boot.zipkin.autoconfigure.ZipkinAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot's span reporter for Zipkin, with its counts in Micrometer: spans sent, and spans
 * dropped when the collector is away or the queue is full ({@code zipkin.reporter.spans.dropped}).
 * The reporter's queue is bounded (a share of the heap), so a collector that is gone costs spans,
 * never memory or a request's time. In place of Boot's own, which counts nothing, under the same
 * conditions; and Boot's sender made only when the reporter asks for it.
 */
@AutoConfiguration(after = ZipkinAutoConfiguration.class, before = ZipkinWithBraveTracingAutoConfiguration.class)
class ZipkinReporterAutoConfiguration {

	/**
	 * Boot makes its Zipkin sender, a JDK HTTP client with its TLS set-up, at every start, export
	 * on or not; only the reporter needs it, and only with export on. Made when first asked for, a
	 * start without a collector loads none of it (its cost: docs/benchmarks.md).
	 */
	@Bean
	static BeanFactoryPostProcessor zipkinSenderWhenNeeded() {
		return (beans) -> {
			for (String name : beans.getBeanNamesForType(BytesMessageSender.class, true, false)) {
				beans.getBeanDefinition(name).setLazyInit(true);
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(BytesMessageSender.class)
	@ConditionalOnEnabledTracingExport("zipkin")
	AsyncZipkinSpanHandler asyncZipkinSpanHandler(BytesMessageSender sender, BytesEncoder<MutableSpan> encoder,
			MeterRegistry meters) {
		return AsyncZipkinSpanHandler.newBuilder(sender).metrics(MicrometerReporterMetrics.create(meters)).build(encoder);
	}

}
