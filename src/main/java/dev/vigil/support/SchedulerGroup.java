package dev.vigil.support;

/**
 * Which of Vigil's two task schedulers a piece of repeated work runs on; both are Spring
 * {@code ThreadPoolTaskScheduler}s, made by {@link SchedulingConfiguration}.
 */
public enum SchedulerGroup {

	/** Spring Boot's {@code taskScheduler}, shared by the components' periodic work. */
	SHARED,

	/**
	 * The health engine's own, for the checks' timers and what feeds them: they never wait behind a
	 * component's slow work on the shared one.
	 */
	ISOLATED;

	/** The bean name of the {@link #ISOLATED} scheduler, for injecting it. */
	public static final String ISOLATED_BEAN = "vigilIsolatedTaskScheduler";

	/** The bean name Spring's scheduling routes this group's tasks to. */
	String beanName() {
		return (this == SHARED) ? "taskScheduler" : ISOLATED_BEAN;
	}

}
