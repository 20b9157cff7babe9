package bench.stock;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Plain Spring Boot with Actuator, as most services run it: the readiness group includes Boot's
 * datasource indicator, which queries the database on the probe's thread on every probe.
 */
@SpringBootApplication
public class StockActuatorApplication {

}
