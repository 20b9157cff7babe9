# Vigil's image: built with the Maven wrapper, run from Spring Boot's extracted layers as a
# non-root user. ImageIT builds it with podman and runs it as the Helm chart does.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# Dependencies change less often than sources: this layer is reused across source edits.
# Not dependency:go-offline, which ignores the pom's exclusions (MDEP-844).
RUN ./mvnw -B -ntp -q dependency:resolve dependency:resolve-plugins
COPY src/ src/
RUN ./mvnw -B -ntp -q -DskipTests package && cp target/vigil-*.jar /vigil.jar

FROM eclipse-temurin:17-jdk AS layers
WORKDIR /layers
COPY --from=build /vigil.jar vigil.jar
COPY src/main/launcher/strip-natives ./
# Spring Boot's layers, each a directory copied below; the dependency jars that carry every
# platform's native libraries keep only this machine's (about 45 MB less).
RUN java -Djarmode=tools -jar vigil.jar extract --layers --destination extracted \
    && sh strip-natives extracted/dependencies/lib

# The runtime is Java 25 (the code is compiled for 17): its ahead-of-time cache (below) starts
# Vigil in about 0.6x of Java 17's time with a class-data archive, measured in docs/benchmarks.md.
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 vigil \
    && useradd --system --uid 10001 --gid vigil --home-dir /app --shell /usr/sbin/nologin vigil \
    && mkdir -p /data && chown vigil:vigil /data
WORKDIR /app
# Least often changed first, so a rebuild after a code change ships only the last layers:
# the released libraries (lib/, about 70 MB), Spring Boot's loader and the snapshot libraries
# (empty here), then the application (vigil.jar, about 1.3 MB). docs/deployment.md lists the sizes.
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
# The two start-up caches, from one training run (src/main/launcher/train): the server runs here
# with its ports open on loopback, is probed over HTTP and serves one of each command-line command,
# and at its exit the JVM writes the classes it loaded and linked, the objects of their static
# state and the method profiles into vigil.aot (JEP 483, 514 and 515), the server's ahead-of-time
# cache; the commands' classes go into client.jsa, the class-data archive the /app/vigil launcher
# starts with. A start from the cache skips most class loading, linking and profiling. Both are
# valid only for the exact class path and JVM they were made with, so they are made here, on the
# files they will be used with. The training server runs with C1 alone: its cache then holds no
# profiles that set C2 compiling during the start (to ready 2.0 s against 2.6 s with a cache
# trained with C2 on). Its temporary files go to training/ and leave with it.
COPY src/main/launcher/vigil src/main/launcher/train ./
RUN sh train -Dspring.aot.enabled=true --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 \
    -XX:+UseSerialGC -Xms32m -XX:NewSize=12m && rm train
ENV SPRING_DATASOURCE_URL=jdbc:sqlite:/data/vigil.db \
    VIGIL_HOSTS_FILE_PATH=/data/hosts \
    VIGIL_MODELS_DIRECTORY=/data/models
VOLUME /data
EXPOSE 8080 9090
USER 10001:10001
# No HEALTHCHECK: the image has no curl, and Kubernetes probes /livez and /readyz itself. For a
# check inside the container: /app/vigil probe readiness --target localhost:9090
# JVM options, each measured by the startup benchmark (docs/benchmarks.md):
#   -Dspring.aot.enabled=true    the bean definitions Spring AOT generated at build time for the
#                                packaged defaults, instead of parsing configuration classes and
#                                evaluating their conditions at each start (0.7x the time to
#                                ready). A start whose settings change what a condition decides
#                                takes the regular path by itself and logs aot.mode off with the
#                                settings' names (docs/decisions/0009)
#   --enable-native-access=ALL-UNNAMED
#                                the SQLite driver and ONNX Runtime load native libraries; without
#                                it Java 25 warns of each on stderr, four lines outside the log.
#                                The training run above has it too: a JVM uses the cache only with
#                                the module options it was made with (DockerfileTest checks that
#                                the two lists agree)
#   -XX:AOTCache=vigil.aot       the training run's cache above: classes load already parsed,
#                                linked and profiled. C2 stays on: C1 alone would start 0.1 s
#                                sooner and serve /readyz at 0.4x the rate (the runtime benchmark)
#   -XX:+UseSerialGC             one collector without G1's regions and remembered sets; G1
#                                with the same starting heap idles some 70-80 MB larger
#   -Xms32m -XX:NewSize=12m      start from a small heap and a small young generation: startup
#                                garbage fills whatever young generation there is before the
#                                first collection, and its pages stay resident. Only its first
#                                size: capped at 12 MB (-Xmn12m) it cost gRPC Infer 0.8x its rate
#                                under load, for the same start and idle memory
#   -XX:MaxRAMPercentage=75.0    the heap may still grow to 75% of the container's memory limit
#   -XX:+ExitOnOutOfMemoryError  a broken heap restarts the pod instead of limping
ENTRYPOINT ["java", "-Dspring.aot.enabled=true", "--enable-native-access=ALL-UNNAMED", "-XX:AOTCache=vigil.aot", "-XX:+UseSerialGC", "-Xms32m", "-XX:NewSize=12m", "-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError", "-jar", "vigil.jar"]
