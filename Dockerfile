# The image of one CrampWatch service or the clinic dashboard: the Quarkus application the Maven build
# made (MODULE/target/quarkus-app) on a JRE 17, started by bin/run-service as an unprivileged user (185).
# Nothing is compiled here: build the module first, then the image, from the repository root:
#   ./mvnw -B -ntp package -pl episode-service -am -DskipTests
#   docker build --build-arg MODULE=episode-service --build-arg PORT=8081 -t crampwatch/episode-service:local .
# docker-compose.yml builds all four images from this file (MODULE and PORT per service); bin/compose-check
# packages whatever module is missing or older than its sources first. .dockerignore sends only the
# modules' target/quarkus-app folders, bin/run-service and config/jvm.options.
#
# Build arguments:
#   MODULE         the Maven module (episode-service, advice-service, notification-service, clinic-dashboard)
#   PORT           its HTTP port (the default of PORT in the container, EXPOSE and the healthcheck)
#   RUNTIME_IMAGE  a JRE 17 image (official default; a private registry's mirror, or bin/containers'
#                  local stand-in where no registry is reachable)
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre
FROM ${RUNTIME_IMAGE}
# The healthcheck uses curl: the official image has it; a substitute without it gets it from apt-get.
RUN command -v curl >/dev/null 2>&1 \
    || { apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*; }
WORKDIR /app
# The service may write its class-data archive (bin/run-service) beside the jar on its first stop.
RUN chown 185 /app
COPY --chown=185 config/jvm.options bin/run-service ./
USER 185
ENV CRAMPWATCH_JVM_OPTIONS_FILE=/app/jvm.options MALLOC_ARENA_MAX=2 JAVA_OPTS=""
HEALTHCHECK --interval=5s --timeout=3s --start-period=30s --retries=20 \
  CMD curl -fs "http://localhost:${PORT}/q/health/ready" || exit 1
ENTRYPOINT ["/app/run-service", "/app"]
# Everything above is the same for every module (one set of cached layers); the module's own parts below,
# its libraries first (they change less often than its code). Without MODULE the first COPY fails naming it.
ARG MODULE=MODULE-build-argument-missing
ARG PORT=8080
ENV PORT=${PORT}
EXPOSE ${PORT}
COPY --chown=185 ${MODULE}/target/quarkus-app/lib/ ./lib/
COPY --chown=185 ${MODULE}/target/quarkus-app/*.jar ./
COPY --chown=185 ${MODULE}/target/quarkus-app/app/ ./app/
COPY --chown=185 ${MODULE}/target/quarkus-app/quarkus/ ./quarkus/
