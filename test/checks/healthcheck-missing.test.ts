// Table tests for healthcheck-missing.
import check from '../../checks/healthcheck-missing.js';
import { testCheck } from '../helpers/check-tester.js';
import { OWN_IMAGE_VALID, ownImageInvalid } from './own-image-cases.js';

const deployment = (kind: string, container: string, extra = '') =>
  `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n${container}${extra}`;
const web = '        - name: web\n          image: app:1\n          ports:\n            - containerPort: 8000\n';
const probed = `${web}          readinessProbe:\n            httpGet: { path: /health, port: 8000 }\n`;
const sidecar = '        - name: proxy\n          image: envoy:1\n';

testCheck(check, {
  valid: [
    ...OWN_IMAGE_VALID,
    {
      // hmcts/am-role-assignment-service 0ad78d6469f5: the service deploys with its chart; the root compose file builds the source for local runs.
      name: 'a root compose file that builds the image, in a repository that deploys with a Helm chart of its own',
      repository: { owner: 'hmcts', name: 'am-role-assignment-service' },
      before: { 'charts/am-role-assignment-service/Chart.yaml': 'apiVersion: v2\nname: am-role-assignment-service\nversion: 0.1.0\n', Dockerfile: 'FROM eclipse-temurin:21\nCOPY app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n' },
      after: { 'charts/am-role-assignment-service/Chart.yaml': 'apiVersion: v2\nname: am-role-assignment-service\nversion: 0.1.0\n', Dockerfile: 'FROM eclipse-temurin:21\nCOPY app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n', 'docker-compose.yml': 'services:\n  role-assignment-service:\n    build:\n      context: .\n    image: hmcts/role-assignment-service\n    ports:\n      - 4096:4096\n' },
    },
    // ephios 72075b06: the deployment compose file is rewritten in another folder; its django service ran the project's image, the new one builds it.
    {
      name: "a deleted deployment stack's service ran the repository's own image without a healthcheck; the new stack builds that image from the root Dockerfile",
      repository: { owner: 'ephios-dev', name: 'ephios' },
      before: { Dockerfile: 'FROM python:3.12\nCOPY . .\nEXPOSE 80\nCMD ["gunicorn", "ephios.wsgi"]\n', 'deployment/docker-compose/docker-compose.yml': 'services:\n  ephios_django:\n    image: ghcr.io/ephios-dev/ephios:latest\n    command: gunicorn\n  ephios_postgres:\n    image: postgres:14-alpine\n' },
      after: { Dockerfile: 'FROM python:3.12\nCOPY . .\nEXPOSE 80\nCMD ["gunicorn", "ephios.wsgi"]\n', 'deployment/docker/docker-compose.yaml': 'services:\n  ephios:\n    build: ../../\n    ports:\n      - 8000:80\n' },
    },
    {
      // elsa-core: stacks of infrastructure under `docker/` and `scripts/docker/` that nothing shows is deployed; a stack
      // a README starts only under a local heading is a local run.
      name: 'a stack below the root that nothing shows is run as a deployment',
      after: {
        'docker/docker-compose-kafka.yml': 'services:\n  broker:\n    image: confluentinc/cp-kafka:7.6.0\n    ports:\n      - "9092:9092"\n  schema-registry:\n    image: confluentinc/cp-schema-registry:7.6.0\n    ports:\n      - "8081:8081"\n',
        'scripts/docker/docker-compose-citus.yml': 'services:\n  coordinator:\n    image: citusdata/citus:12.1\n    ports:\n      - "5432:5432"\n',
        'backend/docker-compose.yml': 'services:\n  web:\n    image: acme/backend:1.0\n    ports:\n      - "8000:8000"\n',
        'backend/README.md': '# Backend\n\n## Local development\n\n    docker compose up\n',
      },
    },
    {
      // dittofeed ad277a4273a0: render.yaml runs render/temporal/server/Dockerfile as a private service, which Render probes itself.
      name: 'a new Dockerfile a Render Blueprint builds for a web or private service',
      after: {
        'render.yaml': 'services:\n  - type: pserv\n    name: temporal\n    env: docker\n    dockerfilePath: ./render/temporal/Dockerfile\n  - type: web\n    name: api\n    env: docker\n    dockerfilePath: api/Dockerfile\n',
        'render/temporal/Dockerfile': 'FROM temporalio/server:1.14.3\nCOPY config.yaml /etc/temporal/config.yaml\nEXPOSE 7233\nENTRYPOINT ["/etc/temporal/entrypoint.sh"]\n',
        'api/Dockerfile': 'FROM node:22-slim\nCOPY . /app\nEXPOSE 3000\nCMD ["node", "/app/server.js"]\n',
      },
    },
    {
      // dittofeed 0e15a219928a: `temporalio/ui:${TEMPORAL_UI_VERSION:-2.22.1}`, an off-the-shelf console nothing depends on.
      name: 'a compose service on an off-the-shelf console whose tag is a variable with a default',
      after: { 'docker-compose.yml': 'services:\n  temporal-ui:\n    image: temporalio/ui:${TEMPORAL_UI_VERSION:-2.22.1}\n    ports:\n      - 8080:8080\n' },
    },
    {
      // midday: apps/dashboard/railway.json builds apps/dashboard/Dockerfile and health-checks /api/health; Fly.io's checks likewise.
      name: 'a new Dockerfile a hosting platform file builds and health-checks (Railway healthcheckPath, Fly.io checks)',
      after: {
        'apps/dashboard/railway.json': '{"build": {"builder": "DOCKERFILE", "dockerfilePath": "apps/dashboard/Dockerfile"}, "deploy": {"healthcheckPath": "/api/health", "restartPolicyType": "ON_FAILURE"}}\n',
        'apps/dashboard/Dockerfile': 'FROM node:22-slim\nCOPY . /app\nEXPOSE 3000\nCMD ["node", "/app/server.js"]\n',
        'api/fly.toml': 'app = "acme-api"\n\n[http_service]\n  internal_port = 8080\n\n[[http_service.checks]]\n  path = "/health"\n  interval = "15s"\n',
        'api/Dockerfile': 'FROM python:3.12-slim\nCOPY . /srv\nEXPOSE 8080\nCMD ["gunicorn", "-b", "0.0.0.0:8080", "app:app"]\n',
      },
    },
    {
      // ever-traduora 7728e13a5018: the image its k8s-build workflow builds for the cluster.
      name: 'a new Dockerfile named for Kubernetes',
      after: {
        'Dockerfile.everk8s': 'FROM node:20-alpine\nCOPY . /app\nEXPOSE 8080\nCMD ["node", "/app/main.js"]\n',
        'deploy/kubernetes.Dockerfile': 'FROM node:20-alpine\nCOPY . /app\nEXPOSE 8080\nCMD ["node", "/app/main.js"]\n',
      },
    },
    {
      // homeward-tails: config/deploy.yml deploys the root Dockerfile with Kamal; bullet_train: Rails' stock Dockerfile, made for Kamal.
      name: "a new Dockerfile Kamal deploys (config/deploy.yml), or Rails' production Dockerfile written for Kamal",
      after: {
        'config/deploy.yml': 'service: pets\nimage: acme/pets\nservers:\n  web:\n    - 192.168.0.1\nproxy:\n  ssl: true\n  host: pets.acme-corp.io\n',
        Dockerfile: 'FROM ruby:3.3-slim\nCOPY . /rails\nEXPOSE 3000\nCMD ["./bin/rails", "server"]\n',
        'web/Dockerfile': "# syntax=docker/dockerfile:1\n# This Dockerfile is designed for production, not development. Use with Kamal or build'n'run by hand:\n# docker build -t app .\nFROM ruby:3.3-slim\nCOPY . /rails\nEXPOSE 80\nCMD [\"./bin/thrust\", \"./bin/rails\", \"server\"]\n",
      },
    },
    {
      // fleetbase's infra/helm chart, iggy's helm/charts/iggy: a repository whose own Helm chart probes its workloads runs its images on Kubernetes.
      name: 'a new Dockerfile in a repository whose own Helm chart probes its workloads (in values or in a template)',
      repository: { owner: 'acme', name: 'shop' },
      after: {
        'console/Dockerfile': 'FROM node:22-alpine\nCOPY . /app\nEXPOSE 4200\nCMD ["node", "/app/server.js"]\n',
        'infra/helm/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\n',
        'infra/helm/values.yaml': 'console:\n  image: acme/console\n  livenessProbe:\n    httpGet:\n      path: /health\n      port: 4200\n',
        'worker/Dockerfile': 'FROM python:3.12-slim\nCOPY . /srv\nEXPOSE 8080\nCMD ["gunicorn", "app:app"]\n',
        'worker/charts/worker/Chart.yaml': 'apiVersion: v2\nname: worker\nversion: 1.0.0\n',
        'worker/charts/worker/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: worker\n          image: "{{ .Values.image }}"\n          readinessProbe:\n            tcpSocket:\n              port: 8080\n',
      },
    },
    {
      // Base and builder images, and documentation-site builders, never run as a service: the final image is judged.
      name: 'a base image another Dockerfile builds FROM, a builder image, a docs-site builder',
      after: {
        'package.json': '{"scripts": {"build:base": "docker buildx build -t acme/app:base -f ./docker/Base.Dockerfile . --push", "build:hc": "docker build -f docker/Compile.Dockerfile -t acme/app:hc ."}}\n',
        'docker/Base.Dockerfile': 'FROM node:20-slim\nRUN npm install -g tsx\n',
        'docker/Compile.Dockerfile': 'FROM golang:1.21\nWORKDIR /app\nCOPY hc.go .\nRUN go build -o hc hc.go\n',
        'docker/Dockerfile': 'FROM acme/app:hc AS hc\nFROM acme/app:base\nCOPY --from=hc /app/hc /hc\nUSER node\nEXPOSE 5001\nHEALTHCHECK CMD /hc\nCMD ["tsx", "index.ts"]\n',
        'ci/Dockerfile.builder': 'FROM rust:1.80\nRUN cargo install cross\n',
        'www/Dockerfile': 'FROM squidfunk/mkdocs-material\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
      },
    },
    {
      // homebox: Dockerfile.rootless (distroless, non-root) beside a Dockerfile that never had a HEALTHCHECK: the missing one is copied, not introduced.
      name: 'a new Dockerfile.<variant> beside a production Dockerfile that had no HEALTHCHECK in the base either',
      before: { Dockerfile: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nEXPOSE 7745\nCMD ["/app"]\n', 'arm/Dockerfile': 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM debian:12\nCOPY --from=build /app /app\nEXPOSE 7745\nCMD ["/app"]\n' },
      after: { Dockerfile: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nEXPOSE 7745\nCMD ["/app"]\n', 'Dockerfile.rootless': 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\nEXPOSE 7745\nUSER nonroot\nCMD ["/app"]\n', 'arm/Dockerfile': 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM debian:12\nCOPY --from=build /app /app\nEXPOSE 7745\nCMD ["/app"]\n', 'arm/Dockerfile-alpine': 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nEXPOSE 7745\nCMD ["/app"]\n' },
    },
    {
      // Lavalink fb235e7f85e6: docker/distroless.Dockerfile runs the same `java -jar Lavalink.jar` on the same jar as the
      // Dockerfile and alpine.Dockerfile beside it, neither with a HEALTHCHECK. garnet a8570acb099b: Dockerfile.alpine written
      // from the new text of the Dockerfile the same change rewrites (restore layering), which had none before or after.
      name: 'a new <variant>.Dockerfile that starts the same program from the same files as a Dockerfile of its folder without a HEALTHCHECK, and a variant written from the new text of an edited one',
      before: {
        'server/docker/Dockerfile': 'FROM eclipse-temurin:18-jre-jammy\nRUN useradd -r lavalink\nWORKDIR /opt/Lavalink\nUSER lavalink\nCOPY server/build/libs/Lavalink.jar Lavalink.jar\nENTRYPOINT ["java", "-jar", "Lavalink.jar"]\n',
        'server/docker/alpine.Dockerfile': 'FROM azul/zulu-openjdk-alpine:21-jre\nRUN adduser -S lavalink\nWORKDIR /opt/Lavalink\nUSER lavalink\nCOPY server/build/libs/Lavalink-musl.jar Lavalink.jar\nENTRYPOINT ["java", "-jar", "Lavalink.jar"]\n',
        Dockerfile: 'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nWORKDIR /source\nCOPY . .\nRUN dotnet publish -c Release -o /app\nFROM mcr.microsoft.com/dotnet/runtime:8.0\nWORKDIR /app\nCOPY --from=build /app .\nEXPOSE 6379\nENTRYPOINT ["/app/GarnetServer", "--port", "6379"]\n',
      },
      after: {
        'server/docker/Dockerfile': 'FROM eclipse-temurin:18-jre-jammy\nRUN useradd -r lavalink\nWORKDIR /opt/Lavalink\nUSER lavalink\nCOPY server/build/libs/Lavalink.jar Lavalink.jar\nENTRYPOINT ["java", "-jar", "Lavalink.jar"]\n',
        'server/docker/alpine.Dockerfile': 'FROM azul/zulu-openjdk-alpine:21-jre\nRUN adduser -S lavalink\nWORKDIR /opt/Lavalink\nUSER lavalink\nCOPY server/build/libs/Lavalink-musl.jar Lavalink.jar\nENTRYPOINT ["java", "-jar", "Lavalink.jar"]\n',
        'server/docker/distroless.Dockerfile': 'FROM gcr.io/distroless/java21-debian12:nonroot\nWORKDIR /opt/Lavalink\nCOPY server/build/libs/Lavalink.jar Lavalink.jar\nENTRYPOINT ["java", "-jar"]\nCMD ["Lavalink.jar"]\n',
        Dockerfile: 'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nWORKDIR /src\nCOPY libs/client/*.csproj libs/client/\nCOPY main/Server/*.csproj main/Server/\nRUN dotnet restore main/Server/Server.csproj\nCOPY libs/ libs/\nCOPY main/ main/\nWORKDIR /src/main/Server\nRUN dotnet publish -c Release -o /app --no-restore\nFROM mcr.microsoft.com/dotnet/runtime:8.0 AS runtime\nWORKDIR /app\nCOPY --from=build /app .\nEXPOSE 6379\nENTRYPOINT ["/app/GarnetServer", "--port", "6379"]\n',
        'Dockerfile.alpine': 'FROM mcr.microsoft.com/dotnet/sdk:8.0-alpine AS build\nWORKDIR /src\nCOPY libs/client/*.csproj libs/client/\nCOPY main/Server/*.csproj main/Server/\nRUN dotnet restore main/Server/Server.csproj\nCOPY libs/ libs/\nCOPY main/ main/\nWORKDIR /src/main/Server\nRUN dotnet publish -c Release -o /app --no-restore\nFROM mcr.microsoft.com/dotnet/runtime:8.0-alpine AS runtime\nWORKDIR /app\nCOPY --from=build /app .\nUSER $APP_UID\nEXPOSE 6379\nENTRYPOINT ["./GarnetServer", "--port", "6379"]\n',
      },
    },
    {
      // bitwarden: the unified self-host image gets a HEALTHCHECK, and the compose file beside it runs that image by the name the workflow pushes it under.
      name: 'a compose service that runs by name an image the change builds with a HEALTHCHECK (workflow tags, folder, OCI title)',
      after: {
        'docker-unified/Dockerfile': 'FROM mcr.microsoft.com/dotnet/aspnet:8.0-alpine\nEXPOSE 80\nHEALTHCHECK CMD curl -fs http://localhost/alive || exit 1\nCMD ["/entrypoint.sh"]\n',
        '.github/workflows/build-self-host.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          context: .\n          file: docker-unified/Dockerfile\n          tags: registry.example.com/self-host:${{ steps.tag.outputs.image_tag }}\n',
        'docker-unified/docker-compose.yml': 'services:\n  app:\n    image: ${REGISTRY:-acme}/self-host:${TAG:-latest}\n    ports:\n      - "80:80"\n',
        'mail-server/Dockerfile': 'FROM debian:12\nLABEL org.opencontainers.image.title="mailer"\nEXPOSE 25\nHEALTHCHECK CMD ss -ltn | grep -q :25\nCMD ["postfix", "start-fg"]\n',
        'compose.yaml': 'services:\n  mail:\n    image: ghcr.io/acme/mail-server:1\n    ports:\n      - "25:25"\n  mailer:\n    image: ghcr.io/acme/mailer:1\n    ports:\n      - "26:25"\n',
      },
    },
    {
      // nginx-proxy: a docker-gen helper image; its entrypoint only mentions nginx in a warning it prints.
      name: 'a helper image whose start script names a server only in a message it prints',
      after: { 'Dockerfile.dockergen': 'FROM nginxproxy/docker-gen:0.17.2\nCOPY app nginx.tmpl /app/\nWORKDIR /app/\nENTRYPOINT ["/app/docker-entrypoint.sh"]\nCMD ["docker-gen", "-watch", "/app/nginx.tmpl", "/etc/nginx/conf.d/default.conf"]\n', 'app/docker-entrypoint.sh': '#!/bin/bash\nset -e\nif [ -z "$RESOLVERS" ]; then\n  echo \'Warning: unable to determine DNS resolvers for nginx\' >&2\nfi\nexec "$@"\n' },
    },
    {
      // karakeep: the vendor's headless browser image re-published under the project's name with labels and a user only.
      name: 'a vendor image re-published with labels, build arguments, defaults and a user only',
      after: {
        'docker/chrome/Dockerfile': 'ARG VERSION=151.0\nFROM docker.io/chromedp/headless-shell:${VERSION} AS upstream\nLABEL org.opencontainers.image.title="Acme Chrome"\nFROM upstream\nARG VERSION\nENV LANG=C.UTF-8\nUSER 65534:65534\n',
      },
    },
    {
      // airflow-helm, kubernetes/dashboard: the README installs the project with Helm; its images run as pods of the chart.
      name: 'a new image of a project its README deploys on Kubernetes only',
      after: {
        'README.md': '# Acme Helm Chart\n\n```sh\nhelm repo add acme https://acme.example/charts\nhelm install acme acme/acme\n```\n',
        'images/pgbouncer/Dockerfile': 'FROM alpine:3.20\nRUN apk add pgbouncer\nEXPOSE 6432\nCMD ["pgbouncer", "/etc/pgbouncer/pgbouncer.ini"]\n',
      },
    },
    { name: 'a cron image', after: { 'cron/Dockerfile': 'FROM debian:12\nRUN apt-get install -y cron\nCMD ["cron", "-f"]\n' } },
    { name: 'a Celery worker image', after: { Dockerfile: 'FROM python:3.12\nCMD ["celery", "-A", "app", "worker"]\n' } },
    { name: 'a one-shot cleanup service', after: { 'docker-compose.yml': 'services:\n  sentry-cleanup:\n    build: ./cron\n' } },
    { name: 'a seed service behind a profile', after: { 'docker-compose.yml': 'services:\n  loadgen:\n    build: ./seed-data\n    profiles: [seed, test]\n' } },
    { name: 'a migration service that does not restart', after: { 'docker-compose.yml': 'services:\n  app-setup:\n    build: .\n    command: python manage.py migrate\n    restart: "no"\n' } },
    { name: 'a new Dockerfile with a HEALTHCHECK', after: { Dockerfile: 'FROM python:3.12\nHEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\nCMD ["gunicorn", "app:app"]\n' } },
    { name: 'HEALTHCHECK NONE is an explicit choice', after: { Dockerfile: 'FROM python:3.12\nHEALTHCHECK NONE\n' } },
    { name: 'HEALTHCHECK inherited from the stage the final stage builds on', after: { Dockerfile: 'FROM node:20 AS base\nHEALTHCHECK CMD wget -q --spider http://localhost:3000/\nFROM base AS final\nCOPY . .\n' } },
    {
      name: 'an image service renamed in its file, and in a file the change moves',
      before: { 'compose.yml': 'services:\n  app:\n    image: ghcr.io/acme/app:latest\n    ports: ["3000:3000"]\n', 'docker-compose.example.yml': '# self-hosting\nservices:\n  app:\n    image: ghcr.io/acme/api:1\n    ports: ["8000:8000"]\n    restart: always\n  db:\n    image: postgres:16\n' },
      after: { 'compose.yml': 'services:\n  web:\n    image: ghcr.io/acme/app:1.2\n    ports: ["3000:3000"]\n', 'compose.example.yml': '# self-hosting\nservices:\n  web:\n    image: ghcr.io/acme/api:1\n    ports: ["8000:8000"]\n    restart: always\n  db:\n    image: postgres:16\n' },
    },
    // Images whose vendor declares a HEALTHCHECK: built on, or run by compose.
    { name: 'a new image built on serversideup/php fpm-nginx, which declares a HEALTHCHECK', after: { 'docker/production/Dockerfile': 'FROM serversideup/php:8.3-fpm-nginx-alpine AS base\nFROM base AS production\nCOPY . /var/www/html\nEXPOSE 8080\n' } },
    { name: 'a new compose service on pgautoupgrade, which declares a HEALTHCHECK', after: { 'docker-compose.yml': 'services:\n  app:\n    image: acme/app:1\n    healthcheck:\n      test: ["CMD", "true"]\n    depends_on: [db]\n  db:\n    image: pgautoupgrade/pgautoupgrade:17-bookworm\n    ports:\n      - "5432:5432"\n' } },
    {
      // loomio-deploy: haraka replaces mailin on the same host port; mailin had no healthcheck either.
      name: 'a new service that takes over the host port of a removed service without a healthcheck',
      before: { 'docker-compose.yml': 'services:\n  mailin:\n    image: ${MAILIN_IMAGE}:${MAILIN_TAG}\n    restart: unless-stopped\n    ports:\n      - "25:25"\n' },
      after: { 'docker-compose.yml': 'services:\n  haraka:\n    image: ${HARAKA_IMAGE}:${HARAKA_TAG}\n    restart: unless-stopped\n    ports:\n      - "25:25"\n' },
    },
    {
      // apprise-api: `apprise-api` (build: .) becomes `apprise` on `caronc/apprise:latest`; the override file beside it builds `.` as before.
      name: 'a service renamed to pull the image the override file beside it builds from the Dockerfile the old service built',
      before: { 'docker-compose.yml': 'services:\n  apprise-api:\n    build: .\n    ports:\n      - 8000:8000\n', Dockerfile: 'FROM python:3.12\nEXPOSE 8000\nCMD ["gunicorn", "core.wsgi"]\n' },
      after: {
        'docker-compose.yml': 'services:\n  apprise:\n    image: caronc/apprise:latest\n    ports:\n      - "8000:8000"\n',
        'docker-compose.override.yml': 'services:\n  apprise:\n    build:\n      context: .\n      dockerfile: Dockerfile\n    image: apprise-api-dev\n',
        Dockerfile: 'FROM python:3.12\nEXPOSE 8000\nCMD ["gunicorn", "core.wsgi"]\n',
      },
    },
    {
      // netbird: a Wails desktop UI's cross-compilation container, run on a mounted source tree to produce binaries.
      name: 'a build container whose inline start script ends by compiling',
      after: {
        'client/ui/build/docker/Dockerfile.cross': "FROM golang:1.25-bookworm\nRUN apt-get install -y gcc nodejs npm\nCOPY <<'SCRIPT' /usr/local/bin/build.sh\n#!/bin/sh\nset -e\n(cd frontend && npm install && npm run build)\nmkdir -p bin\ngo build -o bin/app-$1 .\necho built\nSCRIPT\nWORKDIR /app\nENTRYPOINT [\"/usr/local/bin/build.sh\"]\nCMD [\"darwin\", \"arm64\"]\n",
      },
    },
    { name: 'an edited Dockerfile (healthcheck-removed judges those)', before: { Dockerfile: 'FROM python:3.12\nHEALTHCHECK CMD true\n' }, after: { Dockerfile: 'FROM python:3.12\nRUN pip install x\n' } },
    {
      // worklenz: the new root compose builds the backend whose HEALTHCHECK the same change removes; one missing healthcheck, said by healthcheck-removed.
      name: 'a new compose service that builds a Dockerfile whose HEALTHCHECK the change removes (healthcheck-removed says it)',
      before: { 'backend/Dockerfile': 'FROM node:20\nCOPY . /app\nEXPOSE 3000\nHEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1\nCMD ["node", "bin/www"]\n' },
      after: {
        'backend/Dockerfile': 'FROM node:20\nCOPY . /app\nEXPOSE 3000\nCMD ["node", "bin/www"]\n',
        'docker-compose.yml': 'services:\n  backend:\n    build:\n      context: ./backend\n      dockerfile: Dockerfile\n    ports:\n      - "3000:3000"\n    restart: unless-stopped\n',
      },
    },
    { name: 'a bare Pod (a one-off no controller recreates)', after: { 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: one\nspec:\n  containers:\n    - name: one\n      image: app:1\n      ports:\n        - containerPort: 80\n' } },
    {
      // thedevs-network/kutt: `kutt` pulling kutt/kutt becomes `server` built from the root Dockerfile (no HEALTHCHECK before or after),
      // and the new database variants beside docker-compose.yml repeat that service.
      name: "a service renamed while it switches from pulling the project's image to building it, and new variants of the plain compose file that repeat it",
      repository: { owner: 'acme', name: 'kutt' },
      before: {
        Dockerfile: 'FROM node:18-alpine\nCOPY . .\nEXPOSE 3000\nCMD ["npm", "start"]\n',
        'docker-compose.yml': 'services:\n  kutt:\n    image: kutt/kutt\n    ports:\n      - "3000:3000"\n  postgres:\n    image: postgres:12-alpine\n',
      },
      after: {
        Dockerfile: 'FROM node:22-alpine\nCOPY . .\nEXPOSE 3000\nCMD npm run migrate && npm start\n',
        'docker-compose.yml': 'services:\n  server:\n    build:\n      context: .\n    ports:\n      - 3000:3000\n',
        'docker-compose.postgres.yml': 'services:\n  server:\n    build:\n      context: .\n    environment:\n      DB_CLIENT: pg\n    ports:\n      - 3000:3000\n    depends_on: [postgres]\n  postgres:\n    image: postgres:17\n',
        'docker-compose.sqlite-redis.yml': 'services:\n  server:\n    build:\n      context: .\n    ports:\n      - 3000:3000\n  redis:\n    image: redis:alpine\n',
      },
    },
    {
      // recyclarr: docker/docker-compose.yml moved to the root, its service `recyclarr` renamed `app`, the same image named and built.
      name: 'a service renamed in a compose file the change moves, naming and building the same image as before',
      before: {
        'docker/docker-compose.yml': 'services:\n  recyclarr:\n    image: ghcr.io/recyclarr/recyclarr:edge\n    build:\n      context: .\n    volumes:\n      - ./config:/config\n',
        'docker/Dockerfile': 'FROM mcr.microsoft.com/dotnet/runtime:8.0\nCOPY app /app\nENTRYPOINT ["/entrypoint.sh"]\n',
      },
      after: {
        'docker-compose.yml': 'name: recyclarr\nservices:\n  app:\n    image: ghcr.io/recyclarr/recyclarr:edge\n    read_only: true\n    build:\n      context: .\n    volumes:\n      - ./docker/config:/config\n',
        Dockerfile: 'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nRUN dotnet publish -o /app\nFROM mcr.microsoft.com/dotnet/runtime:8.0\nCOPY --from=build /app /app\nENTRYPOINT ["/entrypoint.sh"]\n',
      },
    },
    {
      // searxng-docker: `abiosoft/caddy` in front of searx, nothing depending on it.
      name: 'an off-the-shelf Caddy or Traefik image from another publisher nothing depends on',
      after: {
        'docker-compose.yaml': 'services:\n  caddy:\n    image: abiosoft/caddy:no-stats\n    ports:\n      - 80:80\n      - 443:443\n  proxy:\n    image: acme/traefik:v3\n    ports: ["8080:8080"]\n  searx:\n    image: searx/searx:1.0\n',
      },
    },
    {
      name: 'a new variant of a plain compose file the change leaves alone, repeating its service that pulls an image',
      before: { 'compose.yaml': 'services:\n  app:\n    image: ghcr.io/acme/app:1.4\n    ports: ["8080:8080"]\n' },
      after: { 'compose.yaml': 'services:\n  app:\n    image: ghcr.io/acme/app:1.4\n    ports: ["8080:8080"]\n', 'compose.mariadb.yaml': 'services:\n  app:\n    image: ghcr.io/acme/app:1.5\n    ports: ["8080:8080"]\n    depends_on: [db]\n  db:\n    image: mariadb:11\n' },
    },
    { name: 'a new scratch image with nothing to run', after: { Dockerfile: 'FROM scratch\nCOPY assets/ /assets/\n' } },
    {
      // orhun/rustypaste: a scratch image holding the server binary; nothing in it could run a HEALTHCHECK command.
      name: 'a new scratch or shell-less distroless image that runs a server binary, and a compose service building one',
      after: {
        Dockerfile: 'FROM rust:1.80 AS builder\nRUN cargo build --release\nFROM scratch\nCOPY --from=builder /src/target/release/paste ./\nEXPOSE 8000\nCMD ["./paste"]\n',
        'api/Dockerfile': 'FROM golang:1.22 AS build\nRUN go build -o /api .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /api /api\nEXPOSE 8080\nENTRYPOINT ["/api"]\n',
        'compose.yaml': 'services:\n  api:\n    build: ./api\n    ports:\n      - "8080:8080"\n',
      },
    },
    { name: 'a new development Dockerfile', after: { 'Dockerfile.dev': 'FROM python:3.12\n' } },
    {
      name: 'a new Dockerfile whose compose service has a healthcheck',
      after: { 'api/Dockerfile': 'FROM python:3.12\n', 'docker-compose.yml': 'services:\n  api:\n    build:\n      context: ./api\n    healthcheck:\n      test: ["CMD", "true"]\n' },
    },
    {
      name: 'a new Dockerfile whose compose service names it through a variable of the .env beside the compose file, and has a healthcheck',
      after: {
        'src/opamp/Dockerfile': 'FROM golang:1.24\nEXPOSE 4320\nCMD ["/server"]\n',
        '.env': 'OPAMP_DOCKERFILE=./src/opamp/Dockerfile\n',
        'compose.observability.yaml': 'services:\n  opamp:\n    build:\n      context: ./\n      dockerfile: ${OPAMP_DOCKERFILE}\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost:4320/"]\n',
      },
    },
    {
      name: 'a variable with a default names the Dockerfile of a service with a healthcheck',
      after: { 'api/Dockerfile': 'FROM python:3.12\n', 'docker-compose.yml': 'services:\n  api:\n    build:\n      context: ${API_CONTEXT:-./api}\n    healthcheck:\n      test: ["CMD", "true"]\n' },
    },
    { name: 'a new compose service with a healthcheck', after: { 'docker-compose.yml': 'services:\n  web:\n    image: app\n    ports: ["8000:8000"]\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8000/health"]\n' } },
    { name: 'a new compose service that neither builds nor publishes ports', after: { 'docker-compose.yml': 'services:\n  worker:\n    image: app\n    command: celery worker\n' } },
    {
      name: 'a compose service that existed before',
      before: { 'docker-compose.yml': 'services:\n  web:\n    build: .\n' },
      after: { 'docker-compose.yml': 'services:\n  web:\n    build: .\n    ports: ["8000:8000"]\n' },
    },
    { name: 'a new compose service built from a Dockerfile with a HEALTHCHECK', after: { 'docker-compose.yml': 'services:\n  web:\n    build: .\n', Dockerfile: 'FROM python:3.12\nHEALTHCHECK CMD true\n' } },
    { name: 'a new compose service that extends another', after: { 'docker-compose.yml': 'services:\n  web:\n    extends:\n      file: common.yml\n      service: web\n    ports: ["80:80"]\n' } },
    { name: 'a healthcheck through a YAML merge key', after: { 'docker-compose.yml': 'x-health: &health\n  healthcheck:\n    test: ["CMD", "true"]\nservices:\n  web:\n    <<: *health\n    image: app\n    ports: ["80:80"]\n' } },
    {
      name: 'a new service image the change deploys on Kubernetes (probes belong in the manifest, judged there)',
      after: {
        'src/cart/Dockerfile': 'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n',
        'k8s/cart.yaml': deployment('Deployment', `        - name: server\n          image: cart\n          readinessProbe:\n            httpGet: { path: /health, port: 8000 }\n`),
      },
    },
    {
      name: 'off-the-shelf proxy and monitoring images nothing depends on, and an overlay of a service defined elsewhere',
      after: {
        'docker-compose.proxy.yml':
          'services:\n  traefik:\n    image: traefik:v3.1\n    ports: ["80:80", "443:443"]\n  gen:\n    image: wemakeservices/caddy-gen:latest\n    ports: ["443:443"]\n    depends_on: [app]\n  grafana:\n    image: grafana/grafana:11.0.0\n    ports: ["3000"]\n  app:\n    ports: ["8000:8000"]\n    labels: { virtual.host: example.com }\n',
      },
    },
    {
      // invoiceninja, postiz: the stock nginx in front of the app, Temporal's web UI and Sentry Spotlight, nothing waiting on them.
      name: 'a stock nginx front, an admin UI and a debugging sidecar nothing depends on',
      after: {
        'docker-compose.yml':
          'services:\n  app:\n    image: ghcr.io/acme/app:1\n    healthcheck:\n      test: ["CMD", "true"]\n  nginx:\n    image: nginx:alpine\n    ports: ["80:80"]\n    depends_on: [app]\n  temporal-ui:\n    image: temporalio/ui:2.34.0\n    ports: ["8080:8080"]\n  spotlight:\n    image: ghcr.io/getsentry/spotlight:latest\n    ports: ["8969:8969/tcp"]\n',
      },
    },
    {
      name: 'a self-hosting stack whose stock database only an admin console depends on, and a production stack whose cache nothing waits for',
      after: {
        'docker-compose.yml': '# To make it easier to self-host, this preset runs Postgres too\nservices:\n  db:\n    image: postgres:16\n    ports: ["5432:5432"]\n  pgadmin:\n    image: dpage/pgadmin4\n    depends_on: [db]\n',
        'deploy/docker-compose.prod.yml': 'services:\n  cache:\n    image: redis:7\n    ports: ["6379"]\n  db:\n    image: postgres:16\n    ports: ["5432"]\n    depends_on: [cache]\n',
      },
    },
    {
      name: 'a comment that refuses self-hosting does not make the stack a deployment',
      after: { 'docker-compose.yml': '# do not self-host with this file\nservices:\n  api:\n    image: ghcr.io/acme/api:1\n    depends_on: [db]\n    healthcheck:\n      test: ["CMD", "true"]\n  db:\n    image: postgres:16\n    ports: ["5432:5432"]\n' },
    },
    {
      name: 'a cron image whose entrypoint script runs the cron daemon',
      after: { 'jobs/Dockerfile': 'FROM python:3.12\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n', 'jobs/entrypoint.sh': '#!/bin/sh\necho "$@" | crontab -\nexec cron -f\n' },
    },
    {
      name: 'an image compose builds for a web service and for its workers (health belongs to each service)',
      after: {
        'app/Dockerfile': 'FROM python:3.12\nCOPY . /app\n',
        'docker-compose.yml': 'x-app: &app\n  build: ./app\nservices:\n  web:\n    <<: *app\n    healthcheck:\n      test: ["CMD", "true"]\n  worker:\n    <<: *app\n    command: run worker\n',
      },
    },
    {
      name: 'stock database and cache images, even when the app depends on them',
      after: { 'docker-compose.yml': 'services:\n  api:\n    image: ghcr.io/acme/api:1\n    depends_on: [mongodb, cache, db]\n    healthcheck:\n      test: ["CMD", "true"]\n  mongodb:\n    image: mongo\n    ports: ["27017:27017"]\n  cache:\n    image: docker.io/library/redis:7-alpine\n    ports: ["6379"]\n  db:\n    image: bitnami/postgresql:16\n    ports: ["5432:5432"]\n' },
    },
    {
      name: 'an off-the-shelf monitoring image only other off-the-shelf images depend on',
      after: { 'docker-compose.yml': 'services:\n  prometheus:\n    image: prom/prometheus:v2.53.0\n    ports: ["9090"]\n  grafana:\n    image: grafana/grafana:11.0.0\n    depends_on: [prometheus]\n' },
    },
    {
      name: 'a one-shot migration CLI: its jar and its folder are named for a migrator, and it declares no port',
      after: { 'support/v4-migrator/src/main/docker/Dockerfile': 'FROM eclipse-temurin:21-jre-alpine\nUSER nobody\nCOPY ./target/v4-migrator.jar ./\nENTRYPOINT ["/bin/sh", "-c", "exec java ${JAVA_OPTIONS} -jar v4-migrator.jar \\"$@\\"", "--"]\nCMD []\n' },
    },
    // timesketch: an outbound tunnel client run by Python, with no port to ask.
    { name: 'a client script run by its runtime, with no port', after: { 'contrib/byot/Dockerfile': 'FROM python:3.12-slim\nCOPY *.py ./\nUSER app\nENTRYPOINT ["python", "byot_client.py"]\n' } },
    { name: 'a seed script run by its runtime, with no port', after: { 'db/Dockerfile': 'FROM python:3.12-slim\nCOPY seed.py .\nCMD ["python", "seed.py"]\n' } },
    // OWASP/Nest: a maintenance image a make target builds and runs once (`docker run --rm`), renewing security.txt.
    { name: 'a script image in a tools folder, with no port', after: { 'docker/tools/Dockerfile.security': 'FROM python:3.13-alpine\nRUN apk add gnupg\nCOPY tools/security/renew_security_txt.py /usr/local/bin/\nUSER owasp\nENTRYPOINT ["python", "/usr/local/bin/renew_security_txt.py"]\n' } },
    {
      name: 'one image for every process type: the start command is only a runner prefix (`bundle exec`), the process is given at run time',
      after: { Dockerfile: 'FROM ruby:3.3\nWORKDIR /opt/app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\nCMD ["bundle", "exec"]\n' },
    },
    { name: 'a push client binary that declares no port', after: { Dockerfile: 'FROM node AS build\nRUN node build.js\nFROM debian:bookworm-slim\nCOPY --from=build /src/push ./push\nENTRYPOINT ["/home/app/push"]\n' } },
    {
      name: 'an installer image whose start script serves nothing, and the compose service that builds it without ports',
      after: {
        'deploy/Dockerfile': 'FROM busybox\nCOPY driver /driver\nCOPY deploy.sh /deploy.sh\nCMD /bin/sh /deploy.sh\n',
        'deploy/deploy.sh': '#!/bin/sh\n# copies the driver; no node or python here\ncp /driver /flexmnt/driver\nwhile : ; do\n  sleep 3600\ndone\n',
        'docker-compose.yml': 'services:\n  installer:\n    build: ./deploy\n',
      },
    },
    {
      name: 'a Dockerfile rewritten and moved: the change deletes one on the same base image without a HEALTHCHECK',
      before: { 'build/frappe-nginx/Dockerfile': 'FROM python:3.9-slim AS builder\nRUN pip install jinja2\nFROM nginxinc/nginx-unprivileged:latest\nCOPY nginx-default.conf.template /etc/nginx/conf.d/default.conf.template\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["nginx", "-g", "daemon off;"]\n' },
      after: { 'images/nginx/Dockerfile': 'FROM node:14-bullseye-slim AS assets\nRUN yarn --cwd apps/frappe production\nFROM nginxinc/nginx-unprivileged:1.20-alpine AS frappe\nCOPY --from=assets /root/sites /usr/share/nginx/html\nFROM frappe AS erpnext\nCOPY --from=assets /root/erpnext /usr/share/nginx/html/erpnext\n' },
    },
    {
      name: 'a ReplicationController converted to a Deployment: the same container, no probes before either',
      before: { 'k8s/redis.yaml': 'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: redis-master\nspec:\n  template:\n    spec:\n      containers:\n      - name: redis-master\n        image: redis\n        ports:\n        - containerPort: 6379\n' },
      after: { 'k8s/redis.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: redis-master\nspec:\n  template:\n    spec:\n      containers:\n      - name: redis-master\n        image: redis:7.2\n        ports:\n        - containerPort: 6379\n' },
    },
    {
      name: 'a workload renamed (a version in its name) with the same containers',
      before: { 'k8s/web.yaml': deployment('ReplicationController', web + sidecar).replace('name: web\nspec', 'name: web-v1.3.10\n  namespace: default\nspec') },
      after: { 'k8s/web.yaml': deployment('ReplicationController', web.replace('app:1', 'app:2') + sidecar).replace('name: web\nspec', 'name: web-v1.3.11\nspec') },
    },
    {
      name: 'a DaemonSet agent that serves no port',
      after: { 'k8s/agent.yaml': deployment('DaemonSet', '        - name: agent\n          image: newrelic/infrastructure\n          command: ["bash", "-c", "/usr/bin/newrelic-infra"]\n') },
    },
    {
      name: 'compose services split off into a new production file: the development file loses their production lines',
      before: { 'docker-compose.yml': 'services:\n  web:\n    build: ./app\n    command: gunicorn app.wsgi --bind 0.0.0.0:8000\n    expose:\n      - 8000\n  nginx:\n    build: ./nginx\n    ports:\n      - 1337:80\n    depends_on:\n      - web\n' },
      after: {
        'docker-compose.yml': 'services:\n  web:\n    build: ./app\n    command: python manage.py runserver 0.0.0.0:8000\n    ports:\n      - 8000:8000\n',
        'docker-compose.prod.yml': 'services:\n  web:\n    build: ./app\n    command: gunicorn app.wsgi --bind 0.0.0.0:8000\n    expose:\n      - 8000\n  nginx:\n    build: ./nginx\n    ports:\n      - 1337:80\n    depends_on:\n      - web\n',
      },
    },
    { name: 'a new Deployment with a readiness probe', after: { 'k8s/web.yaml': deployment('Deployment', probed) } },
    { name: 'a new Job needs no probes', after: { 'k8s/job.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      containers:\n        - name: migrate\n          image: app:1\n' } },
    { name: 'a new CronJob needs no probes', after: { 'k8s/cron.yaml': 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: nightly\n              image: app:1\n' } },
    { name: 'an existing container without probes', before: { 'k8s/web.yaml': deployment('Deployment', web) }, after: { 'k8s/web.yaml': deployment('Deployment', web.replace('app:1', 'app:2')) } },
    { name: 'a container that only lost its probe (healthcheck-removed)', before: { 'k8s/web.yaml': deployment('Deployment', probed) }, after: { 'k8s/web.yaml': deployment('Deployment', web) } },
    { name: 'a kustomize patch listed in its kustomization', after: { 'overlays/prod/replicas.yaml': deployment('Deployment', web), 'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n' } },
    { name: 'a strategic-merge fragment without an image', after: { 'overlays/prod/resources.yaml': deployment('Deployment', '        - name: web\n          resources:\n            limits: { cpu: "1" }\n') } },
    { name: 'a Helm template', after: { 'chart/templates/deployment.yaml': deployment('Deployment', web, '{{- with .Values.probes }}\n{{ toYaml . | indent 10 }}\n{{- end }}\n') } },
    { name: 'init containers run to completion', after: { 'k8s/web.yaml': deployment('Deployment', probed, '      initContainers:\n        - name: migrate\n          image: app:1\n') } },
    {
      // bracket: the compose file swaps to the repository's own combined image, built from the root Dockerfile, which has a HEALTHCHECK the change does not touch.
      name: "a compose service running the repository's own image, whose root Dockerfile (not in the change) has a HEALTHCHECK",
      repository: { owner: 'acme', name: 'notes' },
      before: { Dockerfile: 'FROM node:20-alpine\nHEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1\nCMD ["node", "server.js"]\n', 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n' },
      after: {
        Dockerfile: 'FROM node:20-alpine\nHEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1\nCMD ["node", "server.js"]\n',
        'docker-compose.yml': 'services:\n  notes:\n    image: ghcr.io/acme/notes\n    ports:\n      - "3000:3000"\n  db:\n    image: postgres:16\n',
      },
    },
  ],
  invalid: [
    ...ownImageInvalid('dockerfile'),
    {
      // A chart without probes, or a chart of another name, is no health check of the image.
      name: 'a new Dockerfile beside a Helm chart whose workloads have no probes, or a chart named for neither the repository nor the folder',
      repository: { owner: 'acme', name: 'shop' },
      after: {
        'api/Dockerfile': 'FROM node:22-alpine\nCOPY . /app\nEXPOSE 3000\nCMD ["node", "/app/server.js"]\n',
        'charts/shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\n',
        'charts/shop/values.yaml': 'api:\n  image: acme/api\n',
        'charts/shop/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          command: ["/bin/app"]\n',
        'web/Dockerfile': 'FROM node:22-alpine\nCOPY . /app\nEXPOSE 8080\nCMD ["node", "/app/web.js"]\n',
        'charts/other/Chart.yaml': 'apiVersion: v2\nname: other\nversion: 1.0.0\n',
        'charts/other/values.yaml': 'readinessProbe:\n  httpGet:\n    path: /\n',
      },
      findings: [{ path: 'api/Dockerfile', line: 1 }, { path: 'web/Dockerfile', line: 1 }],
    },
    {
      // The same compose file in a repository with no chart of its own is what runs.
      name: 'a root compose file that builds the image, when the only chart is not the repository\'s own',
      repository: { owner: 'hmcts', name: 'am-role-assignment-service' },
      after: {
        'charts/redis/Chart.yaml': 'apiVersion: v2\nname: redis\nversion: 0.1.0\n',
        'docker-compose.yml': 'services:\n  role-assignment-service:\n    build:\n      context: .\n    image: hmcts/role-assignment-service\n    ports:\n      - 4096:4096\n',
      },
      findings: [
        { path: 'docker-compose.yml', line: 2, messageId: 'compose' },
      ],
    },
    {
      name: "a deleted stack's service ran the repository's own image with a healthcheck; the new service that builds it has none",
      repository: { owner: 'ephios-dev', name: 'ephios' },
      before: { Dockerfile: 'FROM python:3.12\nCOPY . .\nEXPOSE 80\nCMD ["gunicorn", "ephios.wsgi"]\n', 'deployment/docker-compose/docker-compose.yml': 'services:\n  ephios_django:\n    image: ghcr.io/ephios-dev/ephios:latest\n    command: gunicorn\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n  ephios_postgres:\n    image: postgres:14-alpine\n' },
      after: { Dockerfile: 'FROM python:3.12\nCOPY . .\nEXPOSE 80\nCMD ["gunicorn", "ephios.wsgi"]\n', 'deployment/docker/docker-compose.yaml': 'services:\n  ephios:\n    build: ../../\n    ports:\n      - 8000:80\n' },
      findings: [{ path: 'deployment/docker/docker-compose.yaml', line: 2 }],
    },
    {
      name: 'a new Dockerfile a Render Blueprint builds for a background worker, or that no Blueprint service names',
      after: {
        'render.yaml': 'services:\n  - type: worker\n    name: jobs\n    env: docker\n    dockerfilePath: ./jobs/Dockerfile\n',
        'jobs/Dockerfile': 'FROM node:22-slim\nCOPY . /app\nEXPOSE 3000\nCMD ["node", "/app/server.js"]\n',
        'web/Dockerfile': 'FROM node:22-slim\nCOPY . /app\nEXPOSE 3000\nCMD ["node", "/app/server.js"]\n',
      },
      findings: [
        { path: 'jobs/Dockerfile', line: 1, messageId: 'dockerfile' },
        { path: 'web/Dockerfile', line: 1, messageId: 'dockerfile' },
      ],
    },
    {
      // A platform file without a health check, or one that builds another Dockerfile, leaves the image unchecked.
      name: 'a new Dockerfile beside a Railway file without healthcheckPath, or one naming another Dockerfile',
      after: {
        'web/railway.json': '{"build": {"builder": "DOCKERFILE"}, "deploy": {"restartPolicyType": "ON_FAILURE"}}\n',
        'web/Dockerfile': 'FROM node:22-slim\nCOPY . /app\nEXPOSE 3000\nCMD ["node", "/app/server.js"]\n',
        'worker/railway.toml': '[build]\ndockerfilePath = "worker/Dockerfile.railway"\n\n[deploy]\nhealthcheckPath = "/health"\n',
        'worker/Dockerfile': 'FROM node:22-slim\nCOPY . /app\nEXPOSE 4000\nCMD ["node", "/app/api.js"]\n',
      },
      findings: [
        { path: 'web/Dockerfile', line: 1, messageId: 'dockerfile' },
        { path: 'worker/Dockerfile', line: 1, messageId: 'dockerfile' },
      ],
    },
    {
      name: 'a Dockerfile beside a Kamal configuration that builds another one, and a deploy.yml that is no Kamal configuration',
      after: {
        'config/deploy.yml': 'service: pets\nimage: acme/pets\nbuilder:\n  arch: amd64\n  dockerfile: Dockerfile.production\n',
        Dockerfile: 'FROM ruby:3.3-slim\nCOPY . /rails\nEXPOSE 3000\nCMD ["./bin/rails", "server"]\n',
        'shop/config/deploy.yml': 'stage: production\n',
        'shop/Dockerfile': 'FROM node:22-slim\nCOPY . /app\nEXPOSE 3000\nCMD ["node", "/app/server.js"]\n',
      },
      findings: [
        { path: 'Dockerfile', line: 1, messageId: 'dockerfile' },
        { path: 'shop/Dockerfile', line: 1, messageId: 'dockerfile' },
      ],
    },
    {
      // A production variant is the stack that deploys; another name, another container, or a plain file with a healthcheck make the service new.
      name: 'a new compose file beside the plain one: named for production, or a service it runs under another name, as another container, or with a healthcheck there',
      before: {
        'docker-compose.yml': 'services:\n  server:\n    build: .\n    ports: ["3000:3000"]\n  api:\n    build: ./api\n    ports: ["4000:4000"]\n    healthcheck:\n      test: ["CMD", "true"]\n',
        Dockerfile: 'FROM node:20\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
        'api/Dockerfile': 'FROM node:20\nEXPOSE 4000\nCMD ["node", "api.js"]\n',
      },
      after: {
        'docker-compose.yml': 'services:\n  server:\n    build: .\n    ports: ["3000:3000"]\n  api:\n    build: ./api\n    ports: ["4000:4000"]\n    healthcheck:\n      test: ["CMD", "true"]\n',
        Dockerfile: 'FROM node:20\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
        'api/Dockerfile': 'FROM node:20\nEXPOSE 4000\nCMD ["node", "api.js"]\n',
        'docker-compose.release.yml': 'services:\n  server:\n    build: .\n    ports: ["3000:3000"]\n',
        'docker-compose.mysql.yml': 'services:\n  web:\n    build: .\n    ports: ["3000:3000"]\n  api:\n    build: ./api\n    ports: ["4000:4000"]\n',
        'docker-compose.images.yml': 'services:\n  server:\n    image: acme/server\n    ports: ["3000:3000"]\n',
      },
      findings: [
        { path: 'docker-compose.images.yml', line: 2, messageId: 'compose' },
        { path: 'docker-compose.mysql.yml', line: 2, messageId: 'compose' },
        { path: 'docker-compose.mysql.yml', line: 5, messageId: 'compose' },
        { path: 'docker-compose.release.yml', line: 2, messageId: 'compose' },
      ],
    },
    {
      // A service that pulled another image than the one the Dockerfile builds is not the same container renamed.
      name: 'a new service building the root Dockerfile in place of a removed one that pulled an image of another name',
      repository: { owner: 'acme', name: 'shortener' },
      before: { Dockerfile: 'FROM node:20\nEXPOSE 3000\nCMD ["node", "server.js"]\n', 'docker-compose.yml': 'services:\n  links:\n    image: acme/links:2\n    ports: ["3000:3000"]\n' },
      after: { Dockerfile: 'FROM node:20\nEXPOSE 3000\nCMD ["node", "server.js"]\n', 'docker-compose.yml': 'services:\n  server:\n    build: .\n    ports: ["3000:3000"]\n' },
      findings: [{ path: 'docker-compose.yml', line: 2, messageId: 'compose' }],
    },
    {
      // A tools folder says nothing of an image whose name or start command says it serves, or that declares a port.
      name: 'an image in a tools folder that runs a server, is named for one, or exposes a port',
      after: {
        'tools/Dockerfile': 'FROM node:20-alpine\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
        'tools/webhook-relay/Dockerfile': 'FROM python:3.12-slim\nCOPY relay.py .\nCMD ["python", "relay.py"]\n',
        'maintenance/Dockerfile': 'FROM python:3.12-slim\nCOPY status.py .\nEXPOSE 8080\nCMD ["python", "status.py"]\n',
      },
      findings: [
        { path: 'maintenance/Dockerfile', line: 1, messageId: 'dockerfile' },
        { path: 'tools/Dockerfile', line: 1, messageId: 'dockerfile' },
        { path: 'tools/webhook-relay/Dockerfile', line: 1, messageId: 'dockerfile' },
      ],
    },
    {
      // netbird: distroless's :debug tag carries busybox (sh, wget); an image that copies in a probe binary or runs a language runtime can run a check.
      name: 'a new image on distroless :debug, on a language-runtime distroless image, or on scratch with a probe binary copied in',
      after: {
        'proxy/Dockerfile': 'FROM golang:1.22 AS build\nRUN go build -o /proxy .\nFROM gcr.io/distroless/base:debug\nCOPY --from=build /proxy /proxy\nEXPOSE 8080\nENTRYPOINT ["/proxy"]\n',
        'web/Dockerfile': 'FROM node:20 AS build\nRUN npm ci\nFROM gcr.io/distroless/nodejs20-debian12\nCOPY --from=build /app /app\nEXPOSE 3000\nCMD ["/app/server.js"]\n',
        'svc/Dockerfile': 'FROM golang:1.22 AS build\nRUN go build -o /svc . && go build -o /grpc_health_probe ./probe\nFROM scratch\nCOPY --from=build /svc /grpc_health_probe /\nEXPOSE 9000\nENTRYPOINT ["/svc"]\n',
      },
      findings: [
        { path: 'proxy/Dockerfile', line: 3, messageId: 'dockerfile' },
        { path: 'svc/Dockerfile', line: 3, messageId: 'dockerfile' },
        { path: 'web/Dockerfile', line: 3, messageId: 'dockerfile' },
      ],
    },
    {
      // writefreely: the change adds Dockerfile.prod (no HEALTHCHECK) and a compose file running `image: writefreely`; the root Dockerfile's HEALTHCHECK is the development image's.
      name: "a compose service running the repository's own image when the change adds another Dockerfile without a HEALTHCHECK",
      repository: { owner: 'acme', name: 'notes' },
      before: { Dockerfile: 'FROM node:20-alpine\nHEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1\nCMD ["node", "server.js"]\n' },
      after: {
        Dockerfile: 'FROM node:20-alpine\nHEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1\nCMD ["node", "server.js"]\n',
        'Dockerfile.prod': 'FROM alpine:3.20\nCOPY notes /usr/bin/notes\nCMD ["/usr/bin/notes"]\n',
        'docker-compose.prod.yml': 'services:\n  app:\n    image: notes\n    ports:\n      - "127.0.0.1:3000:3000"\n',
      },
      findings: [{ path: 'docker-compose.prod.yml', line: 2, messageId: 'compose' }],
    },
    {
      name: "a compose service running the repository's own image, whose root Dockerfile has no HEALTHCHECK",
      repository: { owner: 'acme', name: 'notes' },
      before: { Dockerfile: 'FROM node:20-alpine\nCMD ["node", "server.js"]\n', 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n' },
      after: {
        Dockerfile: 'FROM node:20-alpine\nCMD ["node", "server.js"]\n',
        'docker-compose.yml': 'services:\n  notes:\n    image: ghcr.io/acme/notes\n    ports:\n      - "3000:3000"\n  db:\n    image: postgres:16\n',
      },
      findings: [{ path: 'docker-compose.yml', line: 2, messageId: 'compose' }],
    },
    {
      name: 'serversideup/php in its CLI variant, or a new service on another host port than the removed one',
      before: { 'docker-compose.yml': 'services:\n  mailin:\n    image: acme/mailin:1\n    ports:\n      - "25:25"\n' },
      after: { Dockerfile: 'FROM serversideup/php:8.3-cli\nCOPY . /app\nEXPOSE 8080\nCMD ["php", "-S", "0.0.0.0:8080"]\n', 'docker-compose.yml': 'services:\n  haraka:\n    image: acme/haraka:1\n    ports:\n      - "587:587"\n' },
      findings: [
        { path: 'Dockerfile', line: 1, messageId: 'dockerfile' },
        { path: 'docker-compose.yml', line: 2, messageId: 'compose' },
      ],
    },
    {
      name: 'a helper image whose start script prints a message and then starts nginx',
      after: { 'Dockerfile.dockergen': 'FROM nginxproxy/docker-gen:0.17.2\nCOPY app nginx.tmpl /app/\nWORKDIR /app/\nENTRYPOINT ["/app/docker-entrypoint.sh"]\nCMD ["docker-gen", "-watch", "/app/nginx.tmpl", "/etc/nginx/conf.d/default.conf"]\n', 'app/docker-entrypoint.sh': '#!/bin/bash\nset -e\nif [ -z "$RESOLVERS" ]; then\n  echo \'Warning: unable to determine DNS resolvers for nginx\' >&2\nfi\necho starting; exec nginx -g \'daemon off;\'\n' },
      findings: [{ path: 'Dockerfile.dockergen', line: 1, messageId: 'dockerfile' }],
    },
    {
      // A stack below the root is reported when something shows it is run as a deployment: a deployment folder, a
      // production name, a comment that says self-hosting, or a README that starts it under a heading that is not local.
      name: 'a stack below the root that a deployment folder, a production name, its comment or a README starts or documents',
      after: {
        'deploy/docker-compose.yml': 'services:\n  web:\n    image: acme/web:1.2\n    ports:\n      - "80:80"\n',
        'stack/compose.prod.yml': 'services:\n  web:\n    image: acme/web:1.2\n    ports:\n      - "80:80"\n',
        'hosting/caddy/docker-compose.yml': '# Self-hosting with Caddy in front\nservices:\n  web:\n    image: acme/web:1.2\n    ports:\n      - "80:80"\n',
        'setups/postgres/docker-compose.yml': 'services:\n  web:\n    image: acme/web:1.2\n    ports:\n      - "80:80"\n',
        'setups/postgres/README.md': '# With PostgreSQL\n\nStart it:\n\n```\ndocker compose up -d\n```\n',
        // A README of the stack's own folder documents it even without a command (n8n-hosting's docker-caddy/).
        'setups/caddy/docker-compose.yml': 'services:\n  web:\n    image: acme/web:1.2\n    ports:\n      - "80:80"\n',
        'setups/caddy/README.md': '# With Caddy\n\nSet the domain in `.env`, then follow the hosting guide.\n',
      },
      findings: [
        { path: 'deploy/docker-compose.yml', line: 2, messageId: 'compose' },
        { path: 'hosting/caddy/docker-compose.yml', line: 3, messageId: 'compose' },
        { path: 'setups/caddy/docker-compose.yml', line: 2, messageId: 'compose' },
        { path: 'setups/postgres/docker-compose.yml', line: 2, messageId: 'compose' },
        { path: 'stack/compose.prod.yml', line: 2, messageId: 'compose' },
      ],
    },
    {
      name: 'a compose service that runs by name an image the change builds with HEALTHCHECK NONE, or another image',
      after: {
        'docker-unified/Dockerfile': 'FROM mcr.microsoft.com/dotnet/aspnet:8.0-alpine\nEXPOSE 80\nHEALTHCHECK NONE\nCMD ["/entrypoint.sh"]\n',
        '.github/workflows/build-self-host.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          context: .\n          file: docker-unified/Dockerfile\n          tags: registry.example.com/self-host:${{ steps.tag.outputs.image_tag }}\n',
        'docker-unified/docker-compose.yml': 'services:\n  app:\n    image: ${REGISTRY:-acme}/self-host:${TAG:-latest}\n    ports:\n      - "80:80"\n  other:\n    image: acme/other:1\n    ports:\n      - "81:80"\n',
        'docker-unified/README.md': '# Self-hosting\n\n```sh\ndocker compose up -d\n```\n',
      },
      findings: [
        { path: 'docker-unified/docker-compose.yml', line: 2, messageId: 'compose' },
        { path: 'docker-unified/docker-compose.yml', line: 6, messageId: 'compose' },
      ],
    },
    {
      // The plain Dockerfile had a HEALTHCHECK (the variant drops it), or the variant is the production image. Beside a
      // new plain Dockerfile (b/) the variant is one image with it: the plain one's notice says it once.
      name: 'a new Dockerfile.<variant> beside a Dockerfile with a HEALTHCHECK, beside a new Dockerfile, a Dockerfile.prod, or written anew for another base',
      before: { 'e/Dockerfile': 'FROM ubuntu:24.04\nRUN apt-get install -y apache2 libapache2-mod-php\nCOPY . /var/www/html\nEXPOSE 80\nCMD ["apache2ctl", "-D", "FOREGROUND"]\n', 'a/Dockerfile': 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nEXPOSE 7745\nHEALTHCHECK CMD ["/app", "health"]\nCMD ["/app"]\n', 'c/Dockerfile': 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nEXPOSE 7745\nCMD ["/app"]\n' },
      after: { 'e/Dockerfile': 'FROM ubuntu:24.04\nRUN apt-get install -y apache2 libapache2-mod-php\nCOPY . /var/www/html\nEXPOSE 80\nCMD ["apache2ctl", "-D", "FOREGROUND"]\n', 'e/Dockerfile.alpine': 'FROM alpine:3.20\nRUN apk add --no-cache apache2 php83-apache2\nCOPY docker/entrypoint_alpine.sh /entrypoint.sh\nCOPY . /var/www/localhost/htdocs\nEXPOSE 80\nCMD ["/entrypoint.sh"]\n', 'a/Dockerfile': 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nEXPOSE 7745\nHEALTHCHECK CMD ["/app", "health"]\nCMD ["/app"]\n', 'a/Dockerfile.rootless': 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nEXPOSE 7745\nCMD ["/app"]\n', 'b/Dockerfile': 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nEXPOSE 7745\nCMD ["/app"]\n', 'b/Dockerfile.rootless': 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nEXPOSE 7745\nCMD ["/app"]\n', 'c/Dockerfile': 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nEXPOSE 7745\nCMD ["/app"]\n', 'c/Dockerfile.prod': 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nEXPOSE 7745\nCMD ["/app"]\n', 'd/Dockerfile.alpine': 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nEXPOSE 7745\nCMD ["/app"]\n' },
      findings: [
        { path: 'a/Dockerfile.rootless', line: 3, messageId: 'dockerfile' },
        { path: 'b/Dockerfile', line: 3, messageId: 'dockerfile' },
        { path: 'c/Dockerfile.prod', line: 3, messageId: 'dockerfile' },
        { path: 'd/Dockerfile.alpine', line: 3, messageId: 'dockerfile' },
        { path: 'e/Dockerfile.alpine', line: 1, messageId: 'dockerfile' },
      ],
    },
    {
      // The same start command alone is not the same image: a wrapper started the same way around other files (snipe-it's
      // Alpine image, `tini` running its own `entrypoint_alpine.sh`).
      name: 'a new <variant>.Dockerfile that only starts the same command as its sibling',
      before: {
        'f/Dockerfile': 'FROM ubuntu:24.04\nRUN apt-get install -y tini\nCOPY docker/entrypoint.sh /entrypoint.sh\nEXPOSE 80\nENTRYPOINT ["/tini", "--"]\nCMD ["/entrypoint.sh"]\n',
      },
      after: {
        'f/Dockerfile': 'FROM ubuntu:24.04\nRUN apt-get install -y tini\nCOPY docker/entrypoint.sh /entrypoint.sh\nEXPOSE 80\nENTRYPOINT ["/tini", "--"]\nCMD ["/entrypoint.sh"]\n',
        'f/alpine.Dockerfile': 'FROM alpine:3.20\nRUN apk add tini\nRUN apk add apache2 php83-apache2\nCOPY docker/entrypoint_alpine.sh /entrypoint.sh\nEXPOSE 80\nENTRYPOINT ["/tini", "--"]\nCMD ["/entrypoint.sh"]\n',
      },
      findings: [{ path: 'f/alpine.Dockerfile', line: 1, messageId: 'dockerfile' }],
    },
    {
      // One missing healthcheck, one notice: the HEALTHCHECK asked of the image serves the service that runs it by name.
      name: 'a compose service that runs by name the image a reported new Dockerfile is tagged with is not reported again',
      after: {
        'package.json': '{"scripts": {"build": "docker buildx build -t acme/manager:latest -t acme/manager:1 -f ./docker/Dockerfile . --push"}}\n',
        'docker/Dockerfile': 'FROM node:20\nUSER node\nEXPOSE 5001\nCMD ["node", "server.js"]\n',
        'compose.yaml': 'services:\n  manager:\n    image: acme/manager:1\n    ports:\n      - 5001:5001\n  other:\n    image: acme/other:1\n    ports:\n      - 8080:8080\n',
      },
      findings: [
        { path: 'compose.yaml', line: 6, messageId: 'compose', data: { service: 'other', reason: 'publishes ports' } },
        { path: 'docker/Dockerfile', line: 1, messageId: 'dockerfile' },
      ],
    },
    {
      // A re-published image that adds a step or a port of its own builds its own image.
      name: 'a vendor image re-published with a step or a port of its own',
      after: {
        'a/Dockerfile': 'FROM docker.io/chromedp/headless-shell:151\nLABEL org.opencontainers.image.title="Acme Chrome"\nRUN apt-get update && apt-get install -y fonts-noto\n',
        'b/Dockerfile': 'FROM docker.io/chromedp/headless-shell:151\nLABEL org.opencontainers.image.title="Acme Chrome"\nEXPOSE 9222\n',
      },
      findings: [
        { path: 'a/Dockerfile', line: 1, messageId: 'dockerfile' },
        { path: 'b/Dockerfile', line: 1, messageId: 'dockerfile' },
      ],
    },
    {
      // frappe_docker: the custom-app image adds an app to the project's worker image and runs its process: one notice, on the worker image.
      name: 'a new Dockerfile that adds to an image another new Dockerfile of the change builds, with no start command or port of its own',
      after: {
        'images/worker/Dockerfile': 'FROM python:3.11-slim\nCOPY . /app\nEXPOSE 8000\nCMD ["gunicorn", "app:app"]\n',
        'custom_app/backend.Dockerfile': 'ARG VERSION\nFROM acme/acme-worker:${VERSION}\nARG APP_NAME\nCOPY . ../apps/${APP_NAME}\nRUN pip install -e ../apps/${APP_NAME}\n',
        'custom_app/web.Dockerfile': 'FROM acme/acme-worker:1\nCOPY . /app\nCMD ["gunicorn", "custom:app"]\n',
        'other/Dockerfile': 'FROM acme/other:1\nCOPY . /app\n',
      },
      findings: [
        { path: 'custom_app/web.Dockerfile', line: 1, messageId: 'dockerfile' },
        { path: 'images/worker/Dockerfile', line: 1, messageId: 'dockerfile' },
        { path: 'other/Dockerfile', line: 1, messageId: 'dockerfile' },
      ],
    },
    {
      // An off-the-shelf image the application waits for is reported.
      name: 'a stock nginx the application service depends on',
      after: {
        'docker-compose.yml': 'services:\n  nginx:\n    image: nginx:1.27\n    ports: ["80:80"]\n  app:\n    image: ghcr.io/acme/app:1\n    depends_on: [nginx]\n    healthcheck:\n      test: ["CMD", "true"]\n',
      },
      findings: [{ path: 'docker-compose.yml', line: 2, messageId: 'compose', data: { service: 'nginx' } }],
    },
    {
      // A client that also declares a port, or whose name also says server, is judged as a server.
      name: 'a client with a port, a client-server, and a web front end in a client folder',
      after: {
        'a/Dockerfile': 'FROM python:3.12-slim\nCOPY *.py ./\nEXPOSE 8080\nCMD ["python", "sync_client.py"]\n',
        'b/Dockerfile': 'FROM python:3.12-slim\nCOPY *.py ./\nCMD ["python", "client_server.py"]\n',
        'client/Dockerfile': 'FROM node:20\nCOPY . .\nCMD ["npm", "start"]\n',
      },
      findings: [
        { path: 'a/Dockerfile', line: 1, messageId: 'dockerfile' },
        { path: 'b/Dockerfile', line: 1, messageId: 'dockerfile' },
        { path: 'client/Dockerfile', line: 1, messageId: 'dockerfile' },
      ],
    },
    {
      // A README that also runs the images with Docker, or a compose file in the change, keeps the image judged.
      name: 'a new image of a project whose README installs it with Helm and with docker run, or whose change adds a compose file',
      after: {
        'README.md': '# Acme\n\nhelm install acme acme/acme\n\nor: docker run -p 6432:6432 acme/pgbouncer\n',
        'images/pgbouncer/Dockerfile': 'FROM alpine:3.20\nRUN apk add pgbouncer\nEXPOSE 6432\nCMD ["pgbouncer", "/etc/pgbouncer/pgbouncer.ini"]\n',
      },
      findings: [{ path: 'images/pgbouncer/Dockerfile', line: 1, messageId: 'dockerfile' }],
    },
    {
      name: 'a new image and a compose file in a project whose README installs it with Helm',
      after: {
        'README.md': '# Acme Helm Chart\n\nhelm install acme acme/acme\n',
        'images/pgbouncer/Dockerfile': 'FROM alpine:3.20\nRUN apk add pgbouncer\nEXPOSE 6432\nCMD ["pgbouncer", "/etc/pgbouncer/pgbouncer.ini"]\n',
        'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n',
      },
      findings: [{ path: 'images/pgbouncer/Dockerfile', line: 1, messageId: 'dockerfile' }],
    },
    {
      // docmost: the new root Dockerfile builds the repository's own image, and the new compose file runs it as `docmost:latest`: one notice, on the image.
      name: 'a compose service running by the repository name the image of a reported new root Dockerfile',
      repository: { owner: 'acme', name: 'notes' },
      after: {
        Dockerfile: 'FROM node:20-alpine\nUSER node\nEXPOSE 3000\nCMD ["pnpm", "start"]\n',
        'docker-compose.yml': 'services:\n  notes:\n    image: docker.io/library/notes:latest\n    ports:\n      - "3000:3000"\n  notes-admin:\n    image: acme/notes-admin:1\n    ports:\n      - "3001:3001"\n',
      },
      findings: [
        { path: 'Dockerfile', line: 1, messageId: 'dockerfile' },
        { path: 'docker-compose.yml', line: 6, messageId: 'compose', data: { service: 'notes-admin', reason: 'publishes ports' } },
      ],
    },
    {
      // piggymetrics: `image: sqshq/piggymetrics-monitoring` runs the image of the new monitoring/Dockerfile, reported once on its FROM line.
      name: 'a compose service running by name (the project prefix before the folder) the image a reported new Dockerfile builds',
      after: {
        'monitoring/Dockerfile': 'FROM java:8-jre\nCOPY app.jar /app/\nEXPOSE 8989\nCMD ["java", "-jar", "/app/app.jar"]\n',
        'docker-compose.yml': 'services:\n  monitoring:\n    image: acme/shop-monitoring\n    ports:\n      - 8989:8989\n  ui:\n    image: acme/shop-monitoring-ui\n    ports:\n      - 8080:8080\n',
      },
      findings: [
        { path: 'docker-compose.yml', line: 6, messageId: 'compose', data: { service: 'ui', reason: 'publishes ports' } },
        { path: 'monitoring/Dockerfile', line: 1, messageId: 'dockerfile' },
      ],
    },
    {
      // netbird: proxy/Dockerfile packages a binary and proxy/Dockerfile.multistage compiles it first, the same final stage: one notice.
      name: 'a variant written from a new plain Dockerfile of the same change is one image with it; a variant of another final stage is not',
      after: {
        'proxy/Dockerfile': 'FROM gcr.io/distroless/base:debug\nCOPY netbird-proxy /go/bin/netbird-proxy\nCOPY --from=builder /tmp/passwd /etc/passwd\nUSER netbird:netbird\nENV HOME=/var/lib/netbird\nENV NB_PROXY_ADDRESS=":8443"\nEXPOSE 8443\nENTRYPOINT ["/go/bin/netbird-proxy"]\n',
        'proxy/Dockerfile.multistage': 'FROM golang:1.25-alpine AS builder\nWORKDIR /app\nCOPY . .\nRUN go build -o netbird-proxy ./proxy/cmd/proxy\nFROM gcr.io/distroless/base:debug\nCOPY --from=builder /app/netbird-proxy /usr/bin/netbird-proxy\nCOPY --from=builder /tmp/passwd /etc/passwd\nUSER netbird:netbird\nENV HOME=/var/lib/netbird\nENV NB_PROXY_ADDRESS=":8443"\nEXPOSE 8443\nENTRYPOINT ["/usr/bin/netbird-proxy"]\n',
        'web/Dockerfile': 'FROM node:20-alpine\nCOPY . /app\nEXPOSE 3000\nCMD ["node", "/app/server.js"]\n',
        'web/Dockerfile.alpine': 'FROM alpine:3.20\nRUN apk add nodejs npm\nCOPY . /srv\nRUN npm ci --omit=dev\nEXPOSE 3000\nCMD ["node", "/srv/server.js"]\n',
      },
      findings: [
        { path: 'proxy/Dockerfile', line: 1, messageId: 'dockerfile' },
        { path: 'web/Dockerfile', line: 1, messageId: 'dockerfile' },
        { path: 'web/Dockerfile.alpine', line: 1, messageId: 'dockerfile' },
      ],
    },
    {
      name: 'a service renamed to pull an image the override file beside it builds from another Dockerfile',
      before: { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    ports:\n      - 8000:8000\n', Dockerfile: 'FROM python:3.12\nEXPOSE 8000\nCMD ["gunicorn", "core.wsgi"]\n', 'v2/Dockerfile': 'FROM python:3.12\nEXPOSE 8000\nCMD ["gunicorn", "core.wsgi"]\n' },
      after: {
        'docker-compose.yml': 'services:\n  app:\n    image: acme/app:latest\n    ports:\n      - "8000:8000"\n',
        'docker-compose.override.yml': 'services:\n  app:\n    build: ./v2\n',
        Dockerfile: 'FROM python:3.12\nEXPOSE 8000\nCMD ["gunicorn", "core.wsgi"]\n',
        'v2/Dockerfile': 'FROM python:3.12\nEXPOSE 8000\nCMD ["gunicorn", "core.wsgi"]\n',
      },
      findings: [{ path: 'docker-compose.yml', line: 2, messageId: 'compose' }],
    },
    {
      // The image named before had a HEALTHCHECK in the Dockerfile that built it, and another service pulled a different image.
      name: 'a renamed service naming the same image, whose old Dockerfile had a HEALTHCHECK, or naming another image',
      before: {
        'docker-compose.yml': 'services:\n  web:\n    image: acme/web:1\n    build: ./old\n  api:\n    image: acme/api:1\n',
        'old/Dockerfile': 'FROM node:22\nHEALTHCHECK CMD curl -f http://localhost/\nCMD ["node", "s.js"]\n',
        Dockerfile: 'FROM node:22 AS build\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /app /app\nCMD ["node", "s.js"]\n',
        'backend/Dockerfile': 'FROM node:22 AS build\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /app /app\nCMD ["node", "api.js"]\n',
      },
      after: {
        'docker-compose.yml': 'services:\n  app:\n    image: acme/web:2\n    build: .\n  backend:\n    image: acme/backend:1\n    build: ./backend\n',
        Dockerfile: 'FROM node:22 AS build\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /app /app\nCMD ["node", "s.js"]\n',
        'backend/Dockerfile': 'FROM node:22 AS build\nRUN npm ci\nFROM node:22-slim\nCOPY --from=build /app /app\nCMD ["node", "api.js"]\n',
      },
      findings: [
        { path: 'docker-compose.yml', line: 2, messageId: 'compose' },
        { path: 'docker-compose.yml', line: 5, messageId: 'compose' },
      ],
    },
    {
      // A service renamed with the same build is the same container; one renamed to build another Dockerfile, or whose Dockerfile had a HEALTHCHECK, is not.
      name: 'a renamed compose service that builds the same Dockerfile as before',
      before: {
        'docker-compose.yml': 'services:\n  web_app:\n    build:\n      context: .\n      dockerfile: Dockerfile\n    ports:\n      - "8000:8000"\n',
        Dockerfile: 'FROM python:3.12\nEXPOSE 8000\nCMD ["uvicorn", "app:app"]\n',
        'api/docker-compose.yml': 'services:\n  api_v1:\n    build: .\n    ports:\n      - "9000:9000"\n',
        'api/Dockerfile': 'FROM python:3.12\nEXPOSE 9000\nCMD ["uvicorn", "api:app"]\n',
        'api/v2/Dockerfile': 'FROM python:3.12\nEXPOSE 9000\nCMD ["uvicorn", "api:app"]\n',
      },
      after: {
        'docker-compose.yml': 'services:\n  app:\n    build: .\n    ports:\n      - "8000:8000"\n',
        Dockerfile: 'FROM python:3.12\nEXPOSE 8000\nCMD ["uvicorn", "app:app"]\n',
        'api/docker-compose.yml': 'services:\n  api:\n    build: ./v2\n    ports:\n      - "9000:9000"\n',
        'api/Dockerfile': 'FROM python:3.12\nEXPOSE 9000\nCMD ["uvicorn", "api:app"]\n',
        'api/v2/Dockerfile': 'FROM python:3.12\nEXPOSE 9000\nCMD ["uvicorn", "api:app"]\n',
        'api/README.md': '# API\n\n## Running\n\n    docker compose up\n',
      },
      findings: [{ path: 'api/docker-compose.yml', line: 2, messageId: 'compose', data: { service: 'api', reason: 'builds an image' } }],
    },
    {
      // zabbix: build-pgsql compiles for the server image, which copies its files out of a `builder` stage; photoview: COPY --from=<the dependencies image>.
      name: 'builder images other Dockerfiles only copy files out of, and an image built FROM that starts a server',
      after: {
        'Dockerfiles/build-pgsql/rhel/Dockerfile': 'ARG BUILD_BASE_IMAGE=acme-build-base:rhel\nFROM ${BUILD_BASE_IMAGE} AS builder\nRUN make\n',
        'Dockerfiles/server-pgsql/rhel/Dockerfile': 'ARG VERSION=7.0\nARG BUILD_BASE_IMAGE=acme-build-pgsql:rhel-${VERSION}\nFROM ${BUILD_BASE_IMAGE} AS builder\nFROM ubi9/ubi-minimal\nCOPY --from=builder /src/server /usr/sbin/server\nEXPOSE 10051\nCMD ["/usr/sbin/server"]\n',
        'dependencies/Dockerfile': 'FROM debian:12 AS build\nRUN ./build.sh\nFROM debian:12-slim\nCOPY --from=build /artifacts.tar.gz /\n',
        Dockerfile: 'FROM golang:1.24 AS api\nCOPY --from=acme/dependencies /artifacts.tar.gz /deps/\nRUN go build -o /app\nFROM debian:12-slim\nCOPY --from=api /app /app\nEXPOSE 80\nHEALTHCHECK CMD ["/app", "health"]\nCMD ["/app"]\n',
        'runtime/Dockerfile': 'FROM debian:12-slim\nRUN apt-get install -y ca-certificates\n',
        'web/Dockerfile': 'FROM acme/runtime AS base\nCOPY site /site\nEXPOSE 80\nHEALTHCHECK CMD true\nCMD ["nginx"]\n',
      },
      findings: [
        { path: 'Dockerfiles/server-pgsql/rhel/Dockerfile', line: 4, messageId: 'dockerfile' },
        { path: 'runtime/Dockerfile', line: 1, messageId: 'dockerfile' },
      ],
    },
    {
      name: 'an image that starts a server is judged whatever builds on it, and a base-named image that exposes a port',
      after: {
        'Makefile': 'base:\n\tdocker build -t acme/web -f web/Dockerfile web\n',
        'web/Dockerfile': 'FROM python:3.12\nEXPOSE 8000\nCMD ["gunicorn", "app:app"]\n',
        'worker/Dockerfile': 'FROM acme/web\nEXPOSE 8001\nCMD ["gunicorn", "api:app"]\n',
        'img/Dockerfile.base': 'FROM node:20\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
      },
      findings: [
        { path: 'img/Dockerfile.base', line: 1, messageId: 'dockerfile' },
        { path: 'web/Dockerfile', line: 1, messageId: 'dockerfile' },
        { path: 'worker/Dockerfile', line: 1, messageId: 'dockerfile' },
      ],
    },
    {
      name: 'an image whose start script only mentions cron in a comment',
      after: { 'Dockerfile': 'FROM python:3.12\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n', 'start.sh': '#!/bin/sh\n# no cron here\nexec gunicorn app:app\n' },
      findings: [{ path: 'Dockerfile', line: 1, messageId: 'dockerfile' }],
    },
    {
      // The stack users run as shipped: the app waits on the database it ships, so a healthcheck is what it can wait for.
      name: 'a stock database the app depends on in a compose file that says it is the self-hosting stack, or is named for production',
      after: {
        'docker-compose.yml': '# To make it easier to self-host, we have a preset docker compose config\nservices:\n  api:\n    image: ghcr.io/acme/api:1\n    depends_on:\n      - db\n    healthcheck:\n      test: ["CMD", "true"]\n  db:\n    image: postgres\n    ports:\n      - "5432:5432"\n',
        'deploy/docker-compose.prod.yml': 'services:\n  web:\n    image: ghcr.io/acme/web:1\n    depends_on: [cache]\n    healthcheck:\n      test: ["CMD", "true"]\n  cache:\n    image: redis:7\n    ports: ["6379"]\n',
      },
      findings: [
        { path: 'deploy/docker-compose.prod.yml', line: 7, messageId: 'compose', data: { service: 'cache', reason: 'publishes ports' } },
        { path: 'docker-compose.yml', line: 9, messageId: 'compose', data: { service: 'db', reason: 'publishes ports' } },
      ],
    },
    {
      name: 'an off-the-shelf image the application depends on, and the project’s own prebuilt image',
      after: {
        'docker-compose.yml':
          'services:\n  prometheus:\n    image: prom/prometheus:v2.53.0\n    ports: ["9090"]\n  grafana:\n    image: grafana/grafana:11.0.0\n    depends_on: [prometheus]\n  web:\n    image: ghcr.io/acme/web:1\n    ports: ["8080:80"]\n    depends_on: [prometheus]\n',
      },
      findings: [
        { line: 2, messageId: 'compose', data: { service: 'prometheus', reason: 'publishes ports' } },
        { line: 8, messageId: 'compose', data: { service: 'web', reason: 'publishes ports' } },
      ],
    },
    {
      name: 'a database image the project builds, or a look-alike name from another registry owner, is judged',
      before: { 'db/Dockerfile': 'FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n' },
      after: {
        'db/Dockerfile': 'FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n',
        'docker-compose.yml': 'services:\n  db:\n    build: ./db\n    image: postgres\n    ports: ["5432:5432"]\n  search:\n    image: acme/mongo\n    ports: ["8080:8080"]\n',
      },
      findings: [
        { path: 'docker-compose.yml', line: 2, messageId: 'compose', data: { service: 'db', reason: 'builds an image' } },
        { path: 'docker-compose.yml', line: 6, messageId: 'compose', data: { service: 'search', reason: 'publishes ports' } },
      ],
    },
    {
      name: 'a new service image whose name no manifest in the change runs',
      after: { 'src/cart/Dockerfile': 'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n', 'k8s/web.yaml': deployment('Deployment', probed) },
      findings: [{ path: 'src/cart/Dockerfile', line: 1, messageId: 'dockerfile' }],
    },
    {
      name: 'a new Dockerfile without a HEALTHCHECK',
      after: { Dockerfile: 'FROM python:3.12-slim AS build\nRUN pip wheel .\nFROM python:3.12-slim\nEXPOSE 5000\nCMD ["gunicorn", "app:app"]\n' },
      findings: [{ line: 3, severity: 'notice', messageId: 'dockerfile', data: { image: 'python:3.12-slim' }, remediation: /urllib\.request\.urlopen\('http:\/\/localhost:5000\/health'/ }],
    },
    { name: 'a new Node Dockerfile', after: { 'web/Dockerfile': 'FROM node:20-alpine\nCMD ["node", "server.js"]\n' }, findings: [{ line: 1, messageId: 'dockerfile', remediation: /fetch\('http:\/\/localhost:8000\/health'\)/ }] },
    { name: 'a new Debian-based Dockerfile', after: { Dockerfile: 'FROM debian:12\nEXPOSE 8080\nCMD ["/srv/app"]\n' }, findings: [{ line: 1, messageId: 'dockerfile', remediation: /curl", "-fsS", "http:\/\/localhost:8080\/health"[\s\S]*Install `curl`/ }] },
    {
      name: 'a binary that declares no port, built by a compose service that publishes one',
      after: { 'api/Dockerfile': 'FROM debian:12\nCOPY api /srv/api\nCMD ["/srv/api"]\n', 'docker-compose.yml': 'services:\n  api:\n    build: ./api\n    ports: ["8080:8080"]\n' },
      findings: [{ path: 'api/Dockerfile', line: 1, messageId: 'dockerfile' }],
    },
    {
      // papra: `CMD ["pnpm", "start:with-migrations"]` migrates, then serves the app on :1221.
      name: 'an image whose start script runs the migrations and then starts the server',
      after: {
        'docker/Dockerfile': 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nEXPOSE 1221\nCMD ["pnpm", "start:with-migrations"]\n',
        'web/Dockerfile': 'FROM python:3.12-slim\nCOPY . .\nEXPOSE 8000\nCMD ["/app/migrate-and-serve.sh"]\n',
      },
      findings: [
        { path: 'docker/Dockerfile', line: 1, messageId: 'dockerfile' },
        { path: 'web/Dockerfile', line: 1, messageId: 'dockerfile' },
      ],
    },
    {
      name: 'a migrator image that also exposes a port and runs a server',
      after: { 'tools/migrator/Dockerfile': 'FROM eclipse-temurin:21-jre-alpine\nCOPY migrator.jar ./\nEXPOSE 8080\nCMD ["java", "-jar", "migrator.jar", "serve"]\n' },
      findings: [{ path: 'tools/migrator/Dockerfile', line: 1, messageId: 'dockerfile' }],
    },
    {
      name: 'a backup server named as one: the name says it serves',
      after: { 'backup-server/Dockerfile': 'FROM node:20-alpine\nCMD ["node", "server.js"]\n' },
      findings: [{ path: 'backup-server/Dockerfile', line: 1, messageId: 'dockerfile' }],
    },
    {
      name: 'a runner prefix followed by the server it runs',
      after: { Dockerfile: 'FROM ruby:3.3\nCOPY . .\nCMD ["bundle", "exec", "puma"]\n' },
      findings: [{ line: 1, messageId: 'dockerfile' }],
    },
    {
      name: 'a start script the repository does not have may start anything',
      after: { Dockerfile: 'FROM debian:12\nCMD ["/usr/local/bin/entrypoint.sh"]\n' },
      findings: [{ line: 1, messageId: 'dockerfile' }],
    },
    {
      name: 'a new image on another base than the Dockerfile the change deletes',
      before: { 'build/web/Dockerfile': 'FROM python:3.12\nCOPY . /app\nCMD ["gunicorn", "app:app"]\n' },
      after: { 'images/api/Dockerfile': 'FROM node:20-alpine\nWORKDIR /srv\nEXPOSE 3000\nCMD ["node", "server.js"]\n' },
      findings: [{ line: 1, messageId: 'dockerfile' }],
    },
    {
      name: 'a new image replacing a deleted one that had a HEALTHCHECK',
      before: { 'build/web/Dockerfile': 'FROM nginx:1.25\nHEALTHCHECK CMD wget -q --spider http://localhost/\nCOPY site /usr/share/nginx/html\n' },
      after: { 'images/web/Dockerfile': 'FROM node:20 AS assets\nRUN npm ci && npm run build\nFROM nginx:1.27-alpine\nCOPY --from=assets /dist /usr/share/nginx/html\n' },
      findings: [{ line: 3, messageId: 'dockerfile' }],
    },
    {
      name: 'a renamed workload whose container had probes before (not the same container without probes)',
      before: { 'k8s/web.yaml': deployment('ReplicationController', probed) },
      after: { 'k8s/web.yaml': deployment('Deployment', web).replace('name: web\nspec', 'name: web-v2\nspec') },
      findings: [{ line: 9, messageId: 'kubernetes', data: { container: 'web', workload: 'Deployment/web-v2' } }],
    },
    {
      name: 'a renamed workload that now runs another image under the same container name',
      before: { 'k8s/web.yaml': deployment('Deployment', web) },
      after: { 'k8s/web.yaml': deployment('Deployment', web.replace('app:1', 'other:1')).replace('name: web\nspec', 'name: api\nspec') },
      findings: [{ line: 9, messageId: 'kubernetes', data: { container: 'web', workload: 'Deployment/api' } }],
    },
    {
      name: 'a new workload beside an existing one of the same container and image',
      before: { 'k8s/web.yaml': deployment('Deployment', web) },
      after: { 'k8s/web.yaml': `${deployment('Deployment', web)}---\n${deployment('Deployment', web).replace('name: web\nspec', 'name: web-canary\nspec')}` },
      findings: [{ line: 22, messageId: 'kubernetes', data: { container: 'web', workload: 'Deployment/web-canary' } }],
    },
    {
      name: 'a service added to a production compose file while the development file it was split from keeps it untouched',
      before: { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    ports: ["8000:8000"]\n' },
      after: { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    ports: ["8000:8000"]\n', 'docker-compose.prod.yml': 'services:\n  api:\n    build: .\n    ports: ["8000:8000"]\n    restart: always\n' },
      findings: [{ path: 'docker-compose.prod.yml', line: 2, messageId: 'compose' }],
    },
    {
      name: 'a compose file rewritten under a longer name (deleted and added): its pulled service moved; a new service in a sibling variant is new',
      before: { 'docker-compose-ferretdb.yml': 'services:\n  ferretdb:\n    image: ghcr.io/acme/gateway:1\n    ports: ["27017:27017"]\n  wekan:\n    image: wekanteam/wekan:v7\n    healthcheck:\n      test: ["CMD", "true"]\n' },
      after: {
        'docker-compose-ferretdb-v2-postgresql.yml': 'services:\n  ferretdb:\n    image: ghcr.io/acme/gateway:2\n    ports: ["27017:27017"]\n    environment:\n      - FERRETDB_POSTGRESQL_URL=postgres://pg:5432/db\n      - FERRETDB_TELEMETRY=disable\n      - FERRETDB_LOG_LEVEL=info\n    depends_on:\n      - pg\n  pg:\n    image: ghcr.io/ferretdb/postgres-documentdb:17\n    restart: on-failure\n    volumes:\n      - ./data:/var/lib/postgresql/data\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n  wekan:\n    image: wekanteam/wekan:v7\n    environment:\n      - MONGO_URL=mongodb://ferretdb:27017/wekan\n    healthcheck:\n      test: ["CMD", "true"]\n',
        'docker-compose-sqlite.yml': 'services:\n  admin:\n    image: ghcr.io/acme/admin:1\n    ports: ["3100:3100"]\n',
      },
      findings: [{ path: 'docker-compose-sqlite.yml', line: 2, messageId: 'compose' }],
    },
    {
      name: 'a new image service that no service of the base or of a deleted compose file ran',
      before: { 'docker-compose.yml': 'services:\n  app:\n    image: ghcr.io/acme/app:latest\n    ports: ["3000:3000"]\n' },
      after: { 'docker-compose.yml': 'services:\n  web:\n    image: ghcr.io/acme/app:latest\n    ports: ["3000:3000"]\n  admin:\n    image: ghcr.io/acme/admin:1\n    ports: ["3100:3100"]\n' },
      findings: [{ path: 'docker-compose.yml', line: 5, messageId: 'compose' }],
    },
    {
      name: 'a new compose variant beside a compose file the change deletes that ran the same image',
      before: { 'docker-compose-k8s.yml': 'services:\n  vote:\n    image: acme/vote:before\n    ports: ["5000:80"]\n  redis:\n    image: redis:alpine\n  db:\n    image: postgres:9.4\n  worker:\n    image: acme/worker\n  viz:\n    image: acme/viz:stable\n' },
      after: { 'docker-compose.images.yml': 'services:\n  vote:\n    image: acme/vote:latest\n    ports: ["5000:80"]\n    depends_on: [redis]\n    restart: always\n    environment:\n      A: "1"\n' },
      findings: [{ path: 'docker-compose.images.yml', line: 2, messageId: 'compose' }],
    },
    {
      name: 'a service of the same name moved into a new compose file but running a prebuilt image instead of building',
      before: { 'docker-stack.yml': 'services:\n  result:\n    image: acme/result:before\n    ports: ["5001:80"]\n', 'docker-compose.yml': 'services:\n  result:\n    build: ./result\n    ports: ["5001:80"]\n' },
      after: {
        'docker-compose.images.yml': 'services:\n  result:\n    image: acme/result\n    ports: ["5001:80"]\n',
        'docker-stack.yml': 'services:\n  result:\n    image: acme/result\n    ports: ["5001:80"]\n',
        'docker-compose.yml': 'services:\n  result:\n    build: ./result\n    ports: ["5001:80", "5858:5858"]\n',
      },
      findings: [{ path: 'docker-compose.images.yml', line: 2, messageId: 'compose' }],
    },
    {
      // One missing healthcheck, one notice: a HEALTHCHECK in the new image serves the service that builds it.
      name: 'a new Dockerfile whose new compose service has no healthcheck: reported once, on the image',
      after: { 'api/Dockerfile': 'FROM python:3.12\n', 'docker-compose.yml': 'services:\n  api:\n    build: ./api\n' },
      findings: [{ path: 'api/Dockerfile', line: 1, messageId: 'dockerfile' }],
    },
    {
      // The stack keeps health in compose (another service it builds has a compose healthcheck): the fix goes on the service.
      name: 'a new Dockerfile and its new compose service in a stack that writes healthchecks in compose: reported once, on the service',
      after: {
        'src/site/Dockerfile': 'FROM nginx:1.29\nEXPOSE 8000\n',
        'src/kafka/Dockerfile': 'FROM apache/kafka:3.9\n',
        '.env': 'DOCS_DOCKERFILE=./src/site/Dockerfile\n',
        'docker-compose.yml': 'services:\n  kafka:\n    build:\n      context: ./\n      dockerfile: ./src/kafka/Dockerfile\n    healthcheck:\n      test: ["CMD", "true"]\n  docs:\n    build:\n      context: ./\n      dockerfile: ${DOCS_DOCKERFILE}\n    ports:\n      - "8000"\n',
      },
      findings: [{ path: 'docker-compose.yml', line: 8, messageId: 'compose' }],
    },
    {
      name: 'a healthcheck on a stock image the stack does not build does not move the notice off the image',
      after: {
        'api/Dockerfile': 'FROM python:3.12\n',
        'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n  api:\n    build: ./api\n',
      },
      findings: [{ path: 'api/Dockerfile', line: 1, messageId: 'dockerfile' }],
    },
    {
      name: 'a variable the .env does not set leaves the Dockerfile unknown: both are reported',
      after: {
        'src/site/Dockerfile': 'FROM nginx:1.29\nEXPOSE 8000\n',
        'docker-compose.yml': 'services:\n  docs:\n    build:\n      context: ./\n      dockerfile: ${DOCS_DOCKERFILE}\n    ports:\n      - "8000"\n',
      },
      findings: [
        { path: 'docker-compose.yml', line: 2, messageId: 'compose' },
        { path: 'src/site/Dockerfile', line: 1, messageId: 'dockerfile' },
      ],
    },
    {
      name: 'a new compose service building a Dockerfile the change does not touch',
      before: { 'api/Dockerfile': 'FROM python:3.12\n', 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n' },
      after: { 'api/Dockerfile': 'FROM python:3.12\n', 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n  api:\n    build: ./api\n' },
      findings: [{ path: 'docker-compose.yml', line: 4, messageId: 'compose', data: { service: 'api', reason: 'builds an image' } }],
    },
    {
      name: 'a compose service the change adds that publishes ports',
      before: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n' },
      after: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n  web:\n    image: ghcr.io/acme/web:1\n    ports:\n      - "8080:80"\n' },
      findings: [{ line: 6, messageId: 'compose', data: { service: 'web', reason: 'publishes ports' }, remediation: /test: \["CMD", "curl", "-fsS", "http:\/\/localhost:80\/health"\][\s\S]*condition: service_healthy/ }],
    },
    { name: 'a compose file that is new', after: { 'compose.yaml': 'services:\n  api:\n    build: .\n    ports: ["8000:8000"]\n' }, findings: [{ line: 2, messageId: 'compose' }] },
    {
      name: 'a new Deployment without probes',
      after: { 'k8s/web.yaml': deployment('Deployment', web) },
      findings: [{ line: 9, messageId: 'kubernetes', data: { container: 'web', workload: 'Deployment/web' }, remediation: /port: 8000/ }],
    },
    { name: 'a new StatefulSet without probes', after: { 'k8s/db.yaml': deployment('StatefulSet', web) }, findings: [{ line: 9, messageId: 'kubernetes' }] },
    {
      name: 'a manifest beside a kustomization that lists it as a resource',
      after: { 'base/web.yaml': deployment('Deployment', web), 'base/kustomization.yaml': 'resources:\n  - web.yaml\n' },
      findings: [{ path: 'base/web.yaml', line: 9, messageId: 'kubernetes' }],
    },
    {
      name: 'a sidecar the change adds to an existing Deployment',
      before: { 'k8s/web.yaml': deployment('Deployment', probed) },
      after: { 'k8s/web.yaml': deployment('Deployment', probed + sidecar) },
      findings: [{ line: 15, messageId: 'kubernetes', data: { container: 'proxy', workload: 'Deployment/web' } }],
    },
    {
      name: 'a second workload in a multi-document file',
      before: { 'k8s/all.yaml': deployment('Deployment', probed) },
      after: { 'k8s/all.yaml': `${deployment('Deployment', probed)}---\n${deployment('DaemonSet', web)}` },
      findings: [{ line: 24, messageId: 'kubernetes', data: { container: 'web', workload: 'DaemonSet/web' } }],
    },
  ],
});
