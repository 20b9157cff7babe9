package bench.stock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Plain Spring Boot with Actuator, as most services run it: the readiness group includes Boot's
 * datasource indicator, which queries the database on the probe's thread on every probe.
 */
@SpringBootApplication
public class StockActuatorApplication {

	/** Spring Security is on the classpath; a stock service leaves its probes open. */
	@Bean
	SecurityFilterChain openProbes(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
	}

}
