package dev.vigil.hooks;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class HooksPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void defaultsNeedNoConfiguration() {
		this.runner.run((context) -> {
			HooksProperties properties = context.getBean(HooksProperties.class);
			assertThat(properties.defaultTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.outputLimit()).isEqualTo(DataSize.ofKilobytes(64));
			assertThat(properties.onSuccess()).isEmpty();
			assertThat(properties.onFailure()).isEmpty();
		});
	}

	@Test
	void aHookWithoutTimeoutTakesTheDefault() {
		this.runner
			.withPropertyValues("vigil.hooks.default-timeout=5s", "vigil.hooks.on-success[0].name=reload-dnsmasq",
					"vigil.hooks.on-success[0].command=true", "vigil.hooks.on-success[1].name=notify",
					"vigil.hooks.on-success[1].command=true", "vigil.hooks.on-success[1].timeout=500ms")
			.run((context) -> {
				HooksProperties properties = context.getBean(HooksProperties.class);
				assertThat(properties.onSuccess()).extracting(HooksProperties.Hook::name)
					.containsExactly("reload-dnsmasq", "notify");
				assertThat(properties.timeoutOf(properties.onSuccess().get(0))).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.timeoutOf(properties.onSuccess().get(1))).isEqualTo(Duration.ofMillis(500));
			});
	}

	@Test
	void aNameThatIsNotKebabCaseStopsStartupNamingTheEntry() {
		assertRefused("must be kebab-case", "onFailure[0].name", "vigil.hooks.on-failure[0].name=Page_Oncall",
				"vigil.hooks.on-failure[0].command=true");
	}

	@Test
	void aNameLongerThanFiftyCharactersIsRefused() {
		assertRefused("size must be between 0 and 50", "onSuccess[0].name",
				"vigil.hooks.on-success[0].name=" + "a".repeat(51), "vigil.hooks.on-success[0].command=true");
	}

	@Test
	void aNameUsedTwiceInOneListIsRefused() {
		assertRefused("hook name 'reload' is used more than once in this list", "onSuccess",
				"vigil.hooks.on-success[0].name=reload", "vigil.hooks.on-success[0].command=true",
				"vigil.hooks.on-success[1].name=reload", "vigil.hooks.on-success[1].command=false");
	}

	@Test
	void theSameNameInBothListsIsAllowed() {
		this.runner
			.withPropertyValues("vigil.hooks.on-success[0].name=notify", "vigil.hooks.on-success[0].command=true",
					"vigil.hooks.on-failure[0].name=notify", "vigil.hooks.on-failure[0].command=true")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aBlankCommandIsRefused() {
		assertRefused("must not be blank", "onSuccess[0].command", "vigil.hooks.on-success[0].name=reload",
				"vigil.hooks.on-success[0].command= ");
	}

	@Test
	void aZeroTimeoutIsRefused() {
		assertRefused("must be longer than or equal to", "onSuccess[0].timeout",
				"vigil.hooks.on-success[0].name=reload", "vigil.hooks.on-success[0].command=true",
				"vigil.hooks.on-success[0].timeout=0s");
	}

	@Test
	void theCommandNeverAppearsInAnError() {
		this.runner
			.withPropertyValues("vigil.hooks.on-success[0].name=reload", "vigil.hooks.on-success[0].command=curl -u admin:Hook-Secret-7",
					"vigil.hooks.on-success[1].name=reload", "vigil.hooks.on-success[1].command=true")
			.run((context) -> assertThat(context.getStartupFailure()).hasStackTraceContaining("reload")
				.satisfies((failure) -> assertThat(stackTraceOf(failure)).doesNotContain("Hook-Secret-7")));
	}

	/** The failure names the entry (as the binder's field path) and the rule it breaks. */
	private void assertRefused(String rule, String field, String... values) {
		this.runner.withPropertyValues(values).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("on field '" + field + "'")
				.hasStackTraceContaining(rule);
		});
	}

	private static String stackTraceOf(Throwable failure) {
		StringWriter text = new StringWriter();
		failure.printStackTrace(new PrintWriter(text));
		return text.toString();
	}

	@EnableConfigurationProperties(HooksProperties.class)
	static class PropertiesOnly {

	}

}
