// Table tests for container-root-user.
import check from '../../checks/container-root-user.js';
import { testCheck } from '../helpers/check-tester.js';
import { OWN_IMAGE_VALID, ownImageInvalid } from './own-image-cases.js';

const withUser = 'FROM python:3.12-slim\nRUN useradd --system app\nWORKDIR /app\nCOPY . .\nUSER app\nCMD ["gunicorn", "app:app"]\n';
const deployment = (securityContext: string, containerContext = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n${securityContext}      containers:\n        - name: web\n          image: app:1\n${containerContext}`;

/** A runtime stage of a generated per-architecture Dockerfile: the base image changes, the rest is the template's. */
const runtime = (image: string, extra = '') =>
  `FROM rust:1.73 AS build\nRUN cargo build --release\nFROM ${image}\nENV ROCKET_PORT=80\nRUN mkdir /data && apk add --no-cache openssl tzdata\n${extra}VOLUME /data\nEXPOSE 80\nWORKDIR /\nCOPY docker/start.sh /start.sh\nCOPY --from=build /app/target/release/server .\nHEALTHCHECK CMD ["/healthcheck.sh"]\nCMD ["/start.sh"]\n`;

/** Build stages for every architecture, written anew when per-architecture Dockerfiles become one per base image. */
const crossBuild = ['amd64', 'arm64', 'armv7', 'armv6'].map((arch) => `FROM --platform=linux/amd64 ghcr.io/cross/rust-${arch}:1.73 AS build_${arch}\nRUN rustup target add ${arch}-unknown-linux-gnu\nRUN apt-get install -y gcc-${arch}\n`).join('');

/** An image that packages a prebuilt binary and runs it, with no USER. */
const packaged = 'FROM ubuntu:24.04\nRUN apt update && apt install -y ca-certificates\nENTRYPOINT [ "/go/bin/server" ]\nCMD ["--config", "/etc/app/config.yaml"]\nCOPY server /go/bin/server\n';
/** The same image built from source in a builder stage first. */
const fromSource = (image: string) => `FROM golang:1.25 AS builder\nWORKDIR /app\nRUN apt-get update && apt-get install -y gcc git\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o server ./cmd\n${image.replace('COPY server', 'COPY --from=builder /app/server')}`;

/** A cross-compiling build container whose build script the Dockerfile writes inline (netbird's Wails `Dockerfile.cross`). */
const crossBuilder = (last: string, extra = '') =>
  `FROM golang:1.25-bookworm\nRUN apt-get update && apt-get install -y gcc nodejs npm\n${extra}COPY <<'SCRIPT' /usr/local/bin/build.sh\n#!/bin/sh\nset -e\nOS=\${1:-darwin}\nif [ -d frontend ]; then\n    (cd frontend && npm install && npm run build)\nfi\nmkdir -p bin\n${last}\necho "Built: bin/app"\nSCRIPT\nRUN chmod +x /usr/local/bin/build.sh\nWORKDIR /app\nENTRYPOINT ["/usr/local/bin/build.sh"]\nCMD ["darwin", "arm64"]\n`;

/** apprise-api: a start script in a folder the image copies whole, which starts supervisord with a configuration from that folder. */
const supervised = (conf: string) => ({
  Dockerfile: 'FROM python:3.12-slim\nRUN pip install gunicorn supervisor && apt-get install -y nginx\nWORKDIR /opt/apprise\nCOPY apprise_api/ webapp\nEXPOSE 8000\nCMD ["/opt/apprise/webapp/supervisord-startup"]\n',
  'apprise_api/supervisord-startup': '#!/bin/bash\nPUID=${PUID:=1000}\nchown -R $PUID /config /run/apprise\n# supervisord switches to the user of its configuration\n/usr/local/bin/supervisord -c /opt/apprise/webapp/etc/supervisord.conf\nexit $?\n',
  'apprise_api/etc/supervisord.conf': conf,
});

testCheck(check, {
  valid: [
    ...OWN_IMAGE_VALID,
    {
      // multi-scrobbler 636004a1: a LinuxServer.io base; its s6 service script starts node with `s6-setuidgid abc`.
      name: 'an image on a LinuxServer.io base, whose s6-overlay init runs the services as abc',
      after: {
        Dockerfile: 'FROM ghcr.io/linuxserver/baseimage-alpine:3.20\nRUN apk add --no-cache nodejs npm\nCOPY root/ /\nCOPY --chown=abc:abc . /app\nEXPOSE 9078\n',
        'legacy/Dockerfile': 'FROM lsiobase/alpine:3.17 AS base\nRUN apk add --no-cache nodejs npm\nFROM base AS app\nCOPY root/ /\nEXPOSE 9078\n',
      },
    },
    {
      // hmpps-prisoner-search f8e5d927: the organisation's hardened Temurin base creates appuser and runs as it.
      name: "an image on the organisation's own base that hands its files to a user the base defines",
      repository: { owner: 'ministryofjustice', name: 'hmpps-prisoner-search' },
      after: { Dockerfile: 'FROM ghcr.io/ministryofjustice/hmpps-eclipse-temurin:21-jre-jammy\nWORKDIR /app\nCOPY --chown=appuser:appgroup build/libs/app.jar /app/app.jar\nENTRYPOINT ["java", "-jar", "/app/app.jar"]\n' },
    },
    {
      // dittofeed ad277a4273a0: render/clickhouse/Dockerfile relabels the stock server; render/temporal/server/Dockerfile adds config to temporalio/server (USER temporal).
      name: "a ClickHouse server image that keeps its start, and Temporal's server images, which set USER temporal",
      after: {
        'render/clickhouse/Dockerfile': 'FROM clickhouse/clickhouse-server:22.9.5.25\n',
        'render/temporal/server/Dockerfile': 'FROM temporalio/server:1.14.3\nCOPY config.yaml /etc/temporal/config/config_template.yaml\nENTRYPOINT ["bash", "-c", "/etc/temporal/entrypoint.sh"]\n',
        'render/temporal/setup/Dockerfile': 'FROM temporalio/auto-setup:1.14.3\nCOPY setup.sh /etc/temporal/setup.sh\n',
      },
    },
    {
      // opencve 8feb55cac5e9: Airflow's reference compose runs airflow-init as 0:0 to create and chown its folders; the services wait for it to complete.
      name: 'a compose one-shot init service as root that the other services wait for to complete successfully',
      after: {
        'docker-compose.yaml': 'services:\n  web:\n    image: apache/airflow:2.8.1\n    user: "50000:0"\n    depends_on:\n      airflow-init:\n        condition: service_completed_successfully\n  airflow-init:\n    image: apache/airflow:2.8.1\n    entrypoint: /bin/bash\n    command: ["-c", "exec /entrypoint airflow version"]\n    user: "0:0"\n',
      },
    },
    {
      // apprise-api: `[supervisord] user=www-data` — supervisord switches to that user before it starts nginx and gunicorn.
      name: 'a start script that runs supervisord with a configuration whose daemon user is not root',
      after: supervised('[supervisord]\nnodaemon=true\nuser=www-data\ngroup=www-data\n\n[program:nginx]\ncommand=/usr/sbin/nginx\n\n[program:gunicorn]\ncommand=gunicorn core.wsgi\n'),
    },
    {
      name: 'supervisord as the start command, every program of its configuration run as a user',
      after: {
        Dockerfile: 'FROM python:3.12-slim\nRUN pip install supervisor\nCOPY deploy/supervisord.conf /etc/supervisor/conf.d/app.conf\nCMD ["supervisord", "-c", "/etc/supervisor/conf.d/app.conf"]\n',
        'deploy/supervisord.conf': '[supervisord]\nnodaemon=true\n\n[program:web]\ncommand=gunicorn app:app\nuser=app ; the app user\n\n[program:worker]\ncommand=celery -A app worker\nuser = app\n',
      },
    },
    {
      // Unleash: `FROM postgres:15` with an init script; the postgres entrypoint re-runs itself as `postgres` with gosu.
      name: 'official database images that keep the start command whose entrypoint steps down from root',
      after: {
        'docker/local-postgres/Dockerfile': 'FROM postgres:15\nCOPY init-unleash.sql /docker-entrypoint-initdb.d/init-unleash.sql\n',
        'db/Dockerfile': 'FROM docker.io/library/mysql:8.4\nCOPY my.cnf /etc/mysql/conf.d/\nCMD ["mysqld", "--character-set-server=utf8mb4"]\n',
        'cache/Dockerfile': 'FROM redis:7-alpine\nCOPY redis.conf /usr/local/etc/redis/redis.conf\nCMD ["redis-server", "/usr/local/etc/redis/redis.conf"]\n',
        'gis/Dockerfile': 'FROM postgis/postgis:16-3.4\nCMD ["-c", "shared_buffers=256MB"]\n',
      },
    },
    {
      // netbird: the Wails desktop UI's cross-compilation container, run as `docker run --rm -v $(pwd):/app wails-cross darwin arm64`.
      name: 'a build container whose inline start script ends by compiling, or whose start command is a build',
      after: {
        'client/ui/build/docker/Dockerfile.cross': crossBuilder('go build -tags production -trimpath -o bin/app-$OS .'),
        'tools/release/Dockerfile': 'FROM rust:1.80\nWORKDIR /src\nCMD ["cargo", "build", "--release", "--locked"]\n',
      },
    },
    {
      // Whoever holds the host's Docker socket is root on the host: a USER would take nothing away.
      name: 'an image or service that runs with the host Docker socket mounted',
      after: {
        'package.json': '{"scripts": {"build": "docker buildx build -t acme/manager:1 -f ./docker/Dockerfile . --push"}}\n',
        'docker/Dockerfile': 'FROM node:20\nEXPOSE 5001\nCMD ["node", "server.js"]\n',
        'agent/Dockerfile': 'FROM golang:1.22\nCMD ["/agent"]\n',
        'compose.yaml': 'services:\n  manager:\n    image: acme/manager:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n  agent:\n    build: ./agent\n    volumes:\n      - type: bind\n        source: /var/run/docker.sock\n        target: /var/run/docker.sock\n  janitor:\n    image: acme/janitor:2\n    user: root\n    volumes:\n      - /run/podman/podman.sock:/var/run/docker.sock\n',
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
      name: 'an edit elsewhere in a Dockerfile that already ran as root (not the change’s doing)',
      before: { 'api/Dockerfile': 'FROM python:3.12\nCOPY . /app\nCMD ["python", "/app/main.py"]\n' },
      after: { 'api/Dockerfile': 'FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD ["python", "/app/main.py"]\n' },
    },
    {
      // allegro/ralph 1c815cec: "Re-do docker image" deletes the root Dockerfile on ubuntu:bionic (no USER) for docker/Dockerfile-prod.
      name: 'a rewrite of a Dockerfile the change deletes, on the same base image, which ran as root too',
      before: { Dockerfile: 'FROM ubuntu:bionic\nRUN apt-get update && apt-get install -y python3\nCOPY . /app\nCMD $RALPH_EXEC runserver 0.0.0.0:8000\n' },
      after: { 'docker/Dockerfile-prod': 'FROM ubuntu:bionic\nRUN apt-get update && apt-get install -y ralph\nCOPY docker-entrypoint.sh /\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["start"]\n' },
    },
    { name: 'an image bump on a Dockerfile that never had a USER', before: { Dockerfile: 'FROM python:3.9\nCMD ["python", "app.py"]\n' }, after: { Dockerfile: 'FROM python:3.11\nCMD ["python", "app.py"]\n' } },
    {
      name: 'a build stage added before an unchanged root final stage',
      before: { Dockerfile: 'FROM python:3.12-slim\nCOPY . /app\n' },
      after: { Dockerfile: 'FROM python:3.12 AS build\nRUN pip wheel -w /w .\nFROM python:3.12-slim\nCOPY --from=build /w /w\nCOPY . /app\n' },
    },
    // traccar: `USER root` written before the installs of a java:8-alpine image that had no USER: it ran as root before and after.
    // Part-DB: its FrankenPHP image (no USER) rebuilt on debian:bookworm-slim with frankenphp installed, ending on USER root.
    {
      name: 'an explicit USER root written into an image rebuilt on an official library image, where the old one ran as root',
      before: { Dockerfile: 'FROM dunglas/frankenphp:1-php8.3 AS base\nRUN install-php-extensions intl\nFROM base AS prod\nCMD ["frankenphp", "run"]\n' },
      after: { Dockerfile: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y frankenphp\nUSER root\nCMD ["frankenphp", "run"]\n' },
    },
    // papra: docker/Dockerfile (published as the -root tag) beside docker/Dockerfile.rootless (the -rootless tag), added together.
    {
      name: 'a root Dockerfile beside a rootless build of the same image that the name says is the rootless one',
      after: {
        'docker/Dockerfile': 'FROM node:22-slim AS build\nRUN pnpm install\nFROM node:22-slim\nWORKDIR /app\nCOPY --from=build /prod/server ./\nCOPY --from=build /app/client/dist ./public\nEXPOSE 1221\nENV SERVE_PUBLIC_DIR=true\nRUN mkdir -p ./app-data/db\nCMD ["pnpm", "start:with-migrations"]\n',
        'docker/Dockerfile.rootless': 'FROM node:22-slim AS build\nRUN pnpm install\nFROM node:22-slim\nRUN groupadd -r nonroot && useradd -r -g nonroot nonroot\nWORKDIR /app\nCOPY --from=build /prod/server ./\nCOPY --from=build /app/client/dist ./public\nRUN mkdir -p ./app-data/db && chown -R nonroot:nonroot /app\nUSER nonroot\nEXPOSE 1221\nENV SERVE_PUBLIC_DIR=true\nCMD ["pnpm", "start:with-migrations"]\n',
      },
    },
    { name: 'an explicit USER root written into an image that already ran as root', before: { Dockerfile: 'FROM java:8-alpine\nRUN apk add curl\nCMD ["java", "-jar", "app.jar"]\n' }, after: { Dockerfile: 'FROM java:8-alpine\nUSER root\nRUN apk add curl bash\nCMD ["java", "-jar", "app.jar"]\n' } },
    { name: 'an old USER root the change does not touch', before: { Dockerfile: 'FROM node:20\nUSER root\n' }, after: { Dockerfile: 'FROM node:20\nLABEL a=b\nUSER root\n' } },
    {
      name: 'a USER root moved from the stage the final one is built FROM into the final stage (it already ran as root)',
      before: { Dockerfile: 'FROM node:20 AS src\nUSER node\nRUN npm ci\nUSER root:root\n\nFROM src AS runtime\nRUN echo ready\nCMD ["node", "s.js"]\n' },
      after: { Dockerfile: 'FROM node:20 AS src\nRUN echo src\n\nFROM src AS runtime\nUSER node\nRUN npm ci\nUSER root\nCMD ["node", "s.js"]\n' },
    },
    { name: 'a final stage with USER app', after: { Dockerfile: withUser } },
    { name: 'distroless nonroot tag', after: { Dockerfile: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/python3:nonroot\nCOPY --from=build /out/app /app\nCMD ["/app"]\n' } },
    { name: 'distroless static latest-nonroot tag', after: { Dockerfile: 'FROM gcr.io/distroless/static-debian12:latest-nonroot\nCOPY app /app\n' } },
    { name: 'Chainguard application image', after: { Dockerfile: 'FROM cgr.dev/chainguard/python:latest\nCOPY app.py /app/\n' } },
    { name: 'nginx-unprivileged', after: { Dockerfile: 'FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY site /usr/share/nginx/html\n' } },
    // onadata: the final stage moved onto a Docker Hardened runtime image, which runs as nonroot.
    { name: 'a Docker Hardened Image runtime variant', after: { Dockerfile: 'FROM dhi.io/python:3.13-dev AS build\nRUN pip install --prefix=/install .\nFROM dhi.io/python:3.13-debian13\nCOPY --from=build /install /usr/local\nCMD ["python", "-m", "app"]\n' } },
    { name: 'a UBI OpenJDK runtime image (uid 185)', after: { Dockerfile: 'FROM registry.access.redhat.com/ubi9/openjdk-21-runtime:1.20\nCOPY app.jar /deployments/\nCMD ["java", "-jar", "/deployments/app.jar"]\n' } },
    { name: 'USER from a variable', after: { Dockerfile: 'FROM python:3.12\nARG APP_USER=app\nRUN useradd $APP_USER\nUSER ${APP_USER}\n' } },
    { name: 'numeric non-root USER with group', after: { Dockerfile: 'FROM node:20\nUSER 1000:1000\n' } },
    { name: 'root for installs, then back to app', after: { Dockerfile: 'FROM python:3.12\nUSER root\nRUN apt-get update\nUSER app\n' } },
    { name: 'USER inherited from the stage the final stage builds on', after: { Dockerfile: 'FROM python:3.12 AS base\nRUN useradd app\nUSER app\nFROM base AS final\nCOPY . /app\n' } },
    {
      // Each of the common ways a start script hands the server to another user (supabase/realtime: `sudo -E -u nobody /app/bin/server`).
      name: 'start scripts that drop root with sudo -u, su, runuser, setpriv, chroot --userspec, s6-setuidgid, setuidgid or chpst -u',
      after: Object.fromEntries(
        [
          'sudo -E -u nobody /app/bin/server',
          'exec sudo --user=app -- /app/bin/server',
          'exec su app -c "/app/bin/server"',
          'exec su -s /bin/sh -c /app/bin/server app',
          'exec su - app',
          'exec runuser -u app -- /app/bin/server',
          'runuser -l app -c /app/bin/server',
          'exec setpriv --reuid=1000 --regid=1000 --init-groups /app/bin/server',
          'exec chroot --userspec=app:app / /app/bin/server',
          'exec s6-setuidgid app /app/bin/server',
          'exec setuidgid app /app/bin/server',
          'exec chpst -u app:app /app/bin/server',
          'if [ -n "$X" ]; then exec sudo -Eu app /app/bin/server; fi',
        ].flatMap((line, i) => [
          [`s${i}/Dockerfile`, 'FROM debian:12\nCOPY wrapper.sh /wrapper.sh\nCMD ["/wrapper.sh"]\n'],
          [`s${i}/wrapper.sh`, `#!/bin/bash\nset -e\n${line}\n`],
        ]),
      ),
    },
    { name: 'a start command that drops root with sudo -u', after: { Dockerfile: 'FROM debian:12\nRUN apt-get install -y sudo\nCMD ["sudo", "-u", "nobody", "/app/bin/server"]\n' } },
    { name: 'entrypoint drops privileges with gosu', after: { Dockerfile: 'FROM debian:12\nRUN apt-get install -y gosu\nENTRYPOINT ["gosu", "app", "/usr/local/bin/server"]\n' } },
    {
      name: 'an entrypoint script copied into a folder of the image (it keeps its name) that drops root with gosu',
      after: {
        'dockers/app/Dockerfile': 'FROM node:22-bookworm-slim\nCOPY scripts/entrypoint/docker-entrypoint.sh /\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["node", "server.js"]\n',
        'scripts/entrypoint/docker-entrypoint.sh': '#!/usr/bin/env bash\nif [ "$(id -u)" = 0 ]; then\n  chown -R node /data\n  exec gosu node "$BASH_SOURCE" "$@"\nfi\nexec "$@"\n',
      },
    },
    {
      // mbin: the script is installed on the PATH without its extension and the final stage inherits the ENTRYPOINT.
      name: 'an entrypoint script installed on the PATH under a bare name that drops root with gosu',
      after: {
        'docker/Dockerfile':
          'FROM dunglas/frankenphp:1-php8.4-bookworm AS base\nRUN apt-get install -y gosu\nCOPY --link --chmod=755 docker/docker-entrypoint.sh /usr/local/bin/docker-entrypoint\nENTRYPOINT ["docker-entrypoint"]\nCMD ["frankenphp", "run"]\n\nFROM base AS prod\nCOPY --link . ./\n',
        'docker/docker-entrypoint.sh': '#!/bin/sh\nset -e\nchown -R "$MBIN_USER" var\nexec /usr/sbin/gosu $MBIN_USER "$@"\n',
      },
    },
    {
      name: 'an entrypoint script copied into the image that drops root with gosu',
      after: {
        'docker/api.Dockerfile': 'FROM python:3.12-slim\nENV APP_HOME=/app\nCOPY ./docker/entry.sh $APP_HOME/run.sh\nENTRYPOINT $APP_HOME/run.sh\n',
        'docker/entry.sh': '#!/bin/bash\nif [ "$(id -u)" = 0 ]; then\n  exec gosu "$PUID" "$BASH_SOURCE" "$@"\nfi\nexec uvicorn app:app\n',
      },
    },
    {
      name: 'USER root at the end, and an entrypoint script from the build context that drops to the app user',
      after: {
        Dockerfile: 'FROM python:3.12\nCOPY . /srv/app\nUSER app\nRUN npm install --global x\nUSER root\nENTRYPOINT ["dumb-init", "--", "/srv/app/bin/entrypoint.sh"]\n',
        'bin/entrypoint.sh': '#!/bin/sh\nchown -R app /data\nexec su-exec app "$@"\n',
      },
    },
    {
      name: 'a root stage no command builds as a target, or a target that ran as root before its USER root',
      after: {
        'docker/Dockerfile': 'FROM python:3.10-alpine AS standalone\nRUN adduser -D opal\nUSER opal\nCMD ["./start.sh"]\nFROM standalone AS client\nUSER root\nCOPY --from=opa /opal/opa ./opa\nFROM python:3.10-alpine AS tools\nUSER root\nRUN apk add git\nFROM python:3.10-alpine AS server\nRUN adduser -D opal\nUSER opal\n',
        Makefile: 'build:\n\t@docker build -t acme/tools:1 --target tools -f docker/Dockerfile .\n\t@docker build -t acme/client:1 --target client -f other/Dockerfile .\n',
      },
    },
    {
      // restate's docker/tools.Dockerfile (tcpdump, perf, htop; CMD bash), published for operators to run commands in;
      // aliasvault's F-Droid build container, which its compose file starts as `entrypoint: ["/bin/bash"]` with a tty.
      name: 'an image whose start command is an interactive shell, or that a compose service builds to start one',
      after: {
        'docker/tools.Dockerfile': 'FROM rust:1.80 AS builder\nRUN cargo build --release\nFROM debian:trixie-slim AS tools\nRUN apt-get update && apt-get install -y tcpdump htop\nCOPY --from=builder /src/target/release/ctl /usr/local/bin\nCMD [ "/bin/bash" ]\n',
        'android/fdroid/Dockerfile': 'FROM registry.gitlab.com/fdroid/fdroidserver:buildserver\nUSER root\nRUN apt-get update && apt-get install -y wget unzip\n',
        'android/fdroid/docker-compose.yml': 'services:\n  fdroid-buildserver:\n    build:\n      context: .\n      dockerfile: Dockerfile\n    entrypoint: ["/bin/bash"]\n    stdin_open: true\n    tty: true\n',
      },
    },
    {
      // NetAlertX's Dockerfile.debian: `COPY install/production-filesystem/ /` puts `/root-entrypoint.sh` in the image,
      // which tries `su-exec` under an `if` and runs the app as root only when that fails.
      name: 'USER 0 and an entrypoint script from a folder copied into the image root that drops root with su-exec under an if',
      after: {
        Dockerfile: 'FROM debian:12\nCOPY --chown=app:app install/production-filesystem/ /\nUSER 0\nENTRYPOINT ["/root-entrypoint.sh"]\n',
        'install/production-filesystem/root-entrypoint.sh': '#!/bin/bash\nif ! su-exec "${PUID}:${PGID}" /entrypoint.sh "$@"; then\n  echo "su-exec failed; continuing as root" >&2\n  exec /entrypoint.sh "$@"\nfi\n',
      },
    },
    {
      name: 'an entrypoint script that starts uWSGI with an ini file that drops to its own uid',
      after: {
        Dockerfile: 'FROM alpine:3.20\nENTRYPOINT ["/sbin/tini", "--", "/usr/local/app/docker/entrypoint.sh"]\nCOPY docker ./docker\n',
        'docker/entrypoint.sh': '#!/bin/sh\nexec uwsgi --http-socket :8080 /usr/local/app/docker/uwsgi.ini\n',
        'docker/uwsgi.ini': '[uwsgi]\nuid = app\ngid = app\n',
      },
    },
    {
      // robot-shop: the fluentd image of a log-shipper DaemonSet that reads the node's logs through hostPath mounts.
      name: 'an image the change deploys only as a DaemonSet node agent mounting the node files',
      before: { 'fluentd/Dockerfile': 'FROM fluentd\nUSER root\nRUN fluent-gem install fluent-plugin-elasticsearch\nUSER fluent\n' },
      after: {
        'fluentd/Dockerfile': 'FROM fluentd\nUSER root\nRUN fluent-gem install fluent-plugin-elasticsearch\n',
        'fluentd/Kubernetes/fluentd.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: fluentd\nspec:\n  template:\n    spec:\n      containers:\n        - name: fluentd\n          image: acme/fluentd:elastic\n          volumeMounts:\n            - name: varlog\n              mountPath: /var/log\n      volumes:\n        - name: varlog\n          hostPath:\n            path: /var/log\n',
      },
    },
    {
      name: 'a new service image that the change deploys on Kubernetes with runAsNonRoot',
      after: {
        'src/cart/Dockerfile': 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/server.py"]\n',
        'kubernetes-manifests/cart.yaml': deployment('      securityContext:\n        runAsNonRoot: true\n        runAsUser: 1000\n').replace('image: app:1', 'image: cart'),
      },
    },
    {
      name: 'a cron image that switches back to root for the cron daemon its entrypoint starts',
      before: { 'cron/Dockerfile': 'ARG BASE\nFROM ${BASE}\nRUN apt-get install -y cron\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n' },
      after: {
        'cron/Dockerfile': 'ARG BASE\nFROM ${BASE}\nUSER 0\nRUN apt-get install -y cron\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n',
        'cron/entrypoint.sh': '#!/bin/bash\necho "$@" | crontab -\nexec cron -f -l 15\n',
      },
    },
    { name: 'an image from an unresolved build argument', after: { Dockerfile: 'ARG BASE\nFROM ${BASE}\nCOPY . /app\n' } },
    { name: 'a Dockerfile the change only renames', before: { 'old/Dockerfile': 'FROM python:3.12\nCMD ["python"]\n' }, after: { 'new/Dockerfile': 'FROM python:3.12\nCMD ["python"]\n' } },
    {
      name: 'a new per-architecture copy of a Dockerfile the change edits, which already ran as root',
      before: { 'docker/amd64/Dockerfile.alpine': runtime('alpine:3.14') },
      after: { 'docker/amd64/Dockerfile.alpine': runtime('alpine:3.15'), 'docker/arm64/Dockerfile.alpine': runtime('balenalib/aarch64-alpine:3.15', 'RUN [ "cross-build-end" ]\n') },
    },
    {
      // go2rtc: docker/rockchip.Dockerfile written from docker/hardware.Dockerfile (untouched, no USER), another base image under the same stage.
      name: 'a new Dockerfile written from another Dockerfile of its folder that already ran as root',
      before: { 'docker/hardware.Dockerfile': packaged },
      after: { 'docker/hardware.Dockerfile': packaged, 'docker/rockchip.Dockerfile': packaged.replace('ubuntu:24.04', 'python:3.13-slim-bookworm') },
    },
    {
      // netbird: combined/Dockerfile.multistage builds from source what combined/Dockerfile (untouched, no USER) packages.
      name: 'a new Dockerfile.<variant> written from the plain Dockerfile beside it, which the change leaves alone and which ran as root',
      before: { 'combined/Dockerfile': packaged },
      after: { 'combined/Dockerfile': packaged, 'combined/Dockerfile.multistage': fromSource(packaged) },
    },
    {
      // tinyauth 1ee0cee1714e: the plain Dockerfile, edited in the same change (a HEALTHCHECK, `ENTRYPOINT ["tinyauth"]`), and a distroless variant written from its new text.
      name: 'a new Dockerfile.<variant> written from the new text of the plain Dockerfile the change edits, which ran as root before and after',
      before: { 'Dockerfile': packaged },
      after: {
        'Dockerfile': packaged.replace('ENTRYPOINT [ "/go/bin/server" ]', 'HEALTHCHECK CMD ["server", "health"]\nENTRYPOINT [ "server" ]'),
        'Dockerfile.distroless': fromSource(packaged.replace('ubuntu:24.04', 'gcr.io/distroless/static-debian12:latest').replace('RUN apt update && apt install -y ca-certificates\n', '').replace('ENTRYPOINT [ "/go/bin/server" ]', 'HEALTHCHECK CMD ["server", "health"]\nENTRYPOINT [ "server" ]')),
      },
    },
    {
      name: 'Dockerfiles restructured into one per base image (the old ones removed, the image ran as root)',
      before: { 'docker/amd64/Dockerfile': runtime('debian:bookworm-slim'), 'docker/arm64/Dockerfile': runtime('balenalib/aarch64-debian:bookworm') },
      // The new file's build stages are rewritten, so as a whole it is no move of either old file.
      after: { 'docker/Dockerfile.debian': crossBuild + runtime('--platform=$TARGETPLATFORM debian:bookworm-slim', 'ENV DEBIAN_FRONTEND=noninteractive\n') },
    },
    { name: 'a scratch image with nothing to run', after: { Dockerfile: 'FROM scratch AS base\nCOPY data.bin /data.bin\nFROM base\nLABEL a=b\n' } },
    { name: 'a devcontainer Dockerfile', after: { '.devcontainer/Dockerfile': 'FROM mcr.microsoft.com/devcontainers/python:3.12\n' } },
    { name: 'compose with an unprivileged user', after: { 'docker-compose.yml': 'services:\n  web:\n    image: app\n    user: "1000:1000"\n' } },
    {
      name: 'compose user: root that the change does not add',
      before: { 'docker-compose.yml': 'services:\n  web:\n    image: app\n    user: root\n' },
      after: { 'docker-compose.yml': 'services:\n  web:\n    image: app\n    user: root\n    restart: always\n' },
    },
    { name: 'Kubernetes runAsNonRoot true and a non-zero user', after: { 'k8s/web.yaml': deployment('      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n') } },
    { name: 'a Dockerfile the change does not touch', before: { Dockerfile: 'FROM python:3.12\n', 'app.py': 'x = 1\n' }, after: { Dockerfile: 'FROM python:3.12\n', 'app.py': 'x = 2\n' } },
    {
      name: 'USER root for an entrypoint script that fixes volume ownership and execs Apache httpd (its children serve as the apache user)',
      after: {
        'Dockerfile.alpine': 'FROM alpine:3.20\nRUN apk add apache2 php83-apache2\nUSER apache\nRUN composer install\nUSER root\nCOPY docker/entrypoint_alpine.sh /entrypoint.sh\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["/entrypoint.sh"]\nEXPOSE 80\n',
        'docker/entrypoint_alpine.sh': '#!/bin/sh\nchown -R apache:root /var/lib/app/data\nexec httpd -DNO_DETACH < /dev/null\n',
      },
    },
    { name: 'Apache started in the foreground by the start command', after: { Dockerfile: 'FROM debian:12\nRUN apt-get install -y apache2 libapache2-mod-php\nCMD ["apache2ctl", "-D", "FOREGROUND"]\n' } },
    { name: 'PHP-FPM as the start command (pools run as www-data)', after: { Dockerfile: 'FROM debian:12\nRUN apt-get install -y php8.2-fpm\nCMD ["php-fpm8.2", "-F"]\n' } },
    { name: 'the official php Apache image with its own start command kept', after: { Dockerfile: 'FROM php:8.3-apache\nCOPY . /var/www/html\n' } },
    {
      // ko's own default base runs as non-root; :nonroot distroless too; a root base replacing a Dockerfile that ran as root, or with no Dockerfile deleted.
      name: 'ko configurations on a non-root base, or replacing no Dockerfile that set a non-root USER',
      before: { 'a/Dockerfile': 'FROM golang:1.21 AS builder\nRUN go build -o /app .\nFROM alpine:3.18\nCOPY --from=builder /app /bin/app\nUSER 65534\nENTRYPOINT ["/bin/app"]\n', 'b/Dockerfile': 'FROM golang:1.21 AS builder\nRUN go build -o /app .\nFROM alpine:3.18\nCOPY --from=builder /app /bin/app\nENTRYPOINT ["/bin/app"]\n' },
      after: {
        'a/.ko.yaml': 'defaultBaseImage: gcr.io/distroless/static-debian12:nonroot\n',
        'b/.ko.yaml': 'defaultBaseImage: gcr.io/distroless/static-debian11:latest\nbuilds:\n- env:\n  - CGO_ENABLED=0\n',
        'c/.ko.yaml': 'builds:\n- id: app\n',
      },
    },
  ],
  invalid: [
    ...ownImageInvalid('noUser'),
    {
      name: 'a new Dockerfile in place of a deleted one that ran as a user, or was on another base image, or that the change keeps',
      before: {
        'a/Dockerfile': 'FROM ubuntu:bionic\nUSER app\nCMD ["serve"]\n',
        'b/Dockerfile': 'FROM debian:12\nCMD ["serve"]\n',
        'c/Dockerfile': 'FROM ubuntu:noble\nCMD ["serve"]\n',
      },
      after: {
        'a/Dockerfile.prod': 'FROM ubuntu:bionic\nCMD ["start"]\n',
        'b/Dockerfile.prod': 'FROM ubuntu:bionic\nCMD ["start"]\n',
        'c/Dockerfile': 'FROM ubuntu:noble\nCMD ["serve"]\n',
        'c/Dockerfile.prod': 'FROM ubuntu:noble\nRUN apt-get update\nCMD ["start"]\n',
      },
      findings: [
        { path: 'a/Dockerfile.prod', line: 1, messageId: 'noUser' },
        { path: 'b/Dockerfile.prod', line: 1, messageId: 'noUser' },
        { path: 'c/Dockerfile.prod', line: 1, messageId: 'noUser' },
      ],
    },
    {
      name: "a Docker Hardened Image's -dev builder variant as the final stage",
      after: { Dockerfile: 'FROM dhi.io/python:3.13-dev\nCOPY . /app\nCMD ["python", "-m", "app"]\n' },
      findings: [{ line: 1, messageId: 'noUser' }],
    },
    {
      name: "the organisation's own base with files handed to a user the Dockerfile creates itself: nothing says the base runs as it",
      repository: { owner: 'acme', name: 'shop' },
      after: { Dockerfile: 'FROM ghcr.io/acme/java-base:21\nRUN useradd --system appuser\nCOPY --chown=appuser build/libs/app.jar /app/app.jar\nENTRYPOINT ["java", "-jar", "/app/app.jar"]\n' },
      findings: [{ line: 1, messageId: 'noUser' }],
    },
    {
      name: "another organisation's base with files handed to a user it does not create",
      repository: { owner: 'acme', name: 'shop' },
      after: { Dockerfile: 'FROM ghcr.io/ministryofjustice/hmpps-eclipse-temurin:21-jre-jammy\nCOPY --chown=appuser:appgroup build/libs/app.jar /app/app.jar\nENTRYPOINT ["java", "-jar", "/app/app.jar"]\n' },
      findings: [{ line: 1, messageId: 'noUser' }],
    },
    {
      name: 'an official image with files handed to its user but no USER: the usual forgotten USER node',
      repository: { owner: 'node', name: 'app' },
      after: { Dockerfile: 'FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node . .\nCMD ["node", "server.js"]\n' },
      findings: [{ line: 1, messageId: 'noUser' }],
    },
    {
      name: 'a ClickHouse image with an entrypoint of its own, or a Temporal image switched back to root',
      after: {
        'ch/Dockerfile': 'FROM clickhouse/clickhouse-server:24.3\nCOPY run.sh /run.sh\nENTRYPOINT ["/run.sh"]\n',
        'temporal/Dockerfile': 'FROM temporalio/server:1.24\nUSER root\nRUN apk add curl\n',
      },
      findings: [
        { path: 'ch/Dockerfile', line: 1 },
        { path: 'temporal/Dockerfile', line: 2 },
      ],
    },
    {
      name: 'a compose service as root that others wait for only to start, or that publishes a port',
      after: {
        'docker-compose.yaml': 'services:\n  web:\n    image: acme/web:1\n    depends_on:\n      setup:\n        condition: service_started\n      init:\n        condition: service_completed_successfully\n  setup:\n    image: acme/setup:1\n    user: "0:0"\n  init:\n    image: acme/init:1\n    ports:\n      - "8080:8080"\n    user: root\n',
      },
      findings: [
        { path: 'docker-compose.yaml', line: 11, messageId: 'composeUser' },
        { path: 'docker-compose.yaml', line: 16, messageId: 'composeUser' },
      ],
    },
    {
      // kubernetes-sigs/external-dns 07b1f81c1468: the image build moves to ko on distroless static (root), the Dockerfiles with USER 65534 deleted.
      name: 'a ko configuration on a root base image written by a change that deletes a Dockerfile that ran as a non-root USER',
      before: { Dockerfile: 'FROM golang:1.21 AS builder\nRUN go build -o /app .\nFROM alpine:3.18\nCOPY --from=builder /app /bin/app\nUSER 65534\nENTRYPOINT ["/bin/app"]\n', Makefile: 'build:\n\tdocker build .\n' },
      after: { '.ko.yaml': 'defaultBaseImage: gcr.io/distroless/static-debian11:latest\nbuilds:\n- env:\n  - CGO_ENABLED=0\n', Makefile: 'build:\n\tko build .\n' },
      findings: [{ path: '.ko.yaml', line: 1, messageId: 'koBaseRoot', data: { image: 'gcr.io/distroless/static-debian11:latest', user: '65534', dockerfile: 'Dockerfile' } }],
    },
    {
      name: 'a shell that runs a script or a command, or an interactive shell image that exposes a port',
      after: {
        'script/Dockerfile': 'FROM debian:12\nCOPY start.sh /start.sh\nCMD ["bash", "/start.sh"]\n',
        'inline/Dockerfile': 'FROM debian:12\nCMD ["/bin/sh", "-c", "exec server"]\n',
        'exposed/Dockerfile': 'FROM debian:12\nEXPOSE 8080\nCMD ["/bin/bash"]\n',
      },
      findings: [
        { path: 'exposed/Dockerfile', line: 1, messageId: 'noUser' },
        { path: 'inline/Dockerfile', line: 1, messageId: 'noUser' },
        { path: 'script/Dockerfile', line: 1, messageId: 'noUser' },
      ],
    },
    {
      // permitio/opal 17ba3f488d71: the new `client-alpine` stage, built by the Makefile as opal-client:latest-alpine, switches to root and never back.
      name: 'a stage the Makefile builds with --target that the change switches from a non-root user to root',
      after: {
        'docker/Dockerfile': 'FROM python:3.10-alpine AS standalone\nRUN adduser -D opal\nUSER opal\nCMD ["./start.sh"]\nFROM standalone AS client\nUSER root\nCOPY --from=opa /opal/opa ./opa\nFROM standalone AS cedar\nUSER root\nCOPY --from=cedar /agent /bin/agent\nUSER opal\nFROM python:3.10-alpine AS server\nRUN adduser -D opal\nUSER opal\n',
        Makefile: 'docker-build-client:\n\t@docker build -t acme/client:latest-alpine --target client -f docker/Dockerfile .\n\t@docker build -t acme/cedar:latest --target cedar -f docker/Dockerfile .\n',
      },
      findings: [{ path: 'docker/Dockerfile', line: 6, messageId: 'targetRootUser', data: { user: 'root', stage: 'client', previous: 'opal' } }],
    },
    {
      name: 'supervisord whose configuration keeps its daemon root, or runs a program without a user',
      after: {
        ...supervised('[supervisord]\nnodaemon=true\n\n[program:nginx]\ncommand=/usr/sbin/nginx\nuser=www-data\n\n[program:gunicorn]\ncommand=gunicorn core.wsgi\n'),
        'root/Dockerfile': 'FROM python:3.12-slim\nCOPY supervisord.conf /etc/supervisord.conf\nCMD ["supervisord"]\n',
        'root/supervisord.conf': '[supervisord]\nuser=root\n\n[program:web]\ncommand=gunicorn app:app\nuser=app\n',
      },
      findings: [
        { path: 'Dockerfile', line: 1, messageId: 'noUser' },
        { path: 'root/Dockerfile', line: 1, messageId: 'noUser' },
      ],
    },
    {
      name: 'a database image with a start command of its own, and an image of another vendor',
      after: {
        'db/Dockerfile': 'FROM postgres:16\nCOPY backup.sh /backup.sh\nENTRYPOINT ["/backup.sh"]\n',
        'sh/Dockerfile': 'FROM postgres:16\nCMD ["bash", "-c", "pg_dump > /out/db.sql"]\n',
        'kv/Dockerfile': 'FROM eqalpha/keydb\nCMD ["keydb-server"]\n',
      },
      findings: [
        { path: 'db/Dockerfile', line: 1, messageId: 'noUser' },
        { path: 'kv/Dockerfile', line: 1, messageId: 'noUser' },
        { path: 'sh/Dockerfile', line: 1, messageId: 'noUser' },
      ],
    },
    {
      name: 'a start script that builds and then runs what it built, or a build image that exposes a port',
      after: {
        'run/Dockerfile': crossBuilder('go build -o bin/app .\nexec ./bin/app'),
        'port/Dockerfile': crossBuilder('go build -o bin/app .', 'EXPOSE 8080\n'),
      },
      findings: [
        { path: 'port/Dockerfile', line: 1, messageId: 'noUser' },
        { path: 'run/Dockerfile', line: 1, messageId: 'noUser' },
      ],
    },
    {
      // The edited original gains a USER: the copy written from it that has none drops that decision.
      name: 'a new Dockerfile.<variant> written from the new text of a Dockerfile the change makes run as a user',
      before: { 'Dockerfile': packaged },
      after: {
        'Dockerfile': packaged.replace('ENTRYPOINT [ "/go/bin/server" ]', 'USER app\nENTRYPOINT [ "server" ]'),
        'Dockerfile.distroless': packaged.replace('ubuntu:24.04', 'gcr.io/distroless/static-debian12:latest').replace('ENTRYPOINT [ "/go/bin/server" ]', 'ENTRYPOINT [ "server" ]'),
      },
      findings: [{ path: 'Dockerfile.distroless', line: 1 }],
    },
    {
      name: 'a new Dockerfile.<variant> beside a plain Dockerfile that runs as a user, or with a start command of its own',
      before: { 'combined/Dockerfile': packaged.replace('ENTRYPOINT', 'USER netbird\nENTRYPOINT'), 'relay/Dockerfile': packaged },
      after: {
        'combined/Dockerfile': packaged.replace('ENTRYPOINT', 'USER netbird\nENTRYPOINT'),
        'combined/Dockerfile.multistage': fromSource(packaged),
        'relay/Dockerfile': packaged,
        'relay/Dockerfile.multistage': fromSource(packaged.replace('/go/bin/server', '/go/bin/relay')),
      },
      findings: [
        { path: 'combined/Dockerfile.multistage', line: 8 },
        { path: 'relay/Dockerfile.multistage', line: 8 },
      ],
    },
    {
      name: 'an image whose service mounts other host paths, or a service of another image that mounts the socket',
      after: {
        'package.json': '{"scripts": {"build": "docker build -t acme/web:1 -f web/Dockerfile ."}}\n',
        'web/Dockerfile': 'FROM node:20\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
        'compose.yaml': 'services:\n  web:\n    image: acme/web:1\n    user: root\n    volumes:\n      - /var/run/docker.sock.bak:/tmp/x\n      - ./data:/data\n  watcher:\n    image: acme/watcher:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
      },
      findings: [
        { path: 'compose.yaml', line: 4, messageId: 'composeUser' },
        { path: 'web/Dockerfile', line: 1, messageId: 'noUser' },
      ],
    },
    {
      name: 'an image that starts a server is judged whatever builds on it, and a base-named image that starts something of its own',
      after: {
        'Makefile': 'base:\n\tdocker build -t acme/web -f web/Dockerfile web\n',
        'web/Dockerfile': 'FROM python:3.12\nCMD ["gunicorn", "app:app"]\n',
        'worker/Dockerfile': 'FROM acme/web\nCMD ["celery", "worker"]\n',
        'img/Dockerfile.base': 'FROM node:20\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
        'site/Dockerfile': 'FROM python:3.12\nRUN pip install mkdocs\nCMD ["mkdocs", "serve"]\n',
      },
      findings: [
        { path: 'img/Dockerfile.base', line: 1, messageId: 'noUser' },
        { path: 'site/Dockerfile', line: 1, messageId: 'noUser' },
        { path: 'web/Dockerfile', line: 1, messageId: 'noUser' },
        { path: 'worker/Dockerfile', line: 1, messageId: 'noUser' },
      ],
    },
    {
      // zabbix: build-pgsql compiles for the server image, which only copies files out of its `builder` stage;
      // photoview: the dependencies image is only copied from. An image another one builds FROM is a layer of a running image: judged.
      name: 'builder images other Dockerfiles only copy files out of are not reported; a base an image runs on, and a builder that starts something, are',
      after: {
        'Dockerfiles/build-pgsql/rhel/Dockerfile': 'ARG BUILD_BASE_IMAGE=acme-build-base:rhel\nFROM ${BUILD_BASE_IMAGE} AS builder\nRUN make\n',
        'Dockerfiles/build-mysql/rhel/Dockerfile': 'FROM acme-build-base:rhel AS builder\nRUN make\nEXPOSE 9000\nCMD ["/serve-artifacts"]\n',
        'Dockerfiles/server-pgsql/rhel/Dockerfile': 'ARG VERSION=7.0\nARG BUILD_BASE_IMAGE=acme-build-pgsql:rhel-${VERSION}\nFROM ${BUILD_BASE_IMAGE} AS builder\nFROM ubi9/ubi-minimal\nCOPY --from=builder /src/server /usr/sbin/server\nCOPY --from=acme-build-mysql:rhel /src/x /x\nUSER 1997\nCMD ["/usr/sbin/server"]\n',
        'dependencies/Dockerfile': 'FROM debian:12 AS build\nRUN ./build.sh\nFROM debian:12-slim\nCOPY --from=build /artifacts.tar.gz /\n',
        Dockerfile: 'FROM golang:1.24 AS api\nCOPY --from=acme/dependencies /artifacts.tar.gz /deps/\nRUN go build -o /app\nFROM debian:12-slim\nCOPY --from=api /app /app\nUSER 1000\nCMD ["/app"]\n',
        'runtime/Dockerfile': 'FROM debian:12-slim\nRUN apt-get install -y ca-certificates\n',
        'web/Dockerfile': 'FROM acme/runtime AS base\nCOPY site /site\nUSER www\nCMD ["nginx"]\n',
      },
      findings: [
        { path: 'Dockerfiles/build-mysql/rhel/Dockerfile', line: 1, messageId: 'noUser' },
        { path: 'runtime/Dockerfile', line: 1, messageId: 'noUser' },
      ],
    },
    {
      // user: root only to prepare the data folder, then the command drops to the app user; a script the repository does not hold is not read.
      name: 'a compose user: root whose command drops root itself is not reported; one that runs an unseen start script, or a bare sudo, is',
      after: {
        'compose.yaml': 'services:\n  a:\n    image: acme/a:1\n    user: root\n    command: ["gosu", "app", "server"]\n  b:\n    image: acme/b:1\n    user: root\n    command: sh -c "chown -R 1000 /data && exec setpriv --reuid=1000 --regid=1000 --init-groups server"\n  c:\n    image: acme/c:1\n    user: root\n    command: ["/server-pro-start.sh"]\n  d:\n    image: acme/d:1\n    user: "0"\n    entrypoint: sudo server\n',
      },
      findings: [
        { path: 'compose.yaml', line: 12, messageId: 'composeUser' },
        { path: 'compose.yaml', line: 16, messageId: 'composeUser' },
      ],
    },
    {
      name: 'a production final stage replaces a development one and sets no USER',
      before: { Dockerfile: 'FROM python:3.12 AS dev\nCMD ["flask", "run"]\n' },
      after: { Dockerfile: 'FROM python:3.12\nCMD ["gunicorn", "app:app"]\n' },
      findings: [{ line: 1, messageId: 'noUser', data: { image: 'python:3.12' } }],
    },
    {
      // openremote: its manager image on Red Hat's UBI OpenJDK runtime (uid 185) gains a USER root it never leaves.
      name: 'a USER root written into a UBI OpenJDK image, which runs as uid 185 without a USER',
      before: { 'manager/Dockerfile': 'FROM registry.access.redhat.com/ubi8/openjdk-17-runtime\nENV TZ=UTC\nCMD ["java", "-jar", "app.jar"]\n' },
      after: { 'manager/Dockerfile': 'FROM registry.access.redhat.com/ubi8/openjdk-17-runtime\nUSER root\nENV TZ=UTC\nRUN mkdir -p /deployment\nCMD ["java", "-jar", "app.jar"]\n' },
      findings: [{ line: 2, messageId: 'rootUser', data: { user: 'root' } }],
    },
    {
      name: 'a USER root:root removed from a build stage and a USER root written where the final stage ran as its app user',
      before: { Dockerfile: 'FROM node:20 AS build\nUSER root:root\nRUN npm ci\n\nFROM node:20\nUSER node\nCMD ["node", "s.js"]\n' },
      after: { Dockerfile: 'FROM node:20 AS build\nRUN npm ci\n\nFROM node:20\nUSER root\nCMD ["node", "s.js"]\n' },
      findings: [{ line: 5, messageId: 'rootUser', data: { user: 'root' } }],
    },
    {
      name: 'the change writes USER root into an image that ran as a non-root user by default, or on another image',
      before: { 'a/Dockerfile': 'FROM gcr.io/distroless/nodejs20-debian12:nonroot\nCMD ["s.js"]\n', 'b/Dockerfile': 'FROM node:20\nCMD ["node", "s.js"]\n' },
      after: { 'a/Dockerfile': 'FROM gcr.io/distroless/nodejs20-debian12:nonroot\nUSER root\nCMD ["s.js"]\n', 'b/Dockerfile': 'FROM bitnami/node:20\nUSER root\nCMD ["node", "s.js"]\n' },
      findings: [
        { path: 'a/Dockerfile', line: 2, messageId: 'rootUser', data: { user: 'root' } },
        { path: 'b/Dockerfile', line: 2, messageId: 'rootUser', data: { user: 'root' } },
      ],
    },
    {
      // The twin must say it is the rootless build, run the same command and be the same image.
      name: 'a root Dockerfile beside a non-root one that is another image, or not named as the rootless build',
      after: {
        'a/Dockerfile': 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nEXPOSE 1221\nCMD ["pnpm", "start"]\n',
        'a/Dockerfile.rootless': 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nUSER node\nEXPOSE 9000\nCMD ["node", "worker.js"]\n',
        'b/Dockerfile': 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nEXPOSE 1221\nCMD ["pnpm", "start"]\n',
        'b/Dockerfile.alpine': 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nUSER node\nEXPOSE 1221\nCMD ["pnpm", "start"]\n',
      },
      findings: [
        { path: 'a/Dockerfile', line: 1, messageId: 'noUser' },
        { path: 'b/Dockerfile', line: 1, messageId: 'noUser' },
      ],
    },
    {
      name: 'no USER at all',
      after: { Dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "app:app"]\n' },
      findings: [{ line: 1, severity: 'warning', messageId: 'noUser', data: { image: 'python:3.12-slim', user: '' }, remediation: /useradd --system/ }],
    },
    {
      name: 'servers that run their workers as root when told to, or that run another command, are still reported',
      after: {
        'nginx/Dockerfile': 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\nCMD ["nginx", "-g", "daemon off;"]\n',
        'fpm/Dockerfile': 'FROM php:8.3-fpm\nCMD ["php-fpm", "--allow-to-run-as-root"]\n',
        'busybox/Dockerfile': 'FROM busybox:1.36\nCMD ["busybox", "httpd", "-f", "-p", "8080"]\n',
        'php/Dockerfile': 'FROM php:8.3-cli\nCOPY . /app\n',
        'worker/Dockerfile': 'FROM php:8.3-apache\nCMD ["php", "artisan", "queue:work"]\n',
        'script/Dockerfile': 'FROM alpine:3.20\nCOPY run.sh /run.sh\nCMD ["/run.sh"]\n',
        'script/run.sh': '#!/bin/sh\n# httpd -DFOREGROUND used to run here\nexec php -S 0.0.0.0:80\n',
      },
      findings: [
        { path: 'busybox/Dockerfile', line: 1, messageId: 'noUser' },
        { path: 'fpm/Dockerfile', line: 1, messageId: 'noUser' },
        { path: 'nginx/Dockerfile', line: 1, messageId: 'noUser' },
        { path: 'php/Dockerfile', line: 1, messageId: 'noUser' },
        { path: 'script/Dockerfile', line: 1, messageId: 'noUser' },
        { path: 'worker/Dockerfile', line: 1, messageId: 'noUser' },
      ],
    },
    {
      name: 'a script copied into a folder of the image under a name the start command does not run',
      after: {
        'dockers/app/Dockerfile': 'FROM node:22-bookworm-slim\nCOPY scripts/drop-root.sh /\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["node", "server.js"]\n',
        'scripts/drop-root.sh': '#!/usr/bin/env bash\nexec gosu node "$@"\n',
      },
      findings: [{ path: 'dockers/app/Dockerfile', line: 1, messageId: 'noUser' }],
    },
    {
      // sudo without -u, su without a user, setpriv without --reuid, chpst without -u all leave the server root.
      name: 'start scripts that run their server through sudo, su, runuser, setpriv, chroot or chpst without leaving root',
      after: Object.fromEntries(
        [
          'sudo -E /app/bin/server',
          'exec su -c /app/bin/server',
          'exec sudo -u root /app/bin/server',
          'exec runuser -u root -- /app/bin/server',
          'exec setpriv --no-new-privs /app/bin/server',
          'exec chroot /srv /app/bin/server',
          'exec chpst -e /etc/env /app/bin/server',
          'exec gosu 0 /app/bin/server',
          '# sudo -u nobody /app/bin/server\nexec /app/bin/server',
        ].flatMap((line, i) => [
          [`s${i}/Dockerfile`, 'FROM debian:12\nCOPY wrapper.sh /wrapper.sh\nCMD ["/wrapper.sh"]\n'],
          [`s${i}/wrapper.sh`, `#!/bin/bash\nset -e\n${line}\n`],
        ]),
      ),
      findings: [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({ path: `s${i}/Dockerfile`, line: 1, messageId: 'noUser' })),
    },
    {
      name: 'an entrypoint script that only mentions gosu in a comment, or uWSGI running as root',
      after: {
        Dockerfile: 'FROM python:3.12\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n',
        'start.sh': '#!/bin/sh\n# TODO: drop root with gosu\nexec uwsgi /etc/uwsgi.ini\n',
        'uwsgi.ini': '[uwsgi]\nuid = root\n',
      },
      findings: [{ line: 1, messageId: 'noUser' }],
    },
    {
      // A DaemonSet whose volumes are not the node's files serves like any other pod.
      name: 'an image the change deploys as a DaemonSet without a hostPath mount',
      after: {
        'fluentd/Dockerfile': 'FROM fluentd\nRUN fluent-gem install fluent-plugin-elasticsearch\n',
        'fluentd/Kubernetes/fluentd.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: fluentd\nspec:\n  template:\n    spec:\n      containers:\n        - name: fluentd\n          image: acme/fluentd:elastic\n          volumeMounts:\n            - name: varlog\n              mountPath: /var/log\n      volumes:\n        - name: varlog\n          emptyDir: {}\n',
      },
      findings: [{ path: 'fluentd/Dockerfile', line: 1, messageId: 'noUser' }],
    },
    {
      name: 'a new service image whose Kubernetes container may still run as root',
      after: {
        'src/cart/Dockerfile': 'FROM python:3.12-slim\nCMD ["python", "server.py"]\n',
        'kubernetes-manifests/cart.yaml': deployment('      securityContext:\n        fsGroup: 1000\n').replace('image: app:1', 'image: gcr.io/shop/cart:v1'),
      },
      findings: [{ path: 'src/cart/Dockerfile', line: 1, messageId: 'noUser' }],
    },
    { name: 'USER root last', after: { Dockerfile: 'FROM python:3.12\nUSER app\nRUN pip install x\nUSER root\nCMD ["python", "app.py"]\n' }, findings: [{ line: 4, messageId: 'rootUser', data: { user: 'root' } }] },
    { name: 'USER 0:0', after: { Dockerfile: 'FROM node:20-alpine\nUSER 0:0\n' }, findings: [{ line: 2, messageId: 'rootUser', remediation: /adduser -S/ }] },
    { name: 'USER root:root', after: { Dockerfile: 'FROM node:20\nUSER root:root\n' }, findings: [{ line: 2, messageId: 'rootUser' }] },
    {
      name: 'USER in a build stage does not carry over to a new FROM',
      after: { Dockerfile: 'FROM python:3.12 AS build\nRUN useradd app\nUSER app\nRUN pip wheel .\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n' },
      findings: [{ line: 5, messageId: 'noUser' }],
    },
    {
      name: 'a new production Dockerfile beside a root one the change edits, with its own start command',
      before: { 'app/Dockerfile': runtime('python:3.7-alpine').replace('CMD ["/start.sh"]', 'ENTRYPOINT ["/app/entrypoint.sh"]') },
      after: {
        'app/Dockerfile': runtime('python:3.8-alpine').replace('CMD ["/start.sh"]', 'ENTRYPOINT ["/app/entrypoint.sh"]'),
        'app/Dockerfile.prod': runtime('python:3.8-alpine').replace('CMD ["/start.sh"]', 'ENTRYPOINT ["/app/entrypoint.prod.sh"]'),
      },
      findings: [{ path: 'app/Dockerfile.prod', line: 3, messageId: 'noUser' }],
    },
    {
      name: 'a copy of a development Dockerfile made into the production one',
      before: { 'Dockerfile.dev': runtime('alpine:3.15') },
      after: { 'Dockerfile.dev': runtime('alpine:3.16'), Dockerfile: runtime('alpine:3.16') },
      findings: [{ path: 'Dockerfile', line: 3, messageId: 'noUser' }],
    },
    {
      name: 'a copy of a Dockerfile that ran as an unprivileged user, without its USER',
      before: { 'docker/amd64/Dockerfile': runtime('alpine:3.15', 'USER app\n') },
      after: { 'docker/amd64/Dockerfile': runtime('alpine:3.16', 'USER app\n'), 'docker/arm64/Dockerfile': runtime('balenalib/aarch64-alpine:3.16') },
      findings: [{ path: 'docker/arm64/Dockerfile', line: 3, messageId: 'noUser' }],
    },
    {
      name: 'a new image that shares only its start command with a root Dockerfile the change edits',
      before: { 'api/Dockerfile': runtime('alpine:3.15') },
      after: { 'api/Dockerfile': runtime('alpine:3.16'), 'worker/Dockerfile': 'FROM node:20-alpine\nWORKDIR /srv\nCOPY package.json .\nRUN npm ci\nCOPY . .\nCMD ["/start.sh"]\n' },
      findings: [{ path: 'worker/Dockerfile', line: 1, messageId: 'noUser' }],
    },
    {
      name: 'the change removes the final stage USER',
      before: { Dockerfile: withUser },
      after: { Dockerfile: 'FROM python:3.12-slim\nRUN useradd --system app\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "app:app"]\n' },
      findings: [{ line: 1, messageId: 'userRemoved', data: { image: 'python:3.12-slim', user: 'app' } }],
    },
    { name: 'distroless without the nonroot tag', after: { Dockerfile: 'FROM gcr.io/distroless/python3\nCOPY app.py /\n' }, findings: [{ line: 1, messageId: 'noUser', remediation: /FROM gcr\.io\/distroless\/python3:nonroot/ }] },
    { name: 'Chainguard -dev variant', after: { Dockerfile: 'FROM cgr.dev/chainguard/python:latest-dev\nCOPY app.py /\n' }, findings: [{ line: 1, messageId: 'noUser' }] },
    { name: 'an image from a build argument default', after: { Dockerfile: 'ARG BASE=ubuntu:24.04\nFROM ${BASE}\nRUN apt-get update\n' }, findings: [{ line: 2, messageId: 'noUser', data: { image: 'ubuntu:24.04', user: '' } }] },
    {
      name: 'an image from the second default of one ARG, quoted',
      after: { Dockerfile: 'ARG TAG="24.04" BASE=ubuntu\nFROM ${BASE}:${TAG}\nRUN apt-get update\n' },
      findings: [{ line: 2, messageId: 'noUser', data: { image: 'ubuntu:24.04', user: '' } }],
    },
    { name: 'scratch running a binary', after: { Dockerfile: 'FROM golang:1.22 AS build\nUSER nobody\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n' }, findings: [{ line: 3, messageId: 'noUser', remediation: /USER 65532:65532/ }] },
    {
      name: 'compose user root on a one-shot service that only chowns volumes, and on one that does more',
      after: {
        'docker-compose.yml':
          'services:\n  permissions:\n    image: alpine:3.20\n    user: root\n    command: chown -R 1001:1001 /var/uploads && chmod 750 /var/uploads\n  setup:\n    image: alpine:3.20\n    user: root\n    command: ["sh", "-c", "chown -R 1001 /data && ./migrate"]\n',
      },
      findings: [{ line: 8, messageId: 'composeUser', data: { service: 'setup', user: 'root' } }],
    },
    { name: 'compose user root', after: { 'docker-compose.yml': 'services:\n  web:\n    image: app\n    user: root\n  worker:\n    image: app\n    user: "0"\n' }, findings: [{ line: 4, messageId: 'composeUser', data: { service: 'web', user: 'root' } }, { line: 7, messageId: 'composeUser', data: { service: 'worker', user: '0' } }] },
    {
      name: 'Kubernetes runAsUser 0 on the pod and runAsNonRoot false on the container',
      after: { 'k8s/web.yaml': deployment('      securityContext:\n        runAsUser: 0\n', '          securityContext:\n            runAsNonRoot: false\n') },
      findings: [{ line: 9, messageId: 'k8sRunAsUser', data: { target: 'every container of Deployment/web' } }, { line: 14, messageId: 'k8sRunAsNonRoot', data: { target: 'container `web` of Deployment/web' } }],
    },
    {
      name: 'Kubernetes runAsUser 0 added to an existing manifest',
      before: { 'k8s/web.yaml': deployment('') },
      after: { 'k8s/web.yaml': deployment('', '          securityContext:\n            runAsUser: 0\n') },
      findings: [{ line: 12, messageId: 'k8sRunAsUser' }],
    },
  ],
});
