# One image recipe for all four services: docker compose passes SERVICE as a build argument.
# Stage 1 builds the service's executable jar; stage 2 runs it from Spring Boot's extracted layers.
ARG SERVICE=catalogue-service

FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /src
COPY pom.xml ./
COPY contracts contracts
COPY catalogue-service catalogue-service
COPY survey-service survey-service
COPY analytics-service analytics-service
COPY export-service export-service
COPY embedded-platform/pom.xml embedded-platform/pom.xml
COPY bench/pom.xml bench/pom.xml
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl ${SERVICE} -am package \
 && java -Djarmode=tools -jar ${SERVICE}/target/${SERVICE}.jar extract --layers --launcher --destination /app

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 pmo
WORKDIR /app
COPY --from=build /app/dependencies/ ./
COPY --from=build /app/spring-boot-loader/ ./
COPY --from=build /app/snapshot-dependencies/ ./
COPY --from=build /app/application/ ./
USER pmo
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
