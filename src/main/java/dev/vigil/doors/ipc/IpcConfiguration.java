package dev.vigil.doors.ipc;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import dev.vigil.health.HealthEvaluator;
import dev.vigil.lifecycle.ShutdownCoordinator;
import dev.vigil.models.InferenceApi;
import dev.vigil.models.ModelCatalog;
import dev.vigil.support.RunningServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The IPC door, served when {@code vigil.ipc.enabled} is true.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IpcProperties.class)
@Import(IpcConfiguration.SettingDependentBeans.class)
class IpcConfiguration {

	/**
	 * The beans that exist only with some settings, decided at each start, in Spring AOT mode too
	 * (decision 0009). The server, when {@code vigil.ipc.enabled} is true.
	 */
	static final class SettingDependentBeans implements BeanRegistrar {

		@Override
		public void register(BeanRegistry registry, Environment environment) {
			if (environment.getProperty("vigil.ipc.enabled", Boolean.class, false)) {
				registry.registerBean("ipcServer", IpcServer.class,
						(spec) -> spec.supplier((context) -> ipcServer(context.bean(IpcProperties.class),
								context.bean(HealthEvaluator.class), context.bean(RunningServer.class),
								context.bean(ModelCatalog.class), context.bean(InferenceApi.class),
								context.bean(MeterRegistry.class), context.beanProvider(PrometheusMeterRegistry.class),
								context.bean(ShutdownCoordinator.class), context.bean(JsonMapper.class),
								context.bean(ObservationRegistry.class))));
			}
		}

	}

	static IpcServer ipcServer(IpcProperties properties, HealthEvaluator evaluator, RunningServer server, ModelCatalog models,
			InferenceApi inference, MeterRegistry meters, ObjectProvider<PrometheusMeterRegistry> prometheus,
			ShutdownCoordinator lifecycle, JsonMapper json, ObservationRegistry observations) {
		IpcRequestHandler handler = new IpcRequestHandler(new IpcHealthAnswers(evaluator, server),
				new IpcHandshake(lifecycle, properties.token(), properties.maxFailedHandshakesPerSecond(), System::nanoTime),
				new IpcInferenceAnswers(inference, observations), () -> prometheusText(prometheus), models, meters, json,
				System::nanoTime);
		return new IpcServer(properties, handler, meters, System::nanoTime);
	}

	/** The registry {@code /actuator/prometheus} reads, in its text format. */
	private static String prometheusText(ObjectProvider<PrometheusMeterRegistry> prometheus) {
		PrometheusMeterRegistry registry = prometheus.getIfAvailable();
		if (registry == null) {
			throw new IpcError(503, "no Prometheus registry");
		}
		return registry.scrape();
	}

}
