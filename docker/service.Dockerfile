# One image recipe for the four services and the console (SERVICE: the module's directory); build after
# `./mvnw package -DskipTests`.
# docker build -f docker/service.Dockerfile --build-arg SERVICE=household-service .
# The JVM the services run on locally too (tools/service-java). The jars are Quarkus' aot-jar packaging; the image carries
# no AOT cache (one is recorded by a run against the district's database and Kafka: deploy/README.md, "Start time").
FROM eclipse-temurin:25-jre
ARG SERVICE
ENV LANG=C.UTF-8 TZ=Asia/Shanghai \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
WORKDIR /deployments
COPY ${SERVICE}/target/quarkus-app/lib/ lib/
COPY ${SERVICE}/target/quarkus-app/*.jar ./
COPY ${SERVICE}/target/quarkus-app/app/ app/
COPY ${SERVICE}/target/quarkus-app/quarkus/ quarkus/
USER 185
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
