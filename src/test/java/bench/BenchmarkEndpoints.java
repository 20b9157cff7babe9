package bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the harness adds to each application it measures: a trivial endpoint as the baseline, and
 * a count of connections borrowed from the datasource (every health check borrows one). It lives
 * outside {@code dev.vigil} so that Vigil's component scan, in tests too, never picks it up.
 */
@Configuration(proxyBeanMethods = false)
public class BenchmarkEndpoints {

	@Bean
	static BorrowCounter borrowCounter() {
		return new BorrowCounter();
	}

	/** The baseline: the same web stack with nothing behind it (registered as a member of this configuration). */
	@RestController
	static class PingController {

		@GetMapping("/bench/ping")
		String ping() {
			return "{\"status\":\"UP\"}";
		}

	}

	/** Wraps the datasource to count borrowed connections. */
	public static class BorrowCounter implements BeanPostProcessor {

		private final LongAdder borrows = new LongAdder();

		public long borrows() {
			return this.borrows.sum();
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource)) {
				return new DelegatingDataSource(dataSource) {
					@Override
					public Connection getConnection() throws SQLException {
						BorrowCounter.this.borrows.increment();
						return super.getConnection();
					}
				};
			}
			return bean;
		}

	}

}
