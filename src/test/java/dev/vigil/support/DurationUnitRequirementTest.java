package dev.vigil.support;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DurationUnitRequirementTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(ConfigurationBindingConfiguration.class, Sample.class);

	@Test
	void durationsWithUnitsBind() {
		this.runner
			.withPropertyValues("vigil.sample.timeout=500ms", "vigil.sample.steps[0].timeout=PT2S",
					"other.sample.timeout=30")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SampleProperties sample = context.getBean(SampleProperties.class);
				assertThat(sample.timeout()).isEqualTo(Duration.ofMillis(500));
				assertThat(sample.steps().get(0).timeout()).isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Test
	void aBareNumberIsRefusedNamingTheProperty() {
		this.runner.withPropertyValues("vigil.sample.timeout=30").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("a duration needs a unit, such as 500ms, 30s or 5m");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("vigil.sample.timeout");
		});
	}

	@Test
	void aBareNumberInsideAListIsRefusedToo() {
		this.runner.withPropertyValues("vigil.sample.steps[0].timeout=250").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("vigil.sample.steps[0].timeout")
				.hasStackTraceContaining("a bare number is refused");
		});
	}

	@EnableConfigurationProperties(SampleProperties.class)
	static class Sample {

	}

	@ConfigurationProperties("vigil.sample")
	record SampleProperties(Duration timeout, List<Step> steps) {

		record Step(Duration timeout) {
		}

	}

}
