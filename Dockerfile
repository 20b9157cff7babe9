# Vigil's image: built with the Maven wrapper, run from Spring Boot's extracted layers as a
# non-root user. The integration test DockerfileCommandsIT runs this file's extraction and start
# commands on the built jar, since no Docker engine runs where the project is built.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# Dependencies change less often than sources: this layer is reused across source edits.
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -ntp -q -DskipTests package && cp target/vigil-*.jar /vigil.jar

FROM eclipse-temurin:17-jdk AS layers
WORKDIR /layers
COPY --from=build /vigil.jar vigil.jar
RUN java -Djarmode=tools -jar vigil.jar extract --layers --destination extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 vigil \
    && useradd --system --uid 10001 --gid vigil --home-dir /app --shell /usr/sbin/nologin vigil \
    && mkdir -p /data && chown vigil:vigil /data
WORKDIR /app
# Least often changed first, so a rebuild after a code change ships only the last layer.
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
ENV SPRING_DATASOURCE_URL=jdbc:sqlite:/data/vigil.db \
    VIGIL_HOSTS_FILE_PATH=/data/hosts \
    VIGIL_MODELS_DIRECTORY=/data/models
VOLUME /data
EXPOSE 8080 9090
USER 10001:10001
# No HEALTHCHECK: the image has no curl, and Kubernetes probes /livez and /readyz itself. For a
# check inside the container: java -jar vigil.jar probe readiness --target localhost:9090
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError", "-jar", "vigil.jar"]
