// Table tests for unpinned-dependency.
import check from '../../checks/unpinned-dependency.js';
import { testCheck } from '../helpers/check-tester.js';

const SHA = 'b4ffde65f46336ab88eb53be808477a3936bae11';
const DIGEST = 'sha256:' + 'a'.repeat(64);
/** A workflow whose one job runs these `uses:` steps, the first on line 6. */
const workflow = (...uses: string[]) => `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${uses.map((u) => `      - uses: ${u}\n`).join('')}`;
/** A workflow with its own `on:` and top-level lines (`permissions:`), and one job of these steps. */
const prWorkflow = (head: string, ...uses: string[]) => `${head}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n${uses.map((u) => `      - uses: ${u}\n`).join('')}      - run: make test\n`;
const PR_READ = 'on:\n  pull_request:\n    paths: [charts/**]\npermissions:\n  contents: read';
/** The base's pull-request CI, running a third party's action on a release tag. */
const PR_CI_WITH_TAGS = 'on: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: gradle/wrapper-validation-action@v3\n';

testCheck(check, {
  valid: [
    {
      // juicycleff/ultimate-backend: the staging stack copied into an `iac/` folder with its untagged EventStore.
      name: 'a new compose file that pulls an image the way another production compose file of the base already does',
      before: { 'docker/staging/docker-compose.yml': 'services:\n  eventstore:\n    image: eventstore/eventstore\n  kafka:\n    image: bitnami/kafka:latest\n' },
      after: {
        'docker/staging/docker-compose.yml': 'services:\n  eventstore:\n    image: eventstore/eventstore\n  kafka:\n    image: bitnami/kafka:latest\n',
        'iac/docker/staging/docker-compose.yml': 'services:\n  eventstore:\n    image: eventstore/eventstore\n    ports:\n      - 2113:2113\n  kafka:\n    image: "bitnami/kafka:latest" # broker\n',
      },
    },
    {
      // oauth2-proxy: golangci's install script piped to sh from master, replaced by golangci's action on a release tag; openfaas: get.arkade.dev by alexellis/arkade-get.
      name: "a vendor's action in place of the vendor's install script the change stops piping to a shell",
      before: {
        '.github/workflows/ci.yml': 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: curl -sSfL https://raw.githubusercontent.com/golangci/golangci-lint/master/install.sh | sh -s v1.55.2\n      - run: curl -sLS https://get.arkade.dev | sudo sh\n',
      },
      after: {
        '.github/workflows/ci.yml': 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: golangci/golangci-lint-action@v6\n      - uses: alexellis/arkade-get@master\n',
      },
    },
    {
      // dragonfly-operator: kubebuilder's placeholder, which `make deploy` rewrites with `kustomize edit set image`; rabbitmq's release workflow does the same.
      name: 'a kustomization image placeholder the build sets with kustomize edit set image',
      after: {
        'config/manager/manager.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: manager\n          image: controller:latest\n',
        'config/manager/kustomization.yaml': 'resources:\n- manager.yaml\n',
        'config/dev/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: op\n          image: acme/op-dev:latest\n',
        'config/dev/kustomization.yaml': 'resources:\n- deployment.yaml\n',
        Makefile: 'deploy:\n\tcd config/manager && $(KUSTOMIZE) edit set image controller=${IMG}\n',
        '.github/workflows/release.yml': 'on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cd config/dev && kustomize edit set image acme/op-dev=acme/op:"${VERSION}"\n',
      },
    },
    {
      // MTES-MCT/trackdechets: the repository moved to its organisation's registry path; the images stayed on latest.
      name: 'an image the base pulled unpinned, moved under an organisation on the same moving tag',
      before: { 'kubernetes/apps/api.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/trackdechets/api:latest\n' },
      after: { 'kubernetes/apps/api.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/mtes-mct/trackdechets/api:latest\n' },
    },
    {
      // kedacore/http-add-on: config/*/deployment.yaml images are ko:// import paths that `ko resolve` replaces with the built digest.
      name: 'a ko:// import path in a Kubernetes manifest',
      after: { 'config/interceptor/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: interceptor\nspec:\n  template:\n    spec:\n      containers:\n        - name: interceptor\n          image: ko://github.com/kedacore/http-add-on/interceptor\n' },
    },
    {
      // profilarr 79ac0ad1: the production compose file's own image moves from the beta channel to latest.
      name: 'an image on a release channel tag (beta) moved to latest',
      before: { 'docker-compose.prod.yml': 'services:\n  app:\n    image: acme/app:beta\n' },
      after: { 'docker-compose.prod.yml': 'services:\n  app:\n    image: acme/app:latest\n' },
    },
    {
      // streamystats 4fa4dede: the project's images move from Docker Hub to GHCR under new names, still on ${VERSION:-latest}.
      name: "the project's own services moved to another registry under new image names, on the same latest-by-default variable tag",
      before: { 'docker-compose.yml': 'services:\n  web:\n    image: docker.io/acme/shop-v2-web:${VERSION:-latest}\n  jobs:\n    image: docker.io/acme/shop-v2-jobs:${VERSION:-latest}\n' },
      after: { 'docker-compose.yml': 'services:\n  web:\n    image: ghcr.io/acme/shop-web:${VERSION:-latest}\n  jobs:\n    image: ghcr.io/acme/shop-jobs:${VERSION:-latest}\n' },
    },
    {
      // mariadb-operator 6f7aa54bc1ac: kubebuilder's `controller:latest`, which config/manager/kustomization.yaml rewrites to a release.
      name: "a Kubernetes image a kustomization listing the manifest rewrites to a fixed version (kubebuilder's controller placeholder)",
      after: {
        'config/manager/kustomization.yaml': 'resources:\n- manager.yaml\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n- name: controller\n  newName: acme/operator\n  newTag: v0.0.23\n',
        'config/manager/manager.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: manager\nspec:\n  template:\n    spec:\n      containers:\n        - name: manager\n          image: controller:latest\n',
      },
    },
    {
      // The tag names the image built on this machine, not a registry tag that moves.
      name: 'an image the repository builds locally and does not publish',
      after: {
        'Makefile': 'image:\n\tdocker build -t deb6 -f debian/Dockerfile .\n',
        'debian/docker-compose.yml': 'services:\n  app:\n    image: deb6:latest\n  worker:\n    image: acme-worker:latest\n  builder:\n    build: ./worker\n    image: acme-worker\n',
        'debian/Dockerfile.extra': 'FROM deb6:latest\nCMD ["true"]\n',
      },
    },
    {
      // minvws/nl-kat-coordination: the change edits boefjes/Makefile to build the base image the new plugin images start FROM.
      name: "an image a subproject's Makefile the change edits builds locally",
      after: {
        'boefjes/Makefile': 'base-image:\n\tdocker build -f **/base.Dockerfile -t openkat/boefje-base:latest .\n',
        'boefjes/plugins/kat_wpscan/boefje.Dockerfile': 'FROM openkat/boefje-base:latest\nCOPY . ./kat_wpscan\n',
      },
    },
    {
      // CrunchyData/postgres-operator: the PostGIS image is built FROM the Postgres image the same Makefile built just before, named on podman's local registry.
      name: "an image on the machine's own registry (localhost/…, localhost:5000/…), or named for a local build (faraday-local, :local)",
      after: {
        'components/image-postgres/Dockerfile.postgis': 'FROM localhost/crunchy-postgres:latest\nRUN microdnf install -y postgis\n',
        'components/image-app/Dockerfile': 'FROM localhost:5000/acme/base\nCMD ["app"]\n',
        // faraday: the image docker-compose build tags on the machine, named for it.
        'docker-compose.yaml': 'services:\n  app:\n    image: faraday-local\n  worker:\n    image: acme/worker:local\n',
      },
    },
    {
      // worklenz: one-stage images install their build tools globally (grunt, ts-node, the Angular CLI), build, and start node.
      name: 'build tools and framework CLIs a one-stage image installs globally to build what it starts',
      after: {
        'backend/Dockerfile': 'FROM node:18\nRUN npm install -g grunt ts-node\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "./build/bin/www"]\n',
        'frontend/Dockerfile': 'FROM node:18\nRUN npm install -g @angular/cli\nCOPY . .\nRUN npm ci && npm run build\nCMD ["npm", "start"]\n',
      },
    },
    {
      // OWASP/Nest: the integration-test stack runs the image a make target builds; compose is told never to pull it.
      name: 'a compose service with pull_policy never (or build): compose runs the image on the machine and never pulls it',
      after: { 'compose.yaml': 'services:\n  tests:\n    image: nest-test-infrastructure\n    pull_policy: never\n  api:\n    image: acme/api:latest\n    pull_policy: build\n' },
    },
    {
      // writefreely: `image: writefreely` in the production compose is the image built from its Dockerfile.prod.
      name: "a bare image named after the repository, beside the repository's Dockerfile (its own build)",
      repository: { owner: 'writefreely', name: 'writefreely' },
      after: { 'Dockerfile.prod': 'FROM alpine:3.20\nCMD ["/app"]\n', 'docker-compose.prod.yml': 'services:\n  app:\n    image: writefreely\n' },
    },
    {
      // Lavalink 72b8fe4361c9: Gradle's deprecated gradle-build-action replaced by its successor, gradle/actions/setup-gradle.
      name: "a workflow's action replaced by another action of the same owner on a release tag",
      before: { '.github/workflows/build.yml': workflow('actions/checkout@v4', 'gradle/gradle-build-action@v2') },
      after: { '.github/workflows/build.yml': workflow('actions/checkout@v4', 'gradle/actions/setup-gradle@v3') },
    },
    {
      name: 'a workflow\'s action moved from a branch to a release tag, under the organisation it moved to (the reference got tighter)',
      before: { '.github/workflows/snap.yml': workflow('diddlesnaps/snapcraft-multiarch-action@master') },
      after: { '.github/workflows/snap.yml': workflow('canonical/snapcraft-multiarch-action@v1') },
    },
    { name: 'a third-party action moved from one tag to the next (a bump makes nothing worse)', before: { '.github/workflows/ci.yml': workflow('my-org/deploy@v3') }, after: { '.github/workflows/ci.yml': workflow('my-org/deploy@v4') } },
    {
      name: 'unpinned steps moved out of a workflow that stays into a new one',
      before: { '.github/workflows/ci.yml': workflow('actions/checkout@v4', 'my-org/deploy@v3') },
      after: {
        '.github/workflows/ci.yml': workflow('actions/checkout@v4'),
        '.github/workflows/deploy.yml': workflow('my-org/deploy@v3'),
      },
    },
    { name: 'an unpinned step moved into a new workflow', before: { '.github/workflows/ci.yml': workflow('my-org/deploy@v3') }, after: { '.github/workflows/deploy.yml': workflow('my-org/deploy@v4') } },
    {
      name: "the repository's own reusable workflow called by its full name on a branch",
      after: {
        '.github/workflows/release.yml': 'on: push\njobs:\n  build:\n    uses: my-org/my-repo/.github/workflows/build.yml@main\n',
        '.github/workflows/build.yml': 'on:\n  workflow_call:\n    inputs:\n      tag: { type: string }\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n',
      },
    },
    {
      name: "an action of the repository owner's organisation on the branch the base's workflows already run the owner's actions from, and on a tag",
      repository: { owner: 'Acme', name: 'server' },
      before: { '.github/workflows/e2e.yml': workflow('actions/checkout@v4', 'acme/cli/action@main'), '.github/workflows/test.yml': workflow('actions/checkout@v4') },
      after: { '.github/workflows/e2e.yml': workflow('actions/checkout@v4', 'acme/cli/action@main'), '.github/workflows/test.yml': workflow('actions/checkout@v4', 'acme/pkg/actions/yq@main', 'acme/setup-tool@v2') },
    },
    {
      name: 'an action the change moves to a new ref in every workflow that ran it, taken up at that ref by a workflow that ran no action',
      before: { '.github/workflows/docker.yml': workflow('actions/checkout@v4', 'notify-org/slack@v1'), '.github/workflows/tests.yml': workflow('notify-org/slack@v1', 'notify-org/slack@v1'), '.github/workflows/perf.yml': 'on: push\njobs:\n  perf:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./perf.sh\n' },
      after: { '.github/workflows/docker.yml': workflow('actions/checkout@v4', 'notify-org/slack@v2'), '.github/workflows/tests.yml': workflow('notify-org/slack@v2', 'notify-org/slack@v2'), '.github/workflows/perf.yml': 'on: push\njobs:\n  perf:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./perf.sh\n      - uses: notify-org/slack@v2\n' },
    },
    {
      name: "reusable workflows of the repository's own owner on a branch or a tag (its organisation's CI, first-party)",
      repository: { owner: 'Acme', name: 'server' },
      after: { '.github/workflows/ci.yml': 'on: push\njobs:\n  lint:\n    uses: acme/workflows/.github/workflows/lint.yml@main\n  test:\n    uses: acme/workflows/.github/workflows/test.yaml@v2\n' },
    },
    {
      name: "a new service on an untagged image of a namespace whose every image in the file's base is untagged (the file's convention)",
      before: { 'docker-compose.yml': 'services:\n  api:\n    image: acme/shop-api\n  web:\n    image: ghcr.io/acme/shop-web:latest\n  db:\n    image: postgres:16\n' },
      after: { 'docker-compose.yml': 'services:\n  api:\n    image: acme/shop-api\n  web:\n    image: ghcr.io/acme/shop-web:latest\n  db:\n    image: postgres:16\n  monitoring:\n    image: acme/shop-monitoring\n' },
    },
    {
      name: 'a base image replaced by another of the same registry namespace on the same moving tag',
      before: { 'Dockerfile.ubi': 'FROM golang:1.22 AS build\nFROM registry.access.redhat.com/ubi8/ubi-minimal:latest\nCOPY --from=build /app /app\n' },
      after: { 'Dockerfile.ubi': 'FROM golang:1.22 AS build\nFROM registry.access.redhat.com/ubi8/ubi:latest AS ubi\nCOPY --from=build /app /app\n' },
    },
    {
      name: 'a FROM moved unchanged out of a deleted base-image Dockerfile (under .docker/) that a workflow of the base built and pushed',
      before: {
        '.docker/Dockerfile': 'FROM composer:latest AS composer\nFROM php:8.3-fpm-alpine AS base\nCOPY --from=composer /usr/bin/composer /usr/bin/composer\n',
        '.github/workflows/base.yml': 'on: workflow_dispatch\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@' + SHA + '\n        with:\n          context: .docker\n          file: .docker/Dockerfile\n          tags: acme/app-base:fpm\n          push: true\n',
        Dockerfile: 'FROM acme/app-base:fpm AS base\nCOPY . /app\n',
      },
      after: { Dockerfile: 'FROM composer:latest AS composer\nFROM php:8.3-fpm-alpine AS base\nCOPY --from=composer /usr/bin/composer /usr/bin/composer\nCOPY . /app\n' },
    },
    {
      // komodo 12abd5a5bdf9: the documented config_example/*.compose.yaml deleted, their services moved into compose/<db>.compose.yaml.
      name: 'images moved out of deleted example compose files (named only by their services: key) into the production compose files that replace them',
      before: {
        'config_example/aio.compose.yaml': 'services:\n  core:\n    image: ghcr.io/acme/core:latest ## use :latest-aarch64 on arm\n  mongo:\n    image: mongo\n',
        'config_example/core.compose.yaml': 'services:\n  core:\n    image: ghcr.io/acme/core:latest\n',
      },
      after: {
        'compose/mongo.compose.yaml': 'services:\n  mongo:\n    image: mongo\n    restart: unless-stopped\n  core:\n    image: ghcr.io/acme/core:latest\n    restart: unless-stopped\n',
        'compose/sqlite.compose.yaml': 'services:\n  core:\n    image: ghcr.io/acme/core:latest\n    restart: unless-stopped\n',
      },
    },
    {
      name: 'install_requires moved unchanged from setup.py into pyproject.toml [project] dependencies',
      before: {
        'setup.py': "from setuptools import setup\n\nsetup(\n    name='shop',\n    install_requires=[\n        'itsdangerous', 'Jinja2', 'misaka>=2.0,<3.0',\n        'bleach'],\n    extras_require={'doc': ['Sphinx']},\n)\n",
        'pyproject.toml': '[build-system]\nrequires = ["setuptools>=61"]\n',
      },
      after: {
        'setup.py': 'from setuptools import setup\n\nsetup()\n',
        'pyproject.toml': '[build-system]\nrequires = ["setuptools>=61"]\n\n[project]\nname = "shop"\ndependencies = [\n    "itsdangerous",\n    "Jinja2",\n    "misaka>=2.0,<3.0",\n    "bleach",\n]\n',
      },
    },
    {
      name: 'requirements moved from a deleted requirements.txt and setup.cfg into pyproject.toml',
      before: { 'requirements.txt': 'flask\ngunicorn\n', 'setup.cfg': '[options]\ninstall_requires =\n    celery\n    redis ; python_version >= "3.8"\n' },
      after: { 'setup.cfg': '[options]\nzip_safe = False\n', 'pyproject.toml': '[project]\nname = "shop"\ndependencies = ["flask", "gunicorn", "celery", "redis"]\n' },
    },
    { name: 'a workflow in a vendored tree (not the root .github/workflows, so GitHub never runs it)', after: { 'tools/build-kit/.github/workflows/release.yaml': workflow('my-org/deploy@v3') } },
    { name: 'a placeholder image a README asks the reader to fill in', after: { 'k8s/ds.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: flex\nspec:\n  template:\n    spec:\n      containers:\n        - name: flex\n          image: <image_url>\n' } },
    { name: 'an unpinned image in a CI compose file', after: { '.ci/compose.yaml': 'services:\n  db:\n    image: postgres\n' } },
    {
      name: 'option trusted_action_owners: an owner listed may use release tags',
      after: { '.github/workflows/ci.yml': workflow('my-org/deploy@v2') },
      options: { trusted_action_owners: ['actions', 'github', 'my-org'] },
    },
    // what the change does not make worse
    {
      name: 'an ARG default of latest that the compose file building the Dockerfile sets to a version',
      after: {
        'app/Dockerfile': 'ARG BASE_TAG=latest\nFROM acme/base:${BASE_TAG}\n',
        'compose.yaml': 'services:\n  app:\n    build:\n      context: app\n      args:\n        BASE_TAG: "1.2.3"\n',
      },
    },
    {
      name: 'an ARG default of latest that every build of the Dockerfile overrides (the release workflow passes the tag)',
      after: {
        'docker/sparkl2/Dockerfile': 'ARG LNBITS_TAG=latest\n\nFROM lnbits/lnbits:${LNBITS_TAG}\n',
        '.github/workflows/docker.yml': 'on: push\njobs:\n  docker:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@' + SHA + '\n        with:\n          context: docker/sparkl2\n          build-args: LNBITS_TAG=${{ inputs.tag }}\n',
      },
    },
    {
      name: 'a new workflow reusing an action another workflow of the repository already runs at the same ref',
      before: { '.github/workflows/release.yml': workflow('docker/build-push-action@v5', 'docker://alpine:latest') },
      after: {
        '.github/workflows/release.yml': workflow('docker/build-push-action@v5', 'docker://alpine:latest'),
        '.github/workflows/edge.yml': workflow('Docker/build-push-action@v5', 'docker://alpine:latest'),
      },
    },
    {
      // bitwarden: a placeholder `run: exit 0` workflow rewritten as a real job from the organisation's shared actions, which every other workflow runs at @main.
      name: 'a placeholder workflow rewritten as a new one, using actions of a repository (another action of it) that the other workflows run at the same ref',
      before: { '.github/workflows/load-test.yml': 'name: Test Stub\non:\n  workflow_dispatch:\n\njobs:\n  test:\n    name: Test\n    runs-on: ubuntu-24.04\n    steps:\n      - name: Test\n        run: exit 0\n', '.github/workflows/build.yml': workflow('acme/gh-actions/azure-login@main', 'acme/gh-actions/azure-logout@main') },
      after: { '.github/workflows/load-test.yml': 'name: Load test\non:\n  workflow_dispatch:\n\njobs:\n  run-tests:\n    runs-on: ubuntu-24.04\n    steps:\n      - name: Log in to Azure\n        uses: acme/gh-actions/azure-login@main\n      - name: Get secrets\n        uses: acme/gh-actions/get-keyvault-secrets@main\n      - run: k6 run perf/load.js\n', '.github/workflows/build.yml': workflow('acme/gh-actions/azure-login@main', 'acme/gh-actions/azure-logout@main') },
    },
    {
      // bcgov/common-hosted-form-service: the new image workflow runs docker/login-action@v3, which the repository's own
      // build-push-container composite action, run by its other workflows, already runs at that tag.
      name: "a new workflow using an action the repository's own composite action runs at the same ref",
      before: {
        '.github/workflows/app.yml': workflow('actions/checkout@v4', './.github/actions/build-push-container'),
        '.github/actions/build-push-container/action.yaml': 'name: Build and push\nruns:\n  using: composite\n  steps:\n    - uses: docker/login-action@v3\n    - uses: docker/build-push-action@v6\n',
      },
      after: {
        '.github/workflows/app.yml': workflow('actions/checkout@v4', './.github/actions/build-push-container'),
        '.github/actions/build-push-container/action.yaml': 'name: Build and push\nruns:\n  using: composite\n  steps:\n    - uses: docker/login-action@v3\n    - uses: docker/build-push-action@v6\n',
        '.github/workflows/clamav.yml': workflow('docker/login-action@v3', 'docker/build-push-action@v6'),
      },
    },
    {
      name: 'a new workflow using another action of a repository the other workflows run at the same ref',
      before: { '.github/workflows/build.yml': workflow('acme/gh-actions/azure-login@main') },
      after: { '.github/workflows/build.yml': workflow('acme/gh-actions/azure-login@main'), '.github/workflows/new.yml': workflow('acme/gh-actions/get-keyvault-secrets@main') },
    },
    {
      name: 'an existing workflow that already runs unpinned actions gaining one another workflow runs at the same ref',
      before: {
        '.github/workflows/docker.yml': workflow('actions/checkout@v4', 'docker/login-action@v3'),
        '.github/workflows/rust.yml': workflow('tool-org/rust-toolchain@master'),
      },
      after: {
        '.github/workflows/docker.yml': workflow('actions/checkout@v4', 'docker/login-action@v3', 'tool-org/rust-toolchain@master'),
        '.github/workflows/rust.yml': workflow('tool-org/rust-toolchain@master'),
      },
    },
    {
      // grist-core: docker/metadata-action bumped from v4 to v5 in docker.yml, and the same steps mirrored into docker_latest.yml.
      name: 'an existing workflow that already runs unpinned actions gaining one at the ref another workflow of the change bumps it to',
      before: {
        '.github/workflows/docker.yml': workflow('actions/checkout@v4', 'docker/metadata-action@v4'),
        '.github/workflows/latest.yml': workflow('docker/setup-qemu-action@v1'),
      },
      after: {
        '.github/workflows/docker.yml': workflow('actions/checkout@v4', 'docker/metadata-action@v5'),
        '.github/workflows/latest.yml': workflow('docker/setup-qemu-action@v1', 'docker/metadata-action@v5'),
      },
    },
    { name: 'the same untagged image pulled from another registry (ECR Public mirror to Docker Hub)', before: { 'release/msi.dockerfile': 'FROM public.ecr.aws/docker/library/alpine\nRUN apk add jq\n' }, after: { 'release/msi.dockerfile': 'FROM alpine\nRUN apk add jq\n' } },
    {
      // OliveTin 5b4f51f698b2: `FROM fedora` turned into the amd64 repository of the official image, and per-architecture copies beside it.
      name: "an official image's per-architecture repository on Docker Hub, where the base already floated on the official image",
      before: { Dockerfile: 'FROM fedora\nRUN dnf install -y docker\nENTRYPOINT ["/usr/bin/app"]\n' },
      after: {
        Dockerfile: 'FROM --platform=linux/amd64 docker.io/amd64/fedora\nRUN dnf install -y docker\nENTRYPOINT ["/usr/bin/app"]\n',
        'Dockerfile.arm64': 'FROM --platform=linux/arm64 docker.io/arm64v8/fedora\nRUN dnf install -y docker\nENTRYPOINT ["/usr/bin/app"]\n',
        'Dockerfile.armv7': 'FROM --platform=linux/arm/v7 arm32v7/fedora:latest\nRUN dnf install -y docker\nENTRYPOINT ["/usr/bin/app"]\n',
      },
    },
    {
      // The base already ran the server on it (or the new service is another client): the change repeats the base's choice.
      name: 'an image the base of the file already ran as a server, or a new client service on an image the base ran as a client',
      before: { 'compose.yaml': 'services:\n  db:\n    image: postgres:latest\n    volumes:\n      - db:/var/lib/postgresql/data\n  init:\n    image: redis:latest\n    command: redis-cli -h cache ping\n' },
      after: {
        'compose.yaml': 'services:\n  db:\n    image: postgres:latest\n    volumes:\n      - db:/var/lib/postgresql/data\n  init:\n    image: redis:latest\n    command: redis-cli -h cache ping\n  db2:\n    image: postgres:latest\n    volumes:\n      - db2:/var/lib/postgresql/data\n  flush:\n    image: redis:latest\n    command: redis-cli -h cache flushall\n',
      },
    },
    {
      // searxng-docker 0a1db38e2181: the base's `command: ${SEARX_COMMAND:-}` (empty when unset) and a flags-only command
      // hand their words to the image's own start, so the base already ran the server on that image.
      name: 'an image the base ran with a command that is only a variable or only flags, now run without one and with a volume',
      before: { 'docker-compose.yaml': 'services:\n  searx:\n    image: searxng/searxng\n    command: ${SEARX_COMMAND:-}\n  cache:\n    image: redis:alpine\n    command: ["--save", ""]\n' },
      after: { 'docker-compose.yaml': 'services:\n  searxng:\n    image: searxng/searxng:latest\n    volumes:\n      - ./searxng:/etc/searxng:rw\n  cache:\n    image: redis:alpine\n    volumes:\n      - cache:/data\n' },
    },
    { name: 'the same image on latest moved from one registry to another', before: { 'docker-compose.yml': 'services:\n  app:\n    image: ghcr.io/acme/app:latest\n' }, after: { 'docker-compose.yml': 'services:\n  app:\n    image: docker.io/acme/app\n' } },
    {
      name: 'Helm values images with a version tag, a digest, or an empty tag (the chart appVersion)',
      after: {
        'charts/app/values.yaml': 'image:\n  repository: ghcr.io/acme/app\n  tag: ""\nworker:\n  image:\n    repository: ghcr.io/acme/worker\n    tag: 1.4.2\nproxy:\n  image:\n    repository: nginx\n    tag: latest\n    digest: ' + DIGEST + '\nsidecar:\n  image:\n    repository: busybox\n',
      },
    },
    {
      // An image string in a chart's values: pinned, templated, beside a key that carries its tag, one word, a values file outside a chart, or latest already in the base.
      name: "image strings in a chart's values that pin, take their tag apart, are not a chart's, or were already on latest",
      before: { 'charts/op/Chart.yaml': 'apiVersion: v2\nname: op\n', 'charts/op/values.yaml': 'config:\n  sidecar_image: ghcr.io/acme/sidecar:latest\n' },
      after: {
        'charts/op/Chart.yaml': 'apiVersion: v2\nname: op\n',
        'charts/op/values.yaml': [
          'config:',
          '  sidecar_image: ghcr.io/acme/sidecar:latest',
          '  docker_image: ghcr.io/acme/spilo-18:4.1-p1',
          `  backup_image: "ghcr.io/acme/backup@${DIGEST}"`,
          '  pooler_image: "{{ .Values.registry }}/pgbouncer:latest"',
          'proxy:',
          '  image: acme/proxy',
          '  imageTag: 1.2.3',
          'helper:',
          '  image: busybox',
          '  imagePullPolicy: IfNotPresent',
          'note:',
          '  baseImage: "see the README: latest"',
          '',
        ].join('\n'),
        'config/values.yaml': 'pooler_image: ghcr.io/acme/pgbouncer:latest\n',
      },
    },
    {
      // quarkus-super-heroes d6f8d43c: a generated umbrella chart repeats the images each service's own values already deploy.
      name: "a new chart's values repeat an image another chart of the base deploys on the same moving tag",
      before: { 'rest-narration/deploy/helm/values.yaml': 'app:\n  image: quay.io/acme-heroes/rest-narration:java21-latest\n' },
      after: {
        'rest-narration/deploy/helm/values.yaml': 'app:\n  image: quay.io/acme-heroes/rest-narration:java21-latest\n',
        'deploy/helm/knative/Chart.yaml': 'apiVersion: v2\nname: heroes\n',
        'deploy/helm/knative/values.yaml': 'rest-narration:\n  app:\n    image: quay.io/acme-heroes/rest-narration:java21-latest\n',
      },
    },
    { name: 'a Helm values file whose latest tag the change does not touch', before: { 'charts/app/values.yaml': 'image:\n  repository: acme/app\n  tag: latest\nreplicas: 1\n' }, after: { 'charts/app/values.yaml': 'image:\n  repository: acme/app\n  tag: latest\nreplicas: 2\n' } },
    // tubearchivist: the redis service swapped one untagged image for another; it pulled a moving image before and still does.
    { name: 'a compose service that pulled a moving image swapped to a Docker Official Image or another of the same publisher', before: { 'docker-compose.yml': 'services:\n  redis:\n    image: redis/redis-stack-server\n  search:\n    image: acme/search-lite\n' }, after: { 'docker-compose.yml': 'services:\n  redis:\n    image: redis:latest\n  search:\n    image: ghcr.io/acme/search\n' } },
    // PairDrop 10f648b7cdfc: node:lts-alpine (a tag naming no version) swapped for alpine:latest, another Docker Official Image.
    { name: 'a FROM on a tag naming no version swapped for a moving Docker Official Image or one of the same publisher', before: { Dockerfile: 'FROM node:lts-alpine\nCOPY . .\nCMD ["node", "server.js"]\n', 'worker/Dockerfile': 'FROM acme/base-lite AS build\nRUN make\nFROM debian:12\n' }, after: { Dockerfile: 'FROM alpine:latest\nRUN apk add nodejs npm\nCOPY . .\nCMD ["node", "server.js"]\n', 'worker/Dockerfile': 'FROM acme/base AS build\nRUN make\nFROM debian:12\n' } },
    // microbin 6dbfc9ae709a: a base that pinned nothing (rust:latest, bitnami/minideb:latest) moving its final stage to another publisher's untagged image.
    { name: 'the final FROM of a Dockerfile whose base pinned nothing swapped for another publisher\'s moving image', before: { Dockerfile: 'FROM rust:latest AS build\nRUN cargo build\nFROM bitnami/minideb:latest\nCOPY --from=build /app /app\n' }, after: { Dockerfile: 'FROM rust:1 AS build\nRUN cargo build\nFROM gcr.io/distroless/cc-debian12\nCOPY --from=build /app /app\n' } },
    // prometheus/pushgateway 64ab9c514c15: a one-stage Dockerfile on an untagged image moved to the owner's own busybox.
    {
      name: "a FROM on an untagged image swapped for the repository owner's own image on latest",
      repository: { owner: 'prometheus', name: 'pushgateway' },
      before: { Dockerfile: 'FROM sdurrheimer/alpine-golang-make-onbuild\nUSER golang\n' },
      after: { Dockerfile: 'FROM quay.io/prometheus/busybox:latest\nCOPY pushgateway /bin/pushgateway\n' },
    },
    // Mailu: every core image builds `FROM base`, a bake context the `base` target supplies.
    {
      name: 'FROM a build context that a bake file of the change or the root supplies from another target',
      after: {
        'core/oletools/Dockerfile': 'FROM base\nCOPY start.py /\nCMD ["/start.py"]\n',
        'tests/build.hcl': 'target "base" {\n  context = "core/base/"\n}\n\ntarget "oletools" {\n  context = "core/oletools/"\n  contexts = {\n    base = "target:base"\n  }\n}\n',
        'core/admin/Dockerfile': 'FROM assets\nCMD ["/start.py"]\n',
        'docker-bake.hcl': 'target "admin" {\n  contexts = { assets = "./core/admin/assets" }\n}\n',
      },
    },
    { name: 'an image moved from one moving tag to another of the same image', before: { 'docker-compose.yml': 'services:\n  app:\n    image: ghcr.io/acme/app:postgresql-latest\n' }, after: { 'docker-compose.yml': 'services:\n  app:\n    image: ghcr.io/acme/app:latest\n' } },
    { name: 'an untagged base image whose FROM line the change rewrites', before: { Dockerfile: 'FROM node\nRUN npm ci\n' }, after: { Dockerfile: 'FROM node AS build\nRUN npm ci\n' } },
    {
      // ephios 1143287c: `uv tool install gunicorn` became a pip install of the same unpinned gunicorn.
      name: 'an unpinned package the base installed with uv tool install, now installed with pip',
      before: { Dockerfile: 'FROM python:3.12\nRUN pip install uv && uv tool install gunicorn\nCMD ["gunicorn", "app.wsgi"]\n' },
      after: { Dockerfile: 'FROM python:3.12\nRUN pip install uv && uv pip install --system gunicorn\nCMD ["gunicorn", "app.wsgi"]\n' },
    },
    {
      name: 'a RUN rewritten around an unpinned pip install that was already there',
      before: { Dockerfile: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip \\\n    git clone https://example.org/app app \\\n    && pip install -U gevent \\\n    && rm -r app/.git\n' },
      after: { Dockerfile: 'FROM python:3.12\nRUN install-app app \\\n    && pip install -U gevent\n' },
    },
    {
      name: 'an unpinned pip install moved out of a Dockerfile the change deletes',
      before: { 'build/worker/Dockerfile': 'FROM python:3.12\nRUN pip install --no-cache-dir wheel gevent\n' },
      after: { 'images/worker/Dockerfile': 'FROM python:3.12 AS builder\nRUN python -m venv env \\\n    && env/bin/pip install -U gevent\n' },
    },
    {
      name: 'an untagged image moved out of a production compose file the change deletes',
      before: { 'backend/docker-compose.yml': 'services:\n  api:\n    build: .\n  db:\n    image: postgres\n' },
      after: { 'docker-compose.yml': 'services:\n  api:\n    build: ./backend\n    restart: always\n  db:\n    image: postgres\n' },
    },
    {
      name: 'a Pipfile entry the same change pins in the requirements.txt beside it',
      before: { Pipfile: '[packages]\ndjango = "*"\n', 'requirements.txt': 'django==5.0.6\n' },
      after: { Pipfile: '[packages]\ndjango = "*"\ndjango-cors-headers = "*"\n', 'requirements.txt': 'django==5.0.6\ndjango-cors-headers==4.4.0 ; python_version >= "3.8"\n' },
    },
    // requirements files
    // alerta: requirements.txt sets up the development environment with open ranges only (the server installs from setup.py).
    { name: 'requirements: an open range added to a file that pinned none of its three or more', before: { 'requirements.txt': 'flask>=2\npsycopg2\nrequests\npytz\n' }, after: { 'requirements.txt': 'flask>=2\npsycopg2\nrequests\npytz\nmohawk\nblinker>=1.5\n' } },
    { name: 'requirements pinned with == and ===', after: { 'requirements.txt': 'requests==2.32.3\nDjango===4.2.1\nflask[async]==3.0.0 ; python_version >= "3.9"\n' } },
    {
      name: 'requirements with hash continuation lines',
      after: { 'requirements.txt': `certifi==2024.2.2 \\\n    --hash=sha256:${'b'.repeat(64)} \\\n    --hash=sha256:${'c'.repeat(64)}\n    # via requests\n` },
    },
    {
      // infobyte/faraday 8b083d6816c3: requirements.txt kept in step with the pyproject.toml beside it, which declared each range so already.
      name: 'requirements: ranges the project manifest beside the file already declared the same way',
      before: { 'pyproject.toml': '[project]\nname = "app"\ndependencies = ["flask>=2.2.0", "celery<6,>=5.3"]\n\n[project.optional-dependencies]\npostgres = ["psycopg2>=2.9"]\n', 'requirements.txt': 'flask>=2.2.0\n' },
      after: { 'pyproject.toml': '[project]\nname = "app"\ndependencies = ["flask>=2.2.0", "celery<6,>=5.3"]\n\n[project.optional-dependencies]\npostgres = ["psycopg2>=2.9"]\n', 'requirements.txt': 'flask>=2.2.0\ncelery>=5.3,<6\npsycopg2>=2.9\n' },
    },
    // A constraints file caps what other files install and installs nothing; a documentation build's requirements build the docs site.
    { name: 'requirements: a constraints file of upper caps', after: { 'requirements/constraints.txt': 'Django<5.0\ncelery<6\n', 'constraints.txt': 'urllib3<2\n' } },
    { name: 'requirements: a documentation build', after: { 'requirements/docs.txt': 'sphinx\nfuro>=2024\n', 'requirements-docs.txt': 'mkdocs-material\n', 'doc-requirements.txt': 'sphinx-rtd-theme\n' } },
    // featbit: a module's requirements.txt lists pytest beside its pinned runtime packages.
    { name: 'requirements: developer tools the service never imports (test runners, linters, type stubs)', after: { 'modules/analytics/requirements.txt': 'flask==3.0.3\npytest\npytest-cov>=5\nruff\ntypes-requests\nmypy>=1.10\n' } },
    // DemocracyClub/EveryElection: requirements/jenkins.txt adds django-jenkins for the CI server's test jobs.
    { name: "requirements: a CI service's jobs", after: { 'requirements/jenkins.txt': '-r testing.txt\ndjango-jenkins\n', 'requirements-travis.txt': 'coveralls\n' } },
    { name: 'requirements: includes, constraints, options, comments', after: { 'requirements.txt': '-r base.txt\n-c constraints.txt\n--index-url https://pypi.example.org/simple\n--find-links ./wheels\n# a comment\n\n--requirement=dev.txt\n' } },
    { name: 'requirements: editable local project', after: { 'requirements-dev.txt': '-e .\n-e .[dev]\n--editable ./libs/core\n' } },
    { name: 'requirements: local paths and archives', after: { 'requirements.txt': './vendor/pkg\n../shared\ndist/app-1.0-py3-none-any.whl\nmypkg @ file:///opt/wheels/mypkg.whl\n' } },
    { name: 'requirements: VCS pinned to a full commit', after: { 'requirements.txt': `git+https://github.com/psf/requests.git@${SHA}#egg=requests\nflask @ git+https://github.com/pallets/flask@${SHA}\n` } },
    { name: 'requirements: archive URL with a sha256 fragment', after: { 'requirements.txt': `https://example.org/pkgs/foo-1.0.tar.gz#sha256=${'d'.repeat(64)}\n` } },
    { name: 'requirements: environment variable version', after: { 'requirements.txt': 'requests==${REQUESTS_VERSION}\n' } },
    { name: 'pip-compile input files are not checked', after: { 'requirements.in': 'requests\nflask>=2\n' } },
    { name: 'the lower bound of a requirement the base already left open is raised', before: { 'requirements.txt': 'flask\nrequests>=2.30\n' }, after: { 'requirements.txt': 'flask\nrequests>=2.32\n' } },
    {
      name: 'a bare image name in a manifest that skaffold builds and replaces',
      after: {
        'skaffold.yaml': 'apiVersion: skaffold/v4beta1\nkind: Config\nbuild:\n  artifacts:\n    - image: cartservice\n      context: src/cartservice\nmanifests:\n  rawYaml:\n    - ./kubernetes-manifests/*.yaml\n',
        'kubernetes-manifests/cart.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cart\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          image: cartservice\n',
      },
    },
    { name: 'an unpinned requirement that only moved', before: { 'requirements.txt': 'flask\nrequests\n' }, after: { 'requirements.txt': 'requests\nflask\n' } },
    { name: 'an unpinned requirement already in the base', before: { 'requirements.txt': 'flask\n' }, after: { 'requirements.txt': 'flask\ngunicorn==22.0.0\n' } },
    // pyproject.toml / Pipfile
    { name: 'pyproject with poetry.lock present', after: { 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\nrequests = "*"\n', 'poetry.lock': '# lock\n' } },
    { name: 'pyproject with uv.lock at the workspace root', after: { 'packages/api/pyproject.toml': '[project]\nname = "api"\ndependencies = ["requests"]\n', 'uv.lock': 'version = 1\n' } },
    // quivr: backend/worker/pyproject.toml, a member of the Rye workspace backend/requirements.lock pins.
    { name: 'pyproject of a Rye workspace member, requirements.lock at the workspace root', after: { 'backend/worker/pyproject.toml': '[project]\nname = "worker"\ndependencies = ["diff-assistant", "celery[redis]>=5.0.0"]\n', 'backend/requirements.lock': '# generated by rye\ncelery==5.4.0\n' } },
    { name: 'Pipfile with Pipfile.lock present', after: { Pipfile: '[packages]\nrequests = "*"\n', 'Pipfile.lock': '{}\n' } },
    { name: 'pyproject ranges are versions', after: { 'pyproject.toml': '[project]\nname = "app"\ndependencies = [\n  "requests>=2.31",\n  "flask~=3.0",\n]\n[tool.poetry.dependencies]\npython = "^3.11"\nhttpx = "^0.27"\n' } },
    { name: 'pyproject self-reference in extras and build requirements', after: { 'pyproject.toml': '[build-system]\nrequires = ["setuptools", "wheel"]\n[project]\nname = "my-app"\ndependencies = []\n[project.optional-dependencies]\nall = ["my_app[dev]"]\n' } },
    { name: 'poetry git dependency on a commit and path dependency', after: { 'pyproject.toml': `[tool.poetry.dependencies]\nlib = { git = "https://github.com/o/lib.git", rev = "${SHA}" }\nlocal = { path = "../local", develop = true }\n` } },
    // package.json
    { name: 'package.json carets, tildes, exact, bounded ranges', after: { 'package.json': '{\n  "dependencies": {\n    "a": "^1.2.3",\n    "b": "~4.0.0",\n    "c": "1.2.3",\n    "d": ">=1.0.0 <2.0.0",\n    "e": "1.x",\n    "f": "1.0.0 - 2.0.0"\n  }\n}\n' } },
    {
      name: "package.json: `*` on a package the repository's own workspaces provide",
      after: {
        'package.json': '{\n  "private": true,\n  "workspaces": ["apps/*", "packages/*"]\n}\n',
        'packages/types/package.json': '{\n  "name": "@acme/types",\n  "version": "0.0.0"\n}\n',
        'apps/mobile/package.json': '{\n  "name": "mobile-app",\n  "dependencies": {\n    "@acme/types": "*"\n  }\n}\n',
      },
    },
    { name: 'package.json workspace, file, link and npm alias', after: { 'package.json': '{\n  "devDependencies": {\n    "a": "workspace:*",\n    "b": "file:../b",\n    "c": "link:../c",\n    "d": "npm:real-d@^1.0.0"\n  }\n}\n' } },
    {
      // spiff-arena 9147a8db8cd7: the project's own library, already taken from its main branch, now from another branch.
      name: 'a package.json git dependency moved from one branch of the same repository to another',
      before: { 'web/package.json': '{\n  "dependencies": {\n    "bpmn-js-spiff": "github:acme/bpmn-js-spiff#main",\n    "react": "^18.2.0"\n  }\n}\n', 'web/package-lock.json': '{}\n' },
      after: { 'web/package.json': '{\n  "dependencies": {\n    "bpmn-js-spiff": "github:acme/bpmn-js-spiff#vite-support",\n    "react": "^18.3.0"\n  }\n}\n', 'web/package-lock.json': '{}\n' },
    },
    {
      // formio cef78a14cc16: the same repositories' main branch, already depended on, written as full git URLs.
      name: 'a package.json git dependency the base already took from a branch, rewritten as a full URL',
      before: { 'package.json': '{\n  "dependencies": {\n    "@acme/core": "github:acme/core#main",\n    "@acme/js": "acme/js#main"\n  }\n}\n' },
      after: { 'package.json': '{\n  "dependencies": {\n    "@acme/core": "git+https://github.com/acme/core.git#main",\n    "@acme/js": "git+ssh://git@github.com/acme/js.git#main"\n  }\n}\n' },
    },
    {
      name: 'requirements: a loose requirement the base already had, rewritten with extras and another spelling of its name',
      before: { 'requirements.txt': 'Django>=4.2\nrequests\n' },
      after: { 'requirements.txt': 'django >= 4.2.1\nrequests[socks]\n' },
    },
    { name: 'package.json git dependency on a commit', after: { 'package.json': `{\n  "dependencies": {\n    "a": "github:owner/a#${SHA}",\n    "b": "git+https://github.com/owner/b.git#${SHA}"\n  }\n}\n` } },
    { name: 'package.json peer dependency with a lower bound', after: { 'package.json': '{\n  "peerDependencies": {\n    "react": ">=16.8.0"\n  }\n}\n' } },
    {
      name: 'pyproject extras and groups only a development install gets (dev, test, lint, docs, typing), without a lockfile',
      after: {
        'pyproject.toml': [
          '[project]',
          'name = "app"',
          'dependencies = ["requests==2.32.3"]',
          '[project.optional-dependencies]',
          'dev = ["black", "pytest"]',
          'tests = ["faker"]',
          'docs = ["mkdocs"]',
          'typing = ["mypy"]',
          'lint-ci = ["ruff"]',
          '[dependency-groups]',
          'test-e2e = ["playwright"]',
          'dev = ["ipython", {include-group = "test-e2e"}]',
          '[tool.uv]',
          'dev-dependencies = ["pre-commit"]',
          '[tool.pdm.dev-dependencies]',
          'docs = ["sphinx"]',
          '[tool.poetry.dev-dependencies]',
          'coverage = "*"',
          '[tool.poetry.group.test.dependencies]',
          'pytest-mock = "*"',
          '',
        ].join('\n'),
      },
    },
    {
      // django-helpdesk: a reusable Django app whose every [project] dependency is a bare name gains one more.
      name: 'a bare name added to [project] dependencies whose base lists bare names by convention (none pinned)',
      before: { 'pyproject.toml': '[project]\nname = "helpdesk"\ndependencies = [\n    "django>=4.2",\n    "celery",\n    "markdown",\n    "lxml",\n]\n' },
      after: { 'pyproject.toml': '[project]\nname = "helpdesk"\ndependencies = [\n    "django>=4.2",\n    "celery",\n    "markdown",\n    "nh3",\n    "lxml",\n]\n' },
    },
    {
      // Radicale: a new extra written like the file's other extras, each a bare name.
      name: 'a new extra of bare names in a pyproject whose dependencies and extras are open by convention',
      before: { 'pyproject.toml': '[project]\nname = "Radicale"\ndependencies = ["defusedxml", "vobject>=0.9.6", "requests"]\n\n[project.optional-dependencies]\nbcrypt = ["bcrypt"]\nldap = ["ldap3"]\n' },
      after: { 'pyproject.toml': '[project]\nname = "Radicale"\ndependencies = ["defusedxml", "vobject>=0.9.6", "requests"]\n\n[project.optional-dependencies]\nbcrypt = ["bcrypt"]\nldap = ["ldap3"]\npam = ["pam"]\n' },
    },
    {
      // thelounge: irc-framework taken from GitHub at a short commit id, bumped to another one.
      name: 'git dependencies at an abbreviated commit id (7 to 40 hex characters) in package.json, requirements and pyproject',
      before: { 'package.json': '{\n  "dependencies": {\n    "irc-framework": "github:kiwiirc/irc-framework#9578e59"\n  }\n}\n', 'yarn.lock': '# yarn\n' },
      after: {
        'package.json': '{\n  "dependencies": {\n    "irc-framework": "github:kiwiirc/irc-framework#69d47d1"\n  }\n}\n',
        'yarn.lock': '# yarn\n',
        'requirements.txt': 'lib @ git+https://github.com/o/lib@5e91468a2c\n',
        'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\nlib = { git = "https://github.com/o/lib.git", rev = "69d47d1d8b27" }\n',
      },
    },
    {
      // searxng-docker: redis:alpine swapped for Chainguard's valkey:latest in a stack of caddy:2-alpine and searxng:latest.
      name: 'a compose service on a tag naming no version swapped for another publisher\'s image on latest, in a file that pins nothing finer than a major version',
      before: { 'docker-compose.yaml': 'services:\n  caddy:\n    image: docker.io/library/caddy:2-alpine\n  redis:\n    image: docker.io/library/redis:alpine\n  searxng:\n    image: docker.io/searxng/searxng:latest\n' },
      after: { 'docker-compose.yaml': 'services:\n  caddy:\n    image: docker.io/library/caddy:2-alpine\n  redis:\n    image: cgr.dev/chainguard/valkey:latest\n  searxng:\n    image: docker.io/searxng/searxng:latest\n' },
    },
    { name: 'Pipfile dev-packages without a lockfile', after: { Pipfile: '[packages]\ndjango = "==5.0"\n\n[dev-packages]\npytest = "*"\nblack = {version = "*"}\n' } },
    {
      name: 'package.json dist-tags, stars and open ranges with a lockfile beside it or at the workspace root',
      after: {
        'package.json': '{\n  "dependencies": {\n    "a": "latest",\n    "b": "*",\n    "c": ">=1.0.0"\n  }\n}\n',
        'package-lock.json': '{}\n',
        'packages/web/package.json': '{\n  "devDependencies": {\n    "d": "next"\n  }\n}\n',
        'app/package.json': '{\n  "dependencies": {\n    "e": "*"\n  }\n}\n',
        'app/pnpm-lock.yaml': 'lockfileVersion: 9.0\n',
      },
    },
    { name: 'package.json scripts and engines are not dependencies', after: { 'package.json': '{\n  "engines": { "node": ">=20" },\n  "scripts": { "x": "latest" }\n}\n' } },
    // Dockerfile
    { name: 'FROM with a version tag', after: { Dockerfile: 'FROM alpine:3\n' } },
    { name: 'FROM with a digest only', after: { Dockerfile: `FROM alpine@${DIGEST}\n` } },
    { name: 'FROM latest with a digest', after: { Dockerfile: `FROM alpine:latest@${DIGEST}\n` } },
    { name: 'FROM scratch', after: { Dockerfile: 'FROM scratch\nCOPY app /app\n' } },
    { name: 'FROM an earlier stage, in another case', after: { Dockerfile: 'FROM golang:1.22 AS Build\nRUN go build\nFROM build AS test\nFROM BUILD\n' } },
    { name: 'FROM with an ARG tag and no default', after: { Dockerfile: 'ARG PY_VERSION\nFROM python:${PY_VERSION}-slim\nFROM node:$NODE_TAG\n' } },
    { name: 'FROM an ARG whose default has a version', after: { Dockerfile: 'ARG BASE=python:3.12-slim\nFROM ${BASE}\n' } },
    { name: 'FROM with --platform and a tag', after: { Dockerfile: 'FROM --platform=$BUILDPLATFORM python:3.11-slim AS build\nFROM build as run\n' } },
    { name: 'registry with a port and a tag', after: { Dockerfile: 'FROM registry.example.com:5000/team/app:1.4.2\n' } },
    { name: 'COPY --from a stage or a named context', after: { Dockerfile: 'FROM node:20 AS web\nFROM python:3.12\nCOPY --from=web /app/dist /dist\nCOPY --from=0 /x /x\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n' } },
    // RUN pip install
    {
      name: 'RUN pip install pinned, requirements files, local paths, variables',
      after: {
        Dockerfile: [
          'FROM python:3.12-slim',
          'RUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0',
          'RUN pip install -r requirements.txt && pip install -e . && pip install .',
          'RUN pip install /app dist/*.whl ./pkg',
          'RUN pip install "poetry==$POETRY_VERSION" $EXTRA_PACKAGES',
          'RUN pip install --upgrade pip',
          'RUN pip install -c constraints.txt celery',
          'RUN pip install -Ur requirements.txt && pip install -qUrrequirements/prod.txt',
          'RUN apt-get install -y python3-pip && echo pip install flask',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'RUN pip install of installers, build backends and code checkers (tooling, not what the image runs)',
      after: {
        Dockerfile: [
          'FROM python:3.12-slim AS builder',
          'RUN pip install --upgrade pip setuptools wheel && pip install pipenv poetry-core uv',
          'RUN pip install flake8 black ruff pytest',
          'FROM python:3.12-slim',
          'RUN python -m pip install -U pip wheel',
          '',
        ].join('\n'),
      },
    },
    // compose and Kubernetes
    {
      name: 'compose image variables whose default pins a version, or that the .env beside pins, or with no default at all',
      after: {
        'docker-compose.yml': 'services:\n  a:\n    image: acme/a:${A_VERSION:-1.4.2}\n  b:\n    image: ${REGISTRY:-ghcr.io}/acme/b:${B_VERSION:-latest}\n  c:\n    image: acme/c:${C_VERSION}\n  d:\n    image: acme/d:${D_VERSION:?set D_VERSION}\n',
        '.env': 'B_VERSION=2.0.1\n',
      },
    },
    { name: 'compose images with tags, digests, variables; built images', after: { 'docker-compose.yml': `services:\n  db:\n    image: postgres:16\n  cache:\n    image: redis@${DIGEST}\n  app:\n    build: .\n    image: myapp\n  web:\n    image: nginx:\${NGINX_TAG}\n` } },
    { name: 'Kubernetes container with a version tag', after: { 'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n' } },
    { name: 'Kubernetes container with a digest', after: { 'k8s/pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: gcr.io/x/kafka@${DIGEST}\n` } },
    {
      name: 'Helm templates: an image pinned or templated, one the base template already wrote, and a templates/ folder with no chart',
      before: { 'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\n', 'charts/app/templates/job.yaml': '{{- if .Values.job }}\n      containers:\n        - name: wait\n          image: busybox\n{{- end }}\n' },
      after: {
        'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\n',
        'charts/app/templates/job.yaml': '{{- if .Values.job.enabled }}\n      containers:\n        - name: wait\n          image: busybox\n{{- end }}\n',
        'charts/app/templates/_sidecar.yaml': `{{- define "app.sidecar" -}}\n- name: exporter\n  image: prom/statsd-exporter:v0.28.0\n- name: proxy\n  image: "{{ .Values.proxy.image }}"\n- name: pinned\n  image: "nginx@${DIGEST}"\n{{- end }}\n`,
        'ci/templates/build.yaml': 'build:\n  image: node:latest\n',
      },
    },
    { name: 'Helm template with templated images', after: { 'chart/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "app.fullname" . }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n        - name: side\n          image: {{ .Values.sidecar }}\n' } },
    { name: 'a Kubernetes manifest whose unpinned image line did not change', before: { 'k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n' }, after: { 'k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: { app: p }\nspec:\n  containers:\n    - name: c\n      image: nginx\n' } },
    { name: 'YAML that is not a Kubernetes workload', after: { 'config/app.yaml': 'image: nginx\nkind: settings\napiVersion: 1\n' } },
    // GitHub Actions
    {
      name: 'first-party actions on tags, SHA pins, local actions, docker digests',
      after: {
        '.github/workflows/ci.yml': [
          'on: push',
          'jobs:',
          '  build:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - uses: actions/checkout@v4',
          '      - uses: actions/setup-python@v5.1.0',
          '      - uses: github/codeql-action/init@v3',
          `      - uses: docker/build-push-action@${SHA} # v5.3.0`,
          '      - uses: ./.github/actions/setup',
          `      - uses: docker://alpine@${DIGEST}`,
          '  call:',
          `    uses: octo-org/shared/.github/workflows/ci.yml@${SHA}`,
          '',
        ].join('\n'),
      },
    },
    // Only a top-level `services:` mapping whose entries name an `image:` or `build:` makes a compose file of another name.
    {
      name: 'YAML with a services key that is not compose: a GitLab-style list, a settings map',
      after: {
        'templates/job.yml': 'services:\n  - postgres:latest\ntest:\n  image: node:latest\n  script: [npm test]\n',
        'config/app.yml': 'services:\n  billing:\n    url: https://billing.internal\n    image_tag: latest\n',
      },
    },
    {
      // netbird 02a3feddb871: docker/login-action@v1 added to a test workflow of actions/* steps; release.yml runs it at v1.
      name: 'an existing workflow of tags (or of no action) gaining a third-party tag another workflow already runs',
      before: {
        '.github/workflows/test.yml': workflow('actions/checkout@v4'),
        '.github/workflows/docs.yml': 'on: push\njobs:\n  docs:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make docs\n',
        '.github/workflows/release.yml': workflow('docker/login-action@v1'),
      },
      after: {
        '.github/workflows/test.yml': workflow('actions/checkout@v4', 'docker/login-action@v1'),
        '.github/workflows/docs.yml': 'on: push\njobs:\n  docs:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make docs\n      - uses: docker/login-action@v1\n',
        '.github/workflows/release.yml': workflow('docker/login-action@v1'),
      },
    },
    {
      // Flagsmith 19fa40598e0c, apprise-api b54b795c0c71: a new image on the floating base another image of the repository already uses.
      name: 'a new Dockerfile on a moving image that a production Dockerfile of its folder or above already pulls that way',
      before: { Dockerfile: 'FROM cgr.dev/chainguard/wolfi-base\nCMD ["app"]\n', 'Dockerfile-nginx': 'FROM nginx\nCOPY site /usr/share/nginx/html\n' },
      after: {
        Dockerfile: 'FROM cgr.dev/chainguard/wolfi-base\nCMD ["app"]\n',
        'Dockerfile-nginx': 'FROM nginx\nCOPY site /usr/share/nginx/html\n',
        'mcp/Dockerfile': 'FROM cgr.dev/chainguard/wolfi-base:latest\nCMD ["mcp"]\n',
        'Dockerfile.all-in-one': 'FROM nginx\nCOPY site /usr/share/nginx/html\nCMD ["nginx"]\n',
      },
    },
    {
      // Part-DB 7271c8c6f141: the rewritten Dockerfile takes composer from composer:latest, as Dockerfile.old beside it does.
      name: 'an edited Dockerfile gaining a moving image that a production Dockerfile of its folder already pulls that way',
      before: { Dockerfile: 'FROM dunglas/frankenphp:1-php8.3\nCMD ["frankenphp"]\n', 'Dockerfile.old': 'FROM debian:bullseye-slim\nCOPY --from=composer:latest /usr/bin/composer /usr/bin/composer\n' },
      after: {
        Dockerfile: 'FROM debian:bookworm-slim\nCOPY --from=dunglas/frankenphp:1-php8.3 /usr/local/bin/frankenphp /usr/local/bin/frankenphp\nCOPY --from=composer:latest /usr/bin/composer /usr/bin/composer\nCMD ["frankenphp"]\n',
        'Dockerfile.old': 'FROM debian:bullseye-slim\nCOPY --from=composer:latest /usr/bin/composer /usr/bin/composer\n',
      },
    },
    {
      // netbird 91acb8147ccd: Wails' server-mode template among the desktop UI's build assets.
      name: "a Dockerfile among a desktop application's build assets (a build/ folder with darwin/Info.plist)",
      after: { 'client/ui/build/darwin/Info.plist': '<plist></plist>\n', 'client/ui/build/docker/Dockerfile.server': 'FROM golang:alpine AS builder\nRUN go build -o server .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=builder /app/server /server\n' },
    },
    {
      // conductor 4275ae9210c8, temporalio/helm-charts aa5da97c0d3d: lint and test jobs on pull_request, contents: read, no secret.
      name: "a third party's tag in a pull_request-only workflow with read-only permissions and no secret, when the repository's pull-request CI runs tags",
      before: { '.github/workflows/ci.yml': PR_CI_WITH_TAGS, '.github/workflows/chart.yml': prWorkflow(PR_READ, 'actions/checkout@v4', 'azure/setup-helm@v4.2.0') },
      after: {
        '.github/workflows/ci.yml': PR_CI_WITH_TAGS,
        '.github/workflows/chart.yml': prWorkflow(PR_READ, 'actions/checkout@v4', 'azure/setup-helm@v4.2.0', 'helm/kind-action@v1.10.0'),
        '.github/workflows/ui.yml': prWorkflow('on: pull_request\npermissions: read-all', 'actions/checkout@v4', 'pnpm/action-setup@v4'),
        '.github/workflows/lint.yml': 'on: [pull_request]\npermissions: {}\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n      pull-requests: none\n    steps:\n      - uses: dorny/paths-filter@v3\n',
      },
    },
    {
      // kanboard/kanboard 28d43a2460: the sqlite compose is renamed, and the new MariaDB variant repeats its app line.
      name: 'a new variant of the stack pulls the app image the way the existing compose file already did',
      before: { 'docker-compose.yml': 'name: board\nservices:\n  app:\n    image: ${BOARD_IMAGE:-acme/board:latest}\n    restart: always\n    volumes:\n      - data:/var/www/app/data\nvolumes:\n  data:\n' },
      after: {
        'docker-compose.sqlite.yml': 'name: board\nservices:\n  app:\n    image: ${BOARD_IMAGE:-acme/board:latest}\n    restart: always\n    volumes:\n      - data:/var/www/app/data\nvolumes:\n  data:\n',
        'docker-compose.mysql.yml': 'name: board\nservices:\n  app:\n    image: ${BOARD_IMAGE:-acme/board:latest}\n    depends_on: [db]\n  db:\n    image: mariadb:11.4\n',
      },
    },
    {
      // FlowiseAI/Flowise 8ba1a09077: the queue-mode file runs the main image on latest, as docker/docker-compose.yml runs it untagged.
      name: 'a new compose file in a folder below the existing one pulls its image untagged or on latest, as that one does',
      before: { 'docker/docker-compose.yml': 'services:\n  flow:\n    image: acme/flow\n    ports:\n      - 3000:3000\n' },
      after: {
        'docker/docker-compose.yml': 'services:\n  flow:\n    image: acme/flow\n    ports:\n      - 3000:3000\n',
        'docker/queue/docker-compose-queue.yml': 'services:\n  flow:\n    image: acme/flow:latest\n    environment:\n      MODE: queue\n',
      },
    },
    {
      name: 'Cargo dependencies pinned: a registry version, a path, a git rev or tag, a dev- or build-dependency on a branch, the own owner\'s crate, a branch the base already followed',
      before: { 'Cargo.toml': '[package]\nname = "srv"\n\n[dependencies]\nconfy = { git = "https://github.com/someone/confy", branch = "main" }\n' },
      after: {
        'Cargo.toml':
          '[package]\nname = "srv"\n\n[dependencies]\nconfy = { git = "https://github.com/someone/confy", branch = "main" }\nserde = "1.0"\nlocal = { path = "libs/local" }\nh2 = { git = "https://github.com/someone/h2", rev = "4b2e989a503bdb78e15da15a47613c4d194d6c24" }\ntower = { git = "https://github.com/someone/tower", tag = "v0.5.1" }\nown = { git = "https://github.com/acme/own.git", branch = "next" }\n\n[dev-dependencies]\nmock = { git = "https://github.com/someone/mock", branch = "main" }\n\n[build-dependencies]\ngen = { git = "https://github.com/someone/gen" }\n',
      },
      repository: { owner: 'acme', name: 'srv' },
    },
    {
      // rustdesk/rustdesk-server 03ca2a9517: hbb_common, authored by open-trade, takes confy from open-trade's fork.
      name: "a Cargo dependency on a fork in the account of an author the manifest names (the crate author's own code)",
      after: { 'libs/common/Cargo.toml': '[package]\nname = "common"\nauthors = ["kit-dev <dev@example.com>"]\n\n[dependencies]\nconfy = { git = "https://github.com/kit-dev/confy" }\n' },
      repository: { owner: 'acme', name: 'srv' },
    },
    { name: 'composite action steps pinned', after: { 'action.yml': `name: x\nruns:\n  using: composite\n  steps:\n    - uses: actions/cache@v4\n    - uses: pnpm/action-setup@${SHA}\n` } },
  ],
  invalid: [
    {
      name: 'a new compose file that pulls an image only a development compose file of the base pulls',
      before: { 'docker-compose.dev.yml': 'services:\n  eventstore:\n    image: eventstore/eventstore\n', 'docker-compose.yml': 'services:\n  kafka:\n    image: bitnami/kafka:latest\n' },
      after: {
        'docker-compose.dev.yml': 'services:\n  eventstore:\n    image: eventstore/eventstore\n',
        'docker-compose.yml': 'services:\n  kafka:\n    image: bitnami/kafka:latest\n',
        'iac/docker-compose.yml': 'services:\n  eventstore:\n    image: eventstore/eventstore\n  kafka:\n    image: bitnami/kafka:latest\n',
      },
      findings: [{ path: 'iac/docker-compose.yml', line: 3, messageId: 'image' }],
    },
    {
      name: 'requirements: a runtime package beside the developer tools is still reported',
      after: { 'modules/analytics/requirements.txt': 'pytest\nrequests\npytest-cov>=5\n' },
      findings: [{ path: 'modules/analytics/requirements.txt', line: 2, messageId: 'requirement-loose' }],
    },
    {
      name: 'requirements: the same package in a requirements file named for no CI service',
      after: { 'requirements/production.txt': '-r base.txt\ndjango-jenkins\n' },
      findings: [{ path: 'requirements/production.txt', line: 2, messageId: 'requirement-loose' }],
    },
    {
      name: "another vendor's action where an install script was piped to a shell",
      before: { '.github/workflows/ci.yml': 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -sSfL https://raw.githubusercontent.com/golangci/golangci-lint/master/install.sh | sh\n' },
      after: { '.github/workflows/ci.yml': 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: reviewdog/action-golangci-lint@v2\n' },
      findings: [{ path: '.github/workflows/ci.yml', line: 6, messageId: 'action-tag' }],
    },
    {
      name: 'a placeholder image no build command sets',
      after: {
        'config/manager/manager.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: manager\n          image: controller:latest\n',
        'config/manager/kustomization.yaml': 'resources:\n- manager.yaml\n',
        Makefile: 'deploy:\n\tcd config/manager && $(KUSTOMIZE) edit set image other=${IMG}\n',
      },
      findings: [{ path: 'config/manager/manager.yaml', line: 8, messageId: 'image' }],
    },
    {
      // An official image taken over by a namespace is another publisher's, not a move.
      name: "an official image the base pulled swapped for a namespace's image of the same name",
      before: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16.4\n  cache:\n    image: redis\n' },
      after: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16.4\n  cache:\n    image: someone/redis\n' },
      findings: [{ path: 'docker-compose.yml', line: 5, messageId: 'image' }],
    },
    {
      // A subproject's Makefile the change does not touch is not read (the App would read every folder's Makefile).
      name: "an image only a subproject's untouched Makefile builds",
      before: { 'boefjes/Makefile': 'base-image:\n\tdocker build -f base.Dockerfile -t openkat/boefje-base:latest .\n' },
      after: {
        'boefjes/Makefile': 'base-image:\n\tdocker build -f base.Dockerfile -t openkat/boefje-base:latest .\n',
        'boefjes/plugins/kat_wpscan/boefje.Dockerfile': 'FROM openkat/boefje-base:latest\nCOPY . ./kat_wpscan\n',
      },
      findings: [{ path: 'boefjes/plugins/kat_wpscan/boefje.Dockerfile', line: 1, messageId: 'image' }],
    },
    {
      // A dependency the base already took from a moving ref, now from another repository (a fork): a new source, not a rewrite.
      name: 'a Cargo git dependency moved to a fork on the same branch',
      before: { 'Cargo.toml': '[package]\nname = "app"\n\n[dependencies]\nfoo = { git = "https://github.com/acme/foo", branch = "main" }\n' },
      after: { 'Cargo.toml': '[package]\nname = "app"\n\n[dependencies]\nfoo = { git = "https://github.com/fork/foo", branch = "main" }\n' },
      findings: [{ line: 5, messageId: 'cargo-git' }],
    },
    {
      // AppFlowy-Cloud e9be8d1d9762: a new service on the namespace's version variable that defaults to latest.
      name: 'a new service on a version variable that defaults to latest, beside services that do the same',
      before: { 'docker-compose.yml': 'services:\n  cloud:\n    image: acme/cloud:${CLOUD_VERSION:-latest}\n' },
      after: { 'docker-compose.yml': 'services:\n  cloud:\n    image: acme/cloud:${CLOUD_VERSION:-latest}\n  search:\n    image: acme/search:${SEARCH_VERSION:-latest}\n' },
      findings: [{ line: 5, messageId: 'image' }],
    },
    {
      name: 'an image on a pre-release version (2.0.0-beta.1) moved to latest: a version became a moving tag',
      before: { 'docker-compose.prod.yml': 'services:\n  app:\n    image: acme/app:2.0.0-beta.1\n' },
      after: { 'docker-compose.prod.yml': 'services:\n  app:\n    image: acme/app:latest\n' },
      findings: [{ line: 3, messageId: 'image' }],
    },
    {
      name: 'a server installed with uv tool install or pipx, unpinned',
      after: { Dockerfile: 'FROM python:3.12\nRUN pip install uv==0.5.0 && uv tool install gunicorn\nRUN pipx install --python python3.12 celery\nCMD ["gunicorn", "app.wsgi"]\n' },
      findings: [
        { line: 2, messageId: 'pip-install', data: { name: 'gunicorn' } },
        { line: 3, messageId: 'pip-install', data: { name: 'celery' } },
      ],
    },
    {
      name: 'a Kubernetes image a kustomization rewrites to latest, or that a kustomization not listing the manifest names',
      after: {
        'k8s/kustomization.yaml': 'resources:\n- api.yaml\nimages:\n- name: acme/api\n  newTag: latest\n- name: acme/worker\n  newTag: "1.2.3"\n',
        'k8s/api.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: acme/api:latest\n',
        'k8s/worker.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  template:\n    spec:\n      containers:\n        - name: worker\n          image: acme/worker:latest\n',
      },
      findings: [
        { path: 'k8s/api.yaml', line: 10, messageId: 'image' },
        { path: 'k8s/worker.yaml', line: 10, messageId: 'image' },
      ],
    },
    {
      // restatedev/restate 15b94d7ade: h2 = "0.4.16" becomes a personal fork on a branch.
      name: 'a Cargo dependency moved from a registry version to a fork on a branch, or to a git repository with no rev, in the dependencies a build uses',
      before: { 'crates/client/Cargo.toml': '[package]\nname = "client"\n\n[dependencies]\nh2 = "0.4.16"\n' },
      after: {
        'crates/client/Cargo.toml':
          '[package]\nname = "client"\n\n[dependencies]\nh2 = { git = "https://github.com/someone/h2", branch = "configurable-data-frame-budget"}\n\n[target.\'cfg(unix)\'.dependencies]\nnix = { git = "https://github.com/someone/nix" }\n\n[patch.crates-io]\nhyper = { git = "https://github.com/someone/hyper", branch = "fix" }\n',
      },
      findings: [
        { path: 'crates/client/Cargo.toml', line: 5, messageId: 'cargo-git', data: { name: 'h2', section: '[dependencies]' } },
        { path: 'crates/client/Cargo.toml', line: 8, messageId: 'cargo-git', data: { name: 'nix', section: "[target.'cfg(unix)'.dependencies]" } },
        { path: 'crates/client/Cargo.toml', line: 11, messageId: 'cargo-git', data: { name: 'hyper', section: '[patch.crates-io]' } },
      ],
    },
    {
      // Declared otherwise (another range), only in a development extra, or not at all: the requirements file adds it.
      name: 'requirements: ranges the manifest beside the file declares otherwise, for development only, or not at all',
      before: { 'pyproject.toml': '[project]\nname = "app"\ndependencies = ["flask>=2.0"]\n\n[project.optional-dependencies]\ndev = ["factory-boy>=3"]\n' },
      after: { 'pyproject.toml': '[project]\nname = "app"\ndependencies = ["flask>=2.0"]\n\n[project.optional-dependencies]\ndev = ["factory-boy>=3"]\n', 'requirements.txt': 'flask>=2.2\nfactory-boy>=3\nredis>=5\n' },
      findings: [
        { path: 'requirements.txt', line: 1, messageId: 'requirement-loose' },
        { path: 'requirements.txt', line: 2, messageId: 'requirement-loose' },
        { path: 'requirements.txt', line: 3, messageId: 'requirement-loose' },
      ],
    },
    {
      name: 'a new variant of the stack adds a new image on latest, or takes latest for an image the existing compose file pins',
      before: { 'docker/docker-compose.yml': 'services:\n  flow:\n    image: acme/flow\n  db:\n    image: postgres:16\n' },
      after: {
        'docker/docker-compose.yml': 'services:\n  flow:\n    image: acme/flow\n  db:\n    image: postgres:16\n',
        'docker/docker-compose-queue.yml': 'services:\n  flow:\n    image: acme/flow:latest\n  worker:\n    image: acme/flow-worker:latest\n  db:\n    image: postgres:latest\n',
      },
      findings: [
        { path: 'docker/docker-compose-queue.yml', line: 5, messageId: 'image' },
        { path: 'docker/docker-compose-queue.yml', line: 7, messageId: 'image' },
      ],
    },
    {
      // Lissy93/dashy ead5df9abcf8, guerzon/vaultwarden 152dfeb6d7dd, airflow-helm/charts 3687f79555fc, monicahq/monica 4287fb87f168.
      name: 'a pull_request workflow with a default token, a write scope, a secret, another event, a SHA pin, or in a repository whose only tags are a release',
      before: {
        '.github/workflows/ci.yml': PR_CI_WITH_TAGS,
        '.github/workflows/kind.yml': prWorkflow(PR_READ, `helm/kind-action@${SHA}`),
      },
      after: {
        '.github/workflows/ci.yml': PR_CI_WITH_TAGS,
        '.github/workflows/kind.yml': prWorkflow(PR_READ, 'helm/kind-action@v1'),
        '.github/workflows/quality.yml': prWorkflow('on: pull_request', 'dorny/paths-filter@v3'),
        '.github/workflows/labels.yml': prWorkflow('on: pull_request\npermissions:\n  contents: read\n  pull-requests: write', 'actions-ecosystem/action-add-labels@v1'),
        '.github/workflows/title.yml': prWorkflow(PR_READ, 'amannn/action-semantic-pull-request@v5') + '        env:\n          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n',
        '.github/workflows/both.yml': prWorkflow('on: [push, pull_request]\npermissions:\n  contents: read', 'astral-sh/setup-uv@v6'),
        '.github/workflows/pinned.yml': prWorkflow(PR_READ, `actions/checkout@${SHA}`, 'azure/setup-helm@v4'),
        '.github/workflows/job.yml': 'on: pull_request\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: write-all\n    steps:\n      - uses: crazy-max/ghaction-import-gpg@v6\n',
      },
      findings: [
        { path: '.github/workflows/both.yml', line: 8, messageId: 'action-tag' },
        { path: '.github/workflows/job.yml', line: 9, messageId: 'action-tag' },
        { path: '.github/workflows/kind.yml', line: 10, messageId: 'action-tag' },
        { path: '.github/workflows/labels.yml', line: 9, messageId: 'action-tag' },
        { path: '.github/workflows/pinned.yml', line: 11, messageId: 'action-tag' },
        { path: '.github/workflows/quality.yml', line: 6, messageId: 'action-tag' },
        { path: '.github/workflows/title.yml', line: 10, messageId: 'action-tag' },
      ],
    },
    {
      // prometheus/pushgateway 3d68a487fac6 (labelled wrong, still reported): ubuntu swapped for another publisher's untagged image.
      name: "a one-stage FROM on an untagged image swapped for another publisher's, not the repository owner's",
      repository: { owner: 'acme', name: 'gateway' },
      before: { Dockerfile: 'FROM ubuntu\nRUN make\n' },
      after: { Dockerfile: 'FROM quay.io/prometheus/busybox:latest\nCOPY gw /bin/gw\n' },
      findings: [{ line: 1, messageId: 'image' }],
    },
    {
      // guerzon/vaultwarden 152dfeb6d7dd: only release.yml (on push) ran a third party's tag before.
      name: 'a read-only pull_request workflow in a repository whose only third-party tag runs in a release workflow',
      before: { '.github/workflows/release.yml': workflow('helm/chart-releaser-action@v1.5.0') },
      after: { '.github/workflows/release.yml': workflow('helm/chart-releaser-action@v1.5.0'), '.github/workflows/lint.yml': prWorkflow(PR_READ, 'actions/checkout@v3', 'helm/chart-testing-action@v2.4.0') },
      findings: [{ path: '.github/workflows/lint.yml', line: 11, messageId: 'action-tag' }],
    },
    {
      name: 'a FROM swapped onto a moving image that lost a version, went to another publisher in a file that pins, or had no counterpart stage',
      before: { Dockerfile: 'FROM node:16-alpine\nCMD ["node", "server.js"]\n', 'api/Dockerfile': 'FROM golang:1.22 AS build\nFROM node:lts-alpine\n', 'web/Dockerfile': 'FROM nginx:1.27\n' },
      after: { Dockerfile: 'FROM alpine:latest\nCMD ["node", "server.js"]\n', 'api/Dockerfile': 'FROM golang:1.22 AS build\nFROM frolvlad/alpine-glibc\n', 'web/Dockerfile': 'FROM node AS assets\nFROM nginx:1.27\n' },
      findings: [{ line: 1, messageId: 'image' }, { path: 'api/Dockerfile', line: 2, messageId: 'image' }, { path: 'web/Dockerfile', line: 1, messageId: 'image' }],
    },
    {
      // Skyvern's bitwarden-cli-server image: `npm install -g @bitwarden/cli` runs as the service, unpinned.
      name: 'a tool the running stage installs globally with npm, Yarn or pnpm without a version or on a dist-tag',
      after: {
        Dockerfile: [
          'FROM node:24-alpine AS build',
          'RUN npm install -g webpack-cli vercel',
          'FROM node:24-alpine',
          'RUN apk add --no-cache curl && \\',
          '    npm install -g @bitwarden/cli',
          'RUN npm i --global pm2@latest npm@11 corepack typescript',
          'RUN yarn global add serve && pnpm add -g tsx@4.19.2 zx',
          'RUN npm install -g ./tools/cli.tgz @acme/agent@^2.1.0',
          'ENTRYPOINT ["bw", "serve"]',
          '',
        ].join('\n'),
      },
      findings: [
        { line: 5, messageId: 'npm-global', data: { name: '@bitwarden/cli', how: 'without a version', command: 'npm install -g' }, remediation: /npm install -g @bitwarden\/cli@<version>/ },
        { line: 6, messageId: 'npm-global', data: { name: 'pm2', how: 'on the moving tag `latest`' } },
        { line: 7, messageId: 'npm-global', data: { name: 'serve', command: 'yarn global add' } },
        { line: 7, messageId: 'npm-global', data: { name: 'zx', command: 'pnpm add -g' } },
      ],
    },
    {
      // A build tool the image starts, even behind a runner or init (`npx ts-node`), is what it runs.
      name: 'a build tool the image starts behind a runner, installed globally without a version',
      after: { Dockerfile: 'FROM node:22\nRUN npm install -g ts-node\nCOPY . .\nCMD ["npx", "ts-node", "src/main.ts"]\n' },
      findings: [{ line: 2, messageId: 'npm-global', data: { name: 'ts-node' } }],
    },
    {
      // heyform 13db184dd847: the runtime stage installs pnpm globally without a version, then runs `pnpm install --prod` and starts with `pnpm start`.
      name: 'a package manager the running stage installs globally without a version and starts the image with',
      after: {
        Dockerfile: 'FROM node:18-alpine AS base\nRUN npm install -g pnpm\nRUN pnpm build\nFROM node:18-alpine\nRUN npm install -g pnpm\nRUN pnpm install --prod\nCMD ["pnpm", "start"]\n',
        'worker/Dockerfile': 'FROM node:18-alpine\nRUN npm install -g pnpm typescript\nRUN pnpm install --prod && tsc\nCMD ["node", "dist/worker.js"]\n',
      },
      findings: [{ path: 'Dockerfile', line: 5, messageId: 'npm-global', data: { name: 'pnpm' } }],
    },
    {
      // A step swapped for an action of another owner, or a second action of the owner beside the replacement.
      name: 'an action of another owner in place of the one the change removes, or more new actions of the owner than it removes',
      before: { '.github/workflows/build.yml': workflow('actions/checkout@v4', 'gradle/gradle-build-action@v2') },
      after: { '.github/workflows/build.yml': workflow('actions/checkout@v4', 'gradle/actions/setup-gradle@v3', 'gradle/actions/dependency-submission@v3', 'burrunan/gradle-cache-action@v1') },
      findings: [{ line: 8, messageId: 'action-tag' }, { line: 9, messageId: 'action-tag' }],
    },
    {
      name: 'a branch turned into a release tag of another action is still reported',
      before: { '.github/workflows/snap.yml': workflow('diddlesnaps/snapcraft-multiarch-action@master') },
      after: { '.github/workflows/snap.yml': workflow('snapcore/action-build@v1') },
      findings: [{ line: 6, messageId: 'action-tag' }],
    },
    {
      name: 'an edited Dockerfile that drops its own pin of an image a sibling Dockerfile floats on, or floats on an image no production Dockerfile pulls',
      before: { Dockerfile: 'FROM node:20\nCMD ["node", "server.js"]\n', 'Dockerfile.worker': 'FROM node\nCMD ["node", "worker.js"]\n', 'dev/Dockerfile': 'FROM redis:latest\n' },
      after: { Dockerfile: 'FROM node\nCOPY --from=redis:latest /usr/local/bin/redis-cli /usr/bin/\nCMD ["node", "server.js"]\n', 'Dockerfile.worker': 'FROM node\nCMD ["node", "worker.js"]\n', 'dev/Dockerfile': 'FROM redis:latest\n' },
      findings: [
        { path: 'Dockerfile', line: 1, messageId: 'image', data: { image: 'node' } },
        { path: 'Dockerfile', line: 2, messageId: 'image', data: { image: 'redis:latest' } },
      ],
    },
    {
      name: 'a compose service whose pull_policy pulls (always, missing) is judged as usual',
      after: { 'compose.yaml': 'services:\n  app:\n    image: acme/app:latest\n    pull_policy: always\n  cache:\n    image: redis\n    pull_policy: missing\n' },
      findings: [
        { path: 'compose.yaml', line: 3, messageId: 'image' },
        { path: 'compose.yaml', line: 6, messageId: 'image' },
      ],
    },
    {
      name: 'a bare image named after the repository with no Dockerfile in it, or another bare name, is still pulled',
      repository: { owner: 'acme', name: 'relay' },
      after: { 'docker-compose.yml': 'services:\n  app:\n    image: relay\n  cache:\n    image: redis\n' },
      findings: [
        { path: 'docker-compose.yml', line: 3, messageId: 'image' },
        { path: 'docker-compose.yml', line: 5, messageId: 'image' },
      ],
    },
    {
      // The first use of the organisation's actions on a moving ref is a trust decision; a tag in the base vouches for no branch, a reusable workflow for no step action, and an unknown owner for nothing.
      name: "an action of the repository owner's organisation on a branch the base's workflows do not run the owner's actions from",
      repository: { owner: 'acme', name: 'server' },
      before: { '.github/workflows/ci.yml': 'on: push\njobs:\n  lint:\n    uses: acme/workflows/.github/workflows/lint.yml@main\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/setup-tool@v2\n' },
      after: {
        '.github/workflows/ci.yml': 'on: push\njobs:\n  lint:\n    uses: acme/workflows/.github/workflows/lint.yml@main\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/setup-tool@v2\n',
        '.github/workflows/release.yml': workflow('acme/release-action@main', 'acme/setup-tool@dev', 'other-org/deploy@main'),
      },
      findings: [
        { path: '.github/workflows/release.yml', line: 6, messageId: 'action-branch', data: { action: 'acme/release-action', ref: 'main', kind: 'action' } },
        { path: '.github/workflows/release.yml', line: 7, messageId: 'action-branch' },
        { path: '.github/workflows/release.yml', line: 8, messageId: 'action-branch' },
      ],
    },
    {
      name: "an owner's action beside the base's owner actions at a branch, when the front end does not know the owner",
      before: { '.github/workflows/e2e.yml': workflow('acme/cli/action@main') },
      after: { '.github/workflows/e2e.yml': workflow('acme/cli/action@main'), '.github/workflows/test.yml': workflow('acme/pkg/actions/yq@main') },
      findings: [{ path: '.github/workflows/test.yml', line: 6, messageId: 'action-branch' }],
    },
    {
      // plausible/community-edition ee329a31: the compose file's image taken to new Kubernetes manifests; a bare official image is judged as written.
      name: 'a new manifest deploys on a moving tag an image only a compose file of the base ran, or a bare official image another manifest ran',
      before: { 'docker-compose.yml': 'services:\n  app:\n    image: ghcr.io/acme/analytics:latest\n', 'k8s/cache.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cache\n          image: redis:latest\n' },
      after: {
        'docker-compose.yml': 'services:\n  app:\n    image: ghcr.io/acme/analytics:latest\n',
        'k8s/cache.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cache\n          image: redis:latest\n',
        'kubernetes/app.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/analytics:latest\n        - name: cache\n          image: redis:latest\n',
      },
      findings: [
        { path: 'kubernetes/app.yaml', line: 8, messageId: 'image' },
        { path: 'kubernetes/app.yaml', line: 10, messageId: 'image' },
      ],
    },
    {
      // A workflow the change leaves at the old ref keeps the action there: no repository-wide update for the new ref to follow.
      name: 'an action taken up at a new ref by a workflow that ran no action, when another workflow keeps the old ref or already ran the new one',
      // perf.yml pins by SHA: a tag another workflow runs is still a new kind of exposure for it.
      before: { '.github/workflows/docker.yml': workflow('notify-org/slack@v1'), '.github/workflows/tests.yml': workflow('notify-org/slack@v1'), '.github/workflows/lint.yml': workflow('lint-org/lint@v3'), '.github/workflows/perf.yml': `on: push\njobs:\n  perf:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${SHA}\n      - run: ./perf.sh\n` },
      after: { '.github/workflows/docker.yml': workflow('notify-org/slack@v2'), '.github/workflows/tests.yml': workflow('notify-org/slack@v1'), '.github/workflows/lint.yml': workflow('lint-org/lint@v3'), '.github/workflows/perf.yml': `on: push\njobs:\n  perf:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${SHA}\n      - run: ./perf.sh\n      - uses: notify-org/slack@v2\n      - uses: lint-org/lint@v3\n` },
      findings: [
        { path: '.github/workflows/perf.yml', line: 8, messageId: 'action-tag' },
        { path: '.github/workflows/perf.yml', line: 9, messageId: 'action-tag' },
      ],
    },
    {
      name: 'a compose overlay named for its feature (rtcstats.yml), read by its services',
      after: { 'rtcstats.yml': 'services:\n  rtcstats-server:\n    image: acme/rtcstats-server\n    restart: unless-stopped\n  db:\n    image: mongo:7\n', 'addons/mongodb/mongodb.yml': 'services:\n  mongodb:\n    image: mongo\n' },
      findings: [
        { path: 'addons/mongodb/mongodb.yml', line: 3, messageId: 'image' },
        { path: 'rtcstats.yml', line: 3, messageId: 'image' },
      ],
    },
    {
      name: 'an image the repository builds and pushes, or one it does not build, is still a moving tag',
      after: {
        'Makefile': 'release:\n\tdocker buildx build -t acme/app -f Dockerfile . --push\nlocal:\n\tdocker build -t acme/tool -f tool/Dockerfile .\n\tdocker push acme/tool\n',
        'docker-compose.prod.yml': 'services:\n  app:\n    image: acme/app:latest\n  tool:\n    image: acme/tool:latest\n  cache:\n    image: redis:latest\n',
      },
      findings: [
        { path: 'docker-compose.prod.yml', line: 3, messageId: 'image' },
        { path: 'docker-compose.prod.yml', line: 5, messageId: 'image' },
        { path: 'docker-compose.prod.yml', line: 7, messageId: 'image' },
      ],
    },
    {
      name: 'an untagged image moved out of a deleted development stack (every service named for development) into production',
      before: { 'backend/docker-compose.yml': 'services:\n  local:\n    build: .\n    command: ["pnpm", "run", "start:dev"]\n  dev-db:\n    image: postgres\n', 'docker-compose.yml': 'services:\n  web:\n    build: .\n' },
      after: { 'docker-compose.yml': 'services:\n  api:\n    build: ./backend\n    restart: always\n  db:\n    image: postgres\n' },
      findings: [{ path: 'docker-compose.yml', line: 6, messageId: 'image' }],
    },
    {
      // A deleted test stack is no decision about what production runs; a new image beside moved ones is new.
      name: 'images moved out of a deleted test compose file into production, and a new image beside images moved from a deleted example',
      before: {
        'tests/stack.compose.yaml': 'services:\n  db:\n    image: postgres\n',
        'examples/aio.compose.yaml': 'services:\n  core:\n    image: ghcr.io/acme/core:latest\n',
      },
      after: { 'deploy/app.compose.yaml': 'services:\n  db:\n    image: postgres\n  core:\n    image: ghcr.io/acme/core:latest\n  proxy:\n    image: caddy\n' },
      findings: [
        { path: 'deploy/app.compose.yaml', line: 3, messageId: 'image', data: { image: 'postgres' } },
        { path: 'deploy/app.compose.yaml', line: 7, messageId: 'image', data: { image: 'caddy' } },
      ],
    },
    {
      name: 'an ARG default of latest that a compose build leaves to the environment',
      after: {
        'sentry/Dockerfile': 'ARG SENTRY_IMAGE\nFROM ${SENTRY_IMAGE:-getsentry/sentry:latest}\n',
        'docker-compose.yml': 'services:\n  web:\n    build:\n      context: ./sentry\n      args:\n        - SENTRY_IMAGE\n',
        '.github/workflows/docker.yml': 'on: push\njobs:\n  docker:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@' + SHA + '\n        with:\n          context: docker/sparkl2\n          build-args: LNBITS_TAG=${{ inputs.tag }}\n'.replace('docker/sparkl2', 'sentry').replace('LNBITS_TAG', 'SENTRY_IMAGE'),
      },
      findings: [{ path: 'sentry/Dockerfile', line: 2, messageId: 'image' }],
    },
    {
      name: 'an ARG default of latest that a workflow build does not override',
      after: {
        'docker/sparkl2/Dockerfile': 'ARG LNBITS_TAG=latest\nFROM lnbits/lnbits:${LNBITS_TAG}\n',
        '.github/workflows/docker.yml': 'on: push\njobs:\n  docker:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@' + SHA + '\n        with:\n          context: docker/sparkl2\n          build-args: LNBITS_TAG=${{ inputs.tag }}\n'.replace('LNBITS_TAG=${{ inputs.tag }}', 'OTHER=1'),
      },
      findings: [{ path: 'docker/sparkl2/Dockerfile', line: 2, messageId: 'image' }],
    },
    {
      name: 'an ARG default of latest that no build of the repository sets',
      after: { 'docker/sparkl2/Dockerfile': 'ARG LNBITS_TAG=latest\nFROM lnbits/lnbits:${LNBITS_TAG}\n' },
      findings: [{ path: 'docker/sparkl2/Dockerfile', line: 2, messageId: 'image' }],
    },
    {
      name: 'an existing workflow that pins by SHA gaining a tag another workflow runs, and one of tags gaining a branch another workflow runs',
      before: {
        '.github/workflows/lint.yml': workflow(`actions/checkout@${SHA}`),
        '.github/workflows/test.yml': workflow('actions/checkout@v4'),
        '.github/workflows/release.yml': workflow('tool-org/setup-tool@v6', 'tool-org/nightly@main'),
      },
      after: {
        '.github/workflows/lint.yml': workflow(`actions/checkout@${SHA}`, 'tool-org/setup-tool@v6'),
        '.github/workflows/test.yml': workflow('actions/checkout@v4', 'tool-org/nightly@main'),
        '.github/workflows/release.yml': workflow('tool-org/setup-tool@v6', 'tool-org/nightly@main'),
      },
      findings: [
        { path: '.github/workflows/lint.yml', line: 7, messageId: 'action-tag' },
        { path: '.github/workflows/test.yml', line: 7, messageId: 'action-branch' },
      ],
    },
    {
      name: 'a named tag dropped, so the image pulls latest',
      before: { 'docker-compose.yml': 'services:\n  vote:\n    image: acme/vote:before\n' },
      after: { 'docker-compose.yml': 'services:\n  vote:\n    image: acme/vote\n' },
      findings: [{ line: 3, messageId: 'image', data: { image: 'acme/vote' } }],
    },
    {
      name: 'a new workflow using an action a composite action no workflow runs, or runs at another ref',
      before: {
        '.github/workflows/app.yml': workflow('actions/checkout@v4', './.github/actions/push'),
        '.github/actions/push/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: docker/login-action@v2\n',
        '.github/actions/unused/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: docker/build-push-action@v6\n',
      },
      after: {
        '.github/workflows/app.yml': workflow('actions/checkout@v4', './.github/actions/push'),
        '.github/actions/push/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: docker/login-action@v2\n',
        '.github/actions/unused/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: docker/build-push-action@v6\n',
        '.github/workflows/image.yml': workflow('docker/login-action@v3', 'docker/build-push-action@v6'),
      },
      findings: [
        { path: '.github/workflows/image.yml', line: 6, messageId: 'action-tag' },
        { path: '.github/workflows/image.yml', line: 7, messageId: 'action-tag' },
      ],
    },
    {
      name: 'a new workflow using an action another workflow runs at another ref',
      before: { '.github/workflows/release.yml': workflow('docker/build-push-action@v5') },
      after: {
        '.github/workflows/release.yml': workflow('docker/build-push-action@v5'),
        '.github/workflows/edge.yml': workflow('docker/build-push-action@v6', 'docker/build-push-action/sub@v6'),
      },
      findings: [
        { path: '.github/workflows/edge.yml', line: 6, messageId: 'action-tag', data: { action: 'docker/build-push-action', ref: 'v6' } },
        { path: '.github/workflows/edge.yml', line: 7, messageId: 'action-tag', data: { action: 'docker/build-push-action/sub', ref: 'v6' } },
      ],
    },
    {
      name: 'two new workflows of the change using the same action at the same ref',
      after: {
        '.github/workflows/a.yml': workflow('pnpm/action-setup@v4'),
        '.github/workflows/b.yml': workflow('pnpm/action-setup@v4'),
      },
      findings: [
        { path: '.github/workflows/a.yml', line: 6, messageId: 'action-tag' },
        { path: '.github/workflows/b.yml', line: 6, messageId: 'action-tag' },
      ],
    },
    {
      name: 'a new workflow using an action only a vendored copy of another project runs at the same ref',
      before: { 'vendor/tool/.github/workflows/ci.yml': workflow('pnpm/action-setup@v4') },
      after: {
        'vendor/tool/.github/workflows/ci.yml': workflow('pnpm/action-setup@v4'),
        '.github/workflows/b.yml': workflow('pnpm/action-setup@v4'),
      },
      findings: [{ path: '.github/workflows/b.yml', line: 6, messageId: 'action-tag' }],
    },
    {
      // The service that was pinned now moves; a new service has no earlier image to compare with.
      name: 'a moving image in a service that was pinned, from another publisher, and in a new service',
      // bluesky pds: watchtower swapped from containrrr/ to another publisher's fork on latest, with the Docker socket mounted.
      // Its file pins the pds image to a minor version (`pds:0.4`), so a new publisher is a new source on a moving tag.
      before: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n  watchtower:\n    image: containrrr/watchtower:latest\n  pds:\n    image: ghcr.io/bluesky-social/pds:0.4\n' },
      after: { 'docker-compose.yml': 'services:\n  db:\n    image: mongo\n  watchtower:\n    image: ghcr.io/nicholas-fedor/watchtower:latest\n  pds:\n    image: ghcr.io/bluesky-social/pds:0.4\n  queue:\n    image: rabbitmq:latest\n' },
      findings: [
        { line: 3, messageId: 'image', data: { image: 'mongo' } },
        { line: 5, messageId: 'image', data: { image: 'ghcr.io/nicholas-fedor/watchtower:latest' } },
        { line: 9, messageId: 'image', data: { image: 'rabbitmq:latest' } },
      ],
    },
    {
      name: 'in a compose file that pins nothing finer than a major version: a major pin dropped, and a new service',
      before: { 'docker-compose.yml': 'services:\n  caddy:\n    image: caddy:2-alpine\n  db:\n    image: postgres:16\n  redis:\n    image: redis:alpine\n' },
      after: { 'docker-compose.yml': 'services:\n  caddy:\n    image: caddy:2-alpine\n  db:\n    image: ghcr.io/acme/pg:latest\n  redis:\n    image: redis:alpine\n  queue:\n    image: rabbitmq\n' },
      findings: [
        { line: 5, messageId: 'image', data: { image: 'ghcr.io/acme/pg:latest' } },
        { line: 9, messageId: 'image', data: { image: 'rabbitmq' } },
      ],
    },
    {
      // A bake context that names a registry image supplies that image, not a local build.
      name: 'FROM a build context a bake file takes from a registry image',
      after: { Dockerfile: 'FROM base\nCMD ["/start"]\n', 'docker-bake.hcl': 'target "app" {\n  contexts = {\n    base = "docker-image://alpine"\n  }\n}\n' },
      findings: [{ path: 'Dockerfile', line: 1, messageId: 'image' }],
    },
    {
      // taiga: back and async services on taiga-back:latest; privacyidea: two stages FROM wolfi-base. One decision to pin, said once per file: the init compose is deployed on its own.
      name: 'one image pulled unpinned on several lines of a file is one finding naming the other lines; another file is its own',
      after: {
        'docker-compose.yml': 'services:\n  back:\n    image: taigaio/taiga-back:latest\n  async:\n    image: taigaio/taiga-back:latest\n  front:\n    image: taigaio/taiga-front:latest\n  events:\n    image: taigaio/taiga-back:latest\n',
        Dockerfile: 'FROM cgr.dev/chainguard/wolfi-base AS build\nRUN make\nFROM cgr.dev/chainguard/wolfi-base\nCOPY --from=build /app /app\n',
        'docker-compose-inits.yml': 'services:\n  init:\n    image: taigaio/taiga-back:latest\n',
      },
      findings: [
        { path: 'Dockerfile', line: 1, messageId: 'image', remediation: /also on line 3 of this file/ },
        { path: 'docker-compose-inits.yml', line: 3, messageId: 'image' },
        { path: 'docker-compose.yml', line: 3, messageId: 'image', remediation: /also on lines 5 and 9 of this file: pin it there too/ },
        { path: 'docker-compose.yml', line: 7, messageId: 'image' },
      ],
    },
    {
      // openkat's plugin images: six loose packages on one `pip install` line are one line to fix, said once.
      name: 'several loose packages of one pip install are one finding naming them all',
      after: { Dockerfile: 'FROM python:3.13-slim\nRUN pip install --upgrade pip && \\\n    pip install httpx structlog>=24 pydantic==2.9.2 click\nRUN pip install requests\nCMD ["python", "-m", "worker"]\n' },
      findings: [
        { path: 'Dockerfile', line: 2, messageId: 'pip-install-many', message: /`httpx`, `structlog` and `click` pins none of these 3 packages/, remediation: /httpx==<version> structlog==<version> click==<version>/ },
        { path: 'Dockerfile', line: 4, messageId: 'pip-install', data: { name: 'requests' } },
      ],
    },
    {
      // mirotalk's whisper compose: faster-whisper-server on latest-cpu and latest-cuda, rebuilt with every release as latest is.
      name: 'an image on a variant of latest',
      after: {
        'docker-compose.yml': 'services:\n  cpu:\n    image: fedirz/faster-whisper-server:latest-cpu\n  gpu:\n    image: fedirz/faster-whisper-server:latest-cuda\n  db:\n    image: acme/db:postgresql-latest\n  pinned:\n    image: acme/tool:latestversion\n  chef:\n    image: lukemathwalker/cargo-chef:latest-rust-1.89.0-bullseye\n',
      },
      findings: [
        { path: 'docker-compose.yml', line: 3, messageId: 'image', message: /latest-cpu/ },
        { path: 'docker-compose.yml', line: 5, messageId: 'image', message: /latest-cuda/ },
        { path: 'docker-compose.yml', line: 7, messageId: 'image' },
      ],
    },
    {
      // Worklenz's new frontend image `FROM node:alpine` and streamystats' runtime stage on `debian:stable-slim`: a tag that
      // names a variant and no version is the newest release on that variant. A Debian codename names a Debian release.
      name: 'an image on a tag that names a variant and no version',
      after: {
        'Dockerfile': 'FROM node:alpine AS web\nRUN npm ci\nFROM debian:stable-slim\nCOPY --from=web /app /app\nCMD ["/app/run"]\n',
        'docker-compose.yml':
          'services:\n  cache:\n    image: redis:alpine\n  api:\n    image: python:slim-bookworm\n  base:\n    image: debian:bookworm-slim\n  os:\n    image: ubuntu:jammy\n  lts:\n    image: node:lts-alpine\n  pinned:\n    image: node:22-alpine\n  py:\n    image: python:3.12-slim\n',
      },
      findings: [
        { path: 'Dockerfile', line: 1, messageId: 'image', message: /`node:alpine` uses the `alpine` tag, which names no version/ },
        { path: 'Dockerfile', line: 3, messageId: 'image', message: /`stable-slim` tag, which names no version/ },
        { path: 'docker-compose.yml', line: 3, messageId: 'image', message: /redis:alpine/ },
        { path: 'docker-compose.yml', line: 5, messageId: 'image', message: /python:slim-bookworm/ },
        { path: 'docker-compose.yml', line: 11, messageId: 'image', message: /node:lts-alpine/ },
      ],
    },
    {
      // SocialGouv/code-du-travail-numerique: pnpm/action-setup@v4 in five jobs of one new workflow. One decision to pin, said once per file, with the
      // same action at another ref, and another workflow, reported apart.
      name: 'one action on the same ref in several steps of a workflow is one finding naming the other lines; another ref or workflow is its own',
      after: {
        '.github/workflows/quality.yml':
          'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pnpm/action-setup@v4\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pnpm/action-setup@v4\n      - uses: pnpm/action-setup@v3\n  c:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pnpm/action-setup@v4\n',
        '.github/workflows/deploy.yml': 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pnpm/action-setup@v4\n',
      },
      findings: [
        { path: '.github/workflows/deploy.yml', line: 6, messageId: 'action-tag' },
        { path: '.github/workflows/quality.yml', line: 6, messageId: 'action-tag', remediation: /The same action is also on lines 10 and 15 of this file: pin it there too/ },
        { path: '.github/workflows/quality.yml', line: 11, messageId: 'action-tag', data: { ref: 'v3' } },
      ],
    },
    {
      // Only Docker Hub's architecture organisations are the official image: another registry's `amd64/` namespace is someone else's.
      name: "an untagged image of an architecture-named namespace on another registry, or a per-architecture copy where the base pinned the official image",
      before: { Dockerfile: 'FROM fedora\nCMD ["app"]\n', 'api/Dockerfile': 'FROM fedora:40\nCMD ["api"]\n' },
      after: { Dockerfile: 'FROM quay.io/amd64/fedora\nCMD ["app"]\n', 'api/Dockerfile': 'FROM arm64v8/fedora\nCMD ["api"]\n' },
      findings: [
        { path: 'Dockerfile', line: 1, messageId: 'image' },
        { path: 'api/Dockerfile', line: 1, messageId: 'image' },
      ],
    },
    {
      // A commit pin dropped for a branch, another repository on a branch, or a git dependency new to the manifest.
      name: 'a package.json git dependency that drops its commit, moves to another repository, or is new',
      before: { 'package.json': `{\n  "dependencies": {\n    "a": "github:acme/a#${SHA}",\n    "b": "github:acme/b#main",\n    "r": "^1.0.0"\n  }\n}\n` },
      after: { 'package.json': '{\n  "dependencies": {\n    "a": "github:acme/a#main",\n    "b": "github:fork/b#main",\n    "c": "github:acme/c#main",\n    "r": "^1.0.0"\n  }\n}\n' },
      findings: [
        { line: 3, messageId: 'npm-loose', data: { name: 'a' } },
        { line: 4, messageId: 'npm-loose', data: { name: 'b' } },
        { line: 5, messageId: 'npm-loose', data: { name: 'c' } },
      ],
    },
    {
      // R2R a640fb20b2bd: postgres:latest ran only as a createdb client; the change adds a database server on it with its data volume.
      name: 'an image the base of the file ran only as a client with its own command, now run as a server with a volume',
      before: { 'compose.yaml': 'services:\n  create-db:\n    image: postgres:latest\n    command: sh -c "createdb -h db app"\n  app:\n    image: acme/app:1.2.3\n' },
      after: {
        'compose.yaml': 'services:\n  create-db:\n    image: postgres:latest\n    command: sh -c "createdb -h db app"\n  app:\n    image: acme/app:1.2.3\n  queue-db:\n    image: postgres:latest\n    volumes:\n      - queue_data:/var/lib/postgresql/data\n',
      },
      findings: [{ line: 8, messageId: 'image', data: { image: 'postgres:latest' } }],
    },
    {
      name: 'a version tag replaced by a moving tag of the same image',
      before: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n' },
      after: { 'docker-compose.yml': 'services:\n  db:\n    image: postgres:latest\n' },
      findings: [{ line: 3, messageId: 'image', data: { image: 'postgres:latest' } }],
    },
    {
      name: 'a pinned pip install loosened while its RUN is rewritten',
      before: { Dockerfile: 'FROM python:3.12\nRUN pip install gevent==24.2.1 \\\n    && rm -rf /tmp/x\n' },
      after: { Dockerfile: 'FROM python:3.12\nRUN pip install -U gevent\n' },
      findings: [{ line: 2, messageId: 'pip-install', data: { name: 'gevent' } }],
    },
    {
      name: 'a Pipfile entry that a requirements.txt of another folder pins',
      after: { Pipfile: '[packages]\ndjango-cors-headers = "*"\n', 'docs/requirements.txt': 'django-cors-headers==4.4.0\n' },
      findings: [{ path: 'Pipfile', line: 2, messageId: 'manifest-loose' }],
    },
    {
      name: 'a Pipfile entry the requirements.txt beside it leaves loose',
      after: { Pipfile: '[packages]\ndjango-cors-headers = "*"\n', 'requirements.txt': 'django-cors-headers>=4\n' },
      findings: [
        { path: 'Pipfile', line: 2, messageId: 'manifest-loose' },
        { path: 'requirements.txt', line: 1, messageId: 'requirement-loose' },
      ],
    },
    {
      name: 'requirements: == with a tag, a wildcard, and an arbitrary equality on a wildcard name no release',
      after: { 'requirements.txt': 'requests==latest\nflask==3.*\ndjango===4.*\ncelery===5.3.6\n' },
      findings: [
        { line: 1, messageId: 'requirement-loose', data: { name: 'requests', how: 'only constrained by `==latest`' } },
        { line: 2, messageId: 'requirement-loose', data: { name: 'flask', how: 'only constrained by `==3.*`' } },
        { line: 3, messageId: 'requirement-loose', data: { name: 'django', how: 'only constrained by `===4.*`' } },
      ],
    },
    {
      // A workflow that keeps a step of its own gains a new kind of exposure; another ref of the shared repository is a new ref.
      name: 'an existing workflow that keeps its steps and gains an action other workflows run, and a rewritten one on another ref',
      before: { '.github/workflows/lint.yml': 'name: Test Stub\non:\n  workflow_dispatch:\n\njobs:\n  test:\n    name: Test\n    runs-on: ubuntu-24.04\n    steps:\n      - name: Test\n        run: exit 0\n', '.github/workflows/load-test.yml': 'name: Test Stub\non:\n  workflow_dispatch:\n\njobs:\n  test:\n    name: Test\n    runs-on: ubuntu-24.04\n    steps:\n      - name: Test\n        run: exit 0\n', '.github/workflows/build.yml': workflow('acme/gh-actions/azure-login@main') },
      after: { '.github/workflows/lint.yml': 'name: Lint\non:\n  workflow_dispatch:\n\njobs:\n  run-tests:\n    runs-on: ubuntu-24.04\n    steps:\n      - name: Test\n        run: exit 0\n      - name: Log in to Azure\n        uses: acme/gh-actions/azure-login@main\n', '.github/workflows/load-test.yml': 'name: Load test\non:\n  workflow_dispatch:\n\njobs:\n  run-tests:\n    runs-on: ubuntu-24.04\n    steps:\n      - name: Log in to Azure\n        uses: acme/gh-actions/azure-login@dev\n      - name: Get secrets\n        uses: acme/gh-actions/get-keyvault-secrets@dev\n      - run: k6 run perf/load.js\n', '.github/workflows/build.yml': workflow('acme/gh-actions/azure-login@main') },
      findings: [
        { path: '.github/workflows/lint.yml', line: 12, messageId: 'action-branch' },
        { path: '.github/workflows/load-test.yml', line: 10, messageId: 'action-branch' },
        { path: '.github/workflows/load-test.yml', line: 12, messageId: 'action-branch' },
      ],
    },
    {
      name: 'an existing workflow that already runs unpinned actions gaining one at another ref than the other workflows',
      before: {
        '.github/workflows/docker.yml': workflow('docker/login-action@v3'),
        '.github/workflows/rust.yml': workflow('tool-org/rust-toolchain@v1'),
      },
      after: {
        '.github/workflows/docker.yml': workflow('docker/login-action@v3', 'tool-org/rust-toolchain@master'),
        '.github/workflows/rust.yml': workflow('tool-org/rust-toolchain@v1'),
      },
      findings: [{ path: '.github/workflows/docker.yml', line: 7, messageId: 'action-branch' }],
    },
    {
      // The bump must be of an action that workflow ran: one it takes up new is no bump, so it does not vouch for the other workflow.
      name: 'an existing workflow gaining an action another workflow of the change adds too, not a bump there',
      before: {
        '.github/workflows/docker.yml': workflow('actions/checkout@v4', 'docker/login-action@v3'),
        '.github/workflows/latest.yml': workflow('docker/setup-qemu-action@v1'),
      },
      after: {
        '.github/workflows/docker.yml': workflow('actions/checkout@v4', 'docker/login-action@v3', 'docker/metadata-action@v5'),
        '.github/workflows/latest.yml': workflow('docker/setup-qemu-action@v1', 'docker/metadata-action@v5'),
      },
      findings: [
        { path: '.github/workflows/docker.yml', line: 8, messageId: 'action-tag' },
        { path: '.github/workflows/latest.yml', line: 7, messageId: 'action-tag' },
      ],
    },
    {
      name: 'package.json git dependencies without a commit, and open versions with no lockfile in the folder or above it',
      after: {
        'web/package.json': '{\n  "dependencies": {\n    "a": "github:owner/a#main",\n    "b": "^1.0.0"\n  }\n}\n',
        'web/yarn.lock': '# yarn lockfile v1\n',
        'tools/package.json': '{\n  "dependencies": {\n    "c": "latest"\n  }\n}\n',
      },
      findings: [
        { path: 'tools/package.json', line: 3, messageId: 'npm-loose', data: { name: 'c' } },
        { path: 'web/package.json', line: 3, messageId: 'npm-loose', data: { name: 'a', how: 'a git ref (`main`) that can move, not a commit' } },
      ],
    },
    {
      name: 'a version tag on one registry replaced by no tag on another',
      before: { Dockerfile: 'FROM public.ecr.aws/docker/library/alpine:3.20\n' },
      after: { Dockerfile: 'FROM alpine\n' },
      findings: [{ line: 1, messageId: 'image', data: { image: 'alpine' } }],
    },
    {
      // mastodon/chart bc19788a: a statsd-exporter sidecar written out in a partial template, untagged.
      name: 'an image a Helm template writes out literally, in a partial that is not YAML until rendered',
      before: { 'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n', 'templates/_statsd.yaml': '{{- define "app.statsd.volume" -}}\n- name: statsd\n{{- end }}\n' },
      after: {
        'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
        'templates/_statsd.yaml': [
          '{{- define "app.statsd.volume" -}}',
          '- name: statsd',
          '{{- end }}',
          '{{- define "app.statsd.container" -}}',
          '{{- if .Values.metrics.statsd.exporter.enabled }}',
          '- name: statsd-exporter',
          '  image: prom/statsd-exporter',
          '  args: [--statsd.mapping-config=/statsd-mappings/mastodon.yml]',
          '{{- end }}',
          '{{- end }}',
          '',
        ].join('\n'),
      },
      findings: [{ path: 'templates/_statsd.yaml', line: 7, messageId: 'image', data: { image: 'prom/statsd-exporter' } }],
    },
    {
      name: 'a new Dockerfile on a moving image that the base pulls only pinned, only in a development file, or only in another folder',
      before: { Dockerfile: 'FROM node:20\nCMD ["node", "server.js"]\n', 'Dockerfile.dev': 'FROM python:latest\n', 'web/Dockerfile': 'FROM nginx\n' },
      after: {
        Dockerfile: 'FROM node:20\nCMD ["node", "server.js"]\n',
        'Dockerfile.dev': 'FROM python:latest\n',
        'web/Dockerfile': 'FROM nginx\n',
        'worker/Dockerfile': 'FROM node:latest\nCMD ["node", "worker.js"]\n',
        'api/Dockerfile': 'FROM python:latest\nCMD ["gunicorn", "app:app"]\n',
        'admin/Dockerfile': 'FROM nginx\n',
      },
      findings: [
        { path: 'admin/Dockerfile', line: 1, messageId: 'image' },
        { path: 'api/Dockerfile', line: 1, messageId: 'image' },
        { path: 'worker/Dockerfile', line: 1, messageId: 'image' },
      ],
    },
    {
      name: 'Helm values images on the latest tag (with and without a registry key; a values file for production)',
      after: {
        'charts/terminals/values.yaml': 'operator:\n  image:\n    repository: ghcr.io/acme/operator\n    tag: latest\n    pullPolicy: IfNotPresent\nworkers:\n  - name: w\n    image:\n      registry: docker.io\n      repository: acme/worker\n      tag: "latest"\n',
        'deploy/values-production.yaml': 'image:\n  repository: acme/app\n  tag: latest\n',
      },
      findings: [
        { path: 'charts/terminals/values.yaml', line: 4, messageId: 'image', data: { image: 'ghcr.io/acme/operator:latest', how: 'uses the `latest` tag' } },
        { path: 'charts/terminals/values.yaml', line: 11, messageId: 'image', data: { image: 'docker.io/acme/worker:latest' } },
        { path: 'deploy/values-production.yaml', line: 3, messageId: 'image' },
      ],
    },
    {
      // zalando/postgres-operator e1713705f4d9: the chart's default connection_pooler_image moves from master-32 to latest.
      name: "an image string in a chart's values that moves to latest, or names a path with no tag",
      before: { 'charts/op/Chart.yaml': 'apiVersion: v2\nname: op\n', 'charts/op/values.yaml': 'configConnectionPooler:\n  connection_pooler_image: "registry.example.org/acid/pgbouncer:master-32"\n' },
      after: {
        'charts/op/Chart.yaml': 'apiVersion: v2\nname: op\n',
        'charts/op/values.yaml': 'configConnectionPooler:\n  connection_pooler_image: "ghcr.io/acme/postgres-operator/pgbouncer:latest"\norchestrator:\n  terminalImage: ghcr.io/acme/terminal\n  extraContainers:\n    - name: sh\n      image: busybox:latest\n',
      },
      findings: [
        { path: 'charts/op/values.yaml', line: 2, messageId: 'image', data: { image: 'ghcr.io/acme/postgres-operator/pgbouncer:latest', how: 'uses the `latest` tag' } },
        { path: 'charts/op/values.yaml', line: 4, messageId: 'image', data: { image: 'ghcr.io/acme/terminal', how: 'has no tag, so it pulls `latest`' } },
        { path: 'charts/op/values.yaml', line: 7, messageId: 'image', data: { image: 'busybox:latest' } },
      ],
    },
    {
      name: 'an action new to this workflow, though another workflow the change touches keeps using it',
      before: {
        '.github/workflows/lint.yml': workflow('actions/checkout@v4'),
        '.github/workflows/pip.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: tool-org/setup-tool@v4\n\n',
      },
      after: {
        '.github/workflows/lint.yml': workflow('actions/checkout@v4', 'tool-org/setup-tool@v6'),
        '.github/workflows/pip.yml': workflow('tool-org/setup-tool@v4'),
      },
      findings: [{ path: '.github/workflows/lint.yml', line: 7, messageId: 'action-tag' }],
    },
    {
      name: 'a requirement pinned in the base loosened by the change',
      before: { 'requirements.txt': 'requests==2.32.3\n' },
      after: { 'requirements.txt': 'requests>=2.32\n' },
      findings: [{ line: 1, messageId: 'requirement-loose' }],
    },
    {
      name: 'a bare image in a manifest beside a skaffold.yaml that does not build it',
      after: {
        'skaffold.yaml': 'apiVersion: skaffold/v4beta1\nkind: Config\nbuild:\n  artifacts:\n    - image: cartservice\n',
        'kubernetes-manifests/redis.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: redis\nspec:\n  template:\n    spec:\n      containers:\n        - name: redis\n          image: redis\n',
      },
      findings: [{ path: 'kubernetes-manifests/redis.yaml', line: 10, messageId: 'image' }],
    },
    {
      name: 'an action pinned to a SHA moved to a tag',
      before: { '.github/workflows/ci.yml': workflow('my-org/deploy@0123456789abcdef0123456789abcdef01234567') },
      after: { '.github/workflows/ci.yml': workflow('my-org/deploy@v4') },
      findings: [{ line: 6, messageId: 'action-tag' }],
    },
    // requirements files
    {
      name: 'requirements: bare names, ranges, compatible release, wildcard',
      after: { 'requirements.txt': 'requests\nflask>=2.0\nDjango>=3.2,<4\nnumpy~=1.26\npandas==2.*\nurllib3 ; python_version < "3.10"\n' },
      findings: [
        { line: 1, messageId: 'requirement-loose', data: { name: 'requests', how: 'given without a version' }, severity: 'warning', suggestion: null, remediation: /requests==<version>[\s\S]*pip-compile --generate-hashes requirements\.in/ },
        { line: 2, messageId: 'requirement-loose', data: { name: 'flask', how: 'only constrained by `>=2.0`' }, remediation: /at least 2\.0/ },
        { line: 3, messageId: 'requirement-loose' },
        { line: 4, messageId: 'requirement-loose' },
        { line: 5, messageId: 'requirement-loose', data: { name: 'pandas', how: 'only constrained by `==2.*`' } },
        { line: 6, messageId: 'requirement-loose', remediation: /urllib3==<version> ; python_version < "3\.10"/ },
      ],
    },
    {
      name: 'requirements: VCS on a branch, with no ref, and an editable VCS install',
      after: { 'requirements/base.txt': 'git+https://github.com/psf/requests.git@main#egg=requests\nflask @ git+https://github.com/pallets/flask\n-e git+ssh://git@github.com/org/lib.git@v1.2#egg=lib\n' },
      findings: [
        { line: 1, messageId: 'requirement-vcs', data: { name: 'requests', where: 'at `main`, a branch or tag that can move' }, remediation: /```text\ngit\+https:\/\/github\.com\/psf\/requests\.git@<commit-sha>#egg=requests[\s\S]*git ls-remote https:\/\/github\.com\/psf\/requests\.git main/ },
        { line: 2, messageId: 'requirement-vcs', data: { name: 'flask', where: 'with no revision, so it installs whatever the default branch holds' }, remediation: /flask @ git\+https:\/\/github\.com\/pallets\/flask@<commit-sha>\n[\s\S]*ls-remote https:\/\/github\.com\/pallets\/flask HEAD/ },
        { line: 3, messageId: 'requirement-vcs', data: { name: 'lib', where: 'at `v1.2`, a branch or tag that can move' } },
      ],
    },
    { name: 'requirements: archive URL without a hash', after: { 'constraints.txt': 'https://github.com/org/pkg/archive/refs/heads/main.zip\n' }, findings: [{ line: 1, messageId: 'requirement-url', data: { name: 'https://github.com/org/pkg/archive/refs/heads/main.zip' }, remediation: /#sha256=<hash>/ }] },
    { name: 'requirements: only the added line is reported', before: { 'requirements.txt': 'flask\n' }, after: { 'requirements.txt': 'flask\nredis\n' }, findings: [{ line: 2, messageId: 'requirement-loose', data: { name: 'redis', how: 'given without a version' } }] },
    {
      // A file that pins one of its requirements is not open by design; nor is one of two requirements.
      name: 'requirements: an open range added to a file that pins some, or has fewer than three',
      before: { 'requirements.txt': 'flask\ngunicorn==22.0.0\nredis>=5\n', 'web/requirements.txt': 'django\nwhitenoise\n' },
      after: { 'requirements.txt': 'flask\ngunicorn==22.0.0\nredis>=5\ncelery\n', 'web/requirements.txt': 'django\nwhitenoise\npsycopg\n' },
      findings: [{ path: 'requirements.txt', line: 4, messageId: 'requirement-loose' }, { path: 'web/requirements.txt', line: 3, messageId: 'requirement-loose' }],
    },
    { name: 'requirements: a line changed from pinned to loose', before: { 'requirements.txt': 'flask==3.0.0\n' }, after: { 'requirements.txt': 'flask>=3.0.0\n' }, findings: [{ line: 1, messageId: 'requirement-loose' }] },
    // pyproject.toml / Pipfile
    {
      name: 'pyproject PEP 621 bare names and VCS without a lockfile',
      after: { 'pyproject.toml': `[project]\nname = "app"\ndependencies = [\n  "requests",  # http\n  "flask>=3",\n  'lib @ git+https://github.com/o/lib@main',\n]\n\n[project.optional-dependencies]\npostgres = ["psycopg"]\n` },
      findings: [
        { line: 4, messageId: 'manifest-loose', data: { name: 'requests', section: '[project] dependencies', how: 'given without a version' }, remediation: /uv lock/ },
        { line: 6, messageId: 'manifest-loose', data: { name: 'lib', section: '[project] dependencies', how: 'taken from git at `main`, which can move' } },
        { line: 10, messageId: 'manifest-loose', data: { name: 'psycopg', section: '[project.optional-dependencies] postgres', how: 'given without a version' } },
      ],
    },
    {
      name: 'poetry star versions, missing versions and git branches without a lockfile',
      after: { 'pyproject.toml': '[tool.poetry]\nname = "app"\n\n[tool.poetry.dependencies]\npython = "^3.11"\nrequests = "*"\nboto3 = { extras = ["crt"] }\nlib = { git = "https://github.com/o/lib.git", branch = "main" }\n\n[tool.poetry.group.worker.dependencies]\ncelery = { version = "*" }\n' },
      findings: [
        { line: 6, messageId: 'manifest-loose', data: { name: 'requests', section: '[tool.poetry.dependencies]', how: 'set to `"*"`' }, remediation: /requests = "\^<version>"[\s\S]*poetry lock/ },
        { line: 7, messageId: 'manifest-loose', data: { name: 'boto3', section: '[tool.poetry.dependencies]', how: 'given without a version' } },
        { line: 8, messageId: 'manifest-loose', data: { name: 'lib', section: '[tool.poetry.dependencies]', how: 'taken from git at `main`, which can move' } },
        { line: 11, messageId: 'manifest-loose', data: { name: 'celery', section: '[tool.poetry.group.worker.dependencies]', how: 'set to `"*"`' } },
      ],
    },
    {
      name: 'extras, dependency groups and Poetry groups a production install gets (named for what runs, not for development)',
      after: {
        'pyproject.toml':
          '[project]\nname = "app"\n\n[project.optional-dependencies]\nall = ["redis"]\nserver = ["gunicorn"]\n\n[dependency-groups]\nprod = ["uvicorn", {include-group = "lint"}]\n\n[tool.poetry.group.worker.dependencies]\ncelery = "*"\n',
      },
      findings: [
        { line: 5, messageId: 'manifest-loose', data: { name: 'redis', section: '[project.optional-dependencies] all' } },
        { line: 6, messageId: 'manifest-loose', data: { name: 'gunicorn', section: '[project.optional-dependencies] server' } },
        { line: 9, messageId: 'manifest-loose', data: { name: 'uvicorn', section: '[dependency-groups] prod' } },
        { line: 12, messageId: 'manifest-loose', data: { name: 'celery', section: '[tool.poetry.group.worker.dependencies]' } },
      ],
    },
    { name: 'a Pipfile category of its own that is not for development', after: { Pipfile: '[packages]\ndjango = "==5.0"\n\n[worker]\ncelery = "*"\n' }, findings: [{ line: 5, messageId: 'manifest-loose', data: { name: 'celery', section: '[worker]' } }] },
    {
      name: 'pyproject entries uv resolves from the repository itself ([tool.uv.sources] path or workspace) have no version to pin',
      after: {
        'pyproject.toml':
          '[project]\nname = "app"\ndependencies = ["internal-plugins", "shared_models", "requests"]\n\n[dependency-groups]\nnetflix = ["internal-plugins"]\n\n[tool.uv.sources]\ninternal-plugins = { path = "./internal-plugins", editable = true }\nshared-models = { workspace = true }\nrequests = { index = "pytorch" }\n',
      },
      // requests only comes from another index: still a registry package with no version.
      findings: [{ line: 3, messageId: 'manifest-loose', data: { name: 'requests', section: '[project] dependencies', how: 'given without a version' } }],
    },
    { name: 'Pipfile star versions without a lockfile', after: { Pipfile: '[[source]]\nurl = "https://pypi.org/simple"\nname = "pypi"\n\n[packages]\nrequests = "*"\ndjango = "==4.2"\n\n[dev-packages]\npytest = {version = "*"}\n\n[requires]\npython_version = "3.12"\n' }, findings: [{ line: 6, messageId: 'manifest-loose', remediation: /pipenv lock/ }] },
    { name: 'a pyproject whose lockfile was deleted in the change', before: { 'pyproject.toml': '[project]\nname = "a"\ndependencies = []\n', 'uv.lock': 'version = 1\n' }, after: { 'pyproject.toml': '[project]\nname = "a"\ndependencies = ["httpx"]\n' }, findings: [{ line: 3, messageId: 'manifest-loose' }] },
    // package.json
    {
      name: 'package.json star, latest, x, empty, unbounded, git without a commit',
      after: {
        'package.json': [
          '{',
          '  "name": "web",',
          '  "dependencies": {',
          '    "a": "*",',
          '    "b": "latest",',
          '    "c": "x",',
          '    "d": "",',
          '    "e": ">=1.0.0",',
          '    "f": "github:owner/f#main",',
          '    "g": "owner/g",',
          '    "h": "^1.0.0 || >=3"',
          '  },',
          '  "devDependencies": { "i": "npm:real-i@latest" },',
          '  "peerDependencies": { "react": "*" },',
          '  "optionalDependencies": { "fsevents": "next" }',
          '}',
          '',
        ].join('\n'),
      },
      findings: [
        { line: 4, messageId: 'npm-loose', data: { name: 'a', group: 'dependencies', how: '`*`, which means any release' }, remediation: /"a": "\^<version>"/ },
        { line: 5, messageId: 'npm-loose', data: { name: 'b', group: 'dependencies', how: 'the dist-tag `latest`, which moves with every release' } },
        { line: 6, messageId: 'npm-loose' },
        { line: 7, messageId: 'npm-loose', data: { name: 'd', group: 'dependencies', how: 'an empty version, which means any release' } },
        { line: 8, messageId: 'npm-loose', data: { name: 'e', group: 'dependencies', how: '`>=1.0.0`, which has no upper bound and takes the next major release' } },
        { line: 9, messageId: 'npm-loose', data: { name: 'f', group: 'dependencies', how: 'a git ref (`main`) that can move, not a commit' }, remediation: /"f": "github:owner\/f#<commit-sha>"/ },
        { line: 10, messageId: 'npm-loose', data: { name: 'g', group: 'dependencies', how: 'a git repository with no commit' } },
        { line: 11, messageId: 'npm-loose' },
        { line: 13, messageId: 'npm-loose', data: { name: 'i', group: 'devDependencies', how: 'the dist-tag `latest`, which moves with every release' } },
        { line: 14, messageId: 'npm-loose', data: { name: 'react', group: 'peerDependencies', how: '`*`, which means any release' } },
        { line: 15, messageId: 'npm-loose', data: { name: 'fsevents', group: 'optionalDependencies', how: 'the dist-tag `next`, which moves with every release' } },
      ],
    },
    // Dockerfile
    { name: 'FROM without a tag', after: { Dockerfile: 'FROM alpine\n' }, findings: [{ line: 1, messageId: 'image', data: { image: 'alpine', how: 'has no tag, so it pulls `latest`' }, title: 'Unpinned container image', remediation: /FROM alpine:<version>@sha256:<digest>[\s\S]*imagetools inspect alpine:<version>/ }] },
    { name: 'FROM latest', before: { Dockerfile: 'FROM alpine:3\n' }, after: { Dockerfile: 'FROM alpine:latest\n' }, findings: [{ line: 1, messageId: 'image', data: { image: 'alpine:latest', how: 'uses the `latest` tag' } }] },
    {
      name: 'multi-stage: only real images, and each one',
      after: { 'docker/Dockerfile.prod': 'FROM node AS build\nRUN npm ci\nFROM nginx:latest AS web\nCOPY --from=build /app /usr/share/nginx/html\nFROM build\nFROM python:3.12 AS py\nCOPY --from=bitnami/kubectl /opt/bitnami/kubectl/bin/kubectl /usr/bin/\n' },
      findings: [{ line: 1, messageId: 'image' }, { line: 3, messageId: 'image' }, { line: 7, messageId: 'image', data: { image: 'bitnami/kubectl', how: 'has no tag, so it pulls `latest`' } }],
    },
    { name: 'FROM an ARG whose default is latest', after: { Dockerfile: 'ARG BASE_TAG=latest\nFROM python:${BASE_TAG}\n' }, findings: [{ line: 2, messageId: 'image', data: { image: 'python:latest', how: 'uses the `latest` tag' } }] },
    { name: 'FROM continued over two lines', after: { Dockerfile: 'FROM \\\n  ubuntu\nRUN true\n' }, findings: [{ line: 1, messageId: 'image', endLine: 2 }] },
    // RUN pip install
    {
      name: 'RUN pip install without == in its forms',
      after: {
        Dockerfile: [
          'FROM python:3.12-slim',
          'RUN pip install flask',
          'RUN pip3 install --no-cache-dir "gunicorn>=21" requests==2.32.3',
          'RUN python -m pip install -U uvicorn[standard]',
          'RUN set -eux; \\',
          '    apt-get update; \\',
          '    pip install --user celery',
          'RUN pip install git+https://github.com/o/lib@develop',
          'RUN pip install --upgrade pip wheel && pip install frappe-bench',
          '',
        ].join('\n'),
      },
      findings: [
        { line: 2, messageId: 'pip-install', data: { name: 'flask', how: 'given without a version' }, remediation: /RUN pip install --no-cache-dir flask==<version>/ },
        { line: 3, messageId: 'pip-install', data: { name: 'gunicorn', how: 'only constrained by `>=21`' } },
        { line: 4, messageId: 'pip-install', data: { name: 'uvicorn', how: 'given without a version' } },
        { line: 5, endLine: 7, messageId: 'pip-install', data: { name: 'celery', how: 'given without a version' } },
        { line: 8, messageId: 'requirement-vcs', data: { name: 'git+https://github.com/o/lib@develop', where: 'at `develop`, a branch or tag that can move' } },
        { line: 9, messageId: 'pip-install', data: { name: 'frappe-bench', how: 'given without a version' } },
      ],
    },
    {
      name: 'package.json: `*` on a registry package in a repository with workspaces',
      after: {
        'package.json': '{\n  "private": true,\n  "workspaces": ["packages/*"]\n}\n',
        'packages/types/package.json': '{\n  "name": "@acme/types"\n}\n',
        'packages/web/package.json': '{\n  "name": "@acme/web",\n  "dependencies": {\n    "@acme/types": "*",\n    "@other/types": "*"\n  }\n}\n',
      },
      findings: [{ path: 'packages/web/package.json', line: 5, messageId: 'npm-loose', data: { name: '@other/types' } }],
    },
    // compose and Kubernetes
    {
      name: 'compose images without a tag or with latest',
      after: { 'compose.yaml': 'services:\n  db:\n    image: postgres\n  cache:\n    image: "redis:latest"\n  ok:\n    image: nginx:1.27\n' },
      findings: [{ line: 3, messageId: 'image', data: { image: 'postgres', how: 'has no tag, so it pulls `latest`' }, remediation: /image: postgres:<version>@sha256:<digest>/ }, { line: 5, messageId: 'image' }],
    },
    {
      name: 'Kubernetes Job with latest, init container without tag, multi-document',
      after: {
        'k8s/job.yaml': [
          'apiVersion: v1',
          'kind: Service',
          'metadata:',
          '  name: s',
          '---',
          'apiVersion: batch/v1',
          'kind: Job',
          'metadata:',
          '  name: countdown',
          'spec:',
          '  template:',
          '    spec:',
          '      initContainers:',
          '        - name: init',
          '          image: busybox',
          '      containers:',
          '        - name: counter',
          '          image: centos:latest',
          '',
        ].join('\n'),
      },
      findings: [{ line: 15, messageId: 'image' }, { line: 18, messageId: 'image', data: { image: 'centos:latest', how: 'uses the `latest` tag' } }],
    },
    {
      name: 'compose images whose variable falls back to latest or to no tag when it is unset',
      after: { 'docker-compose.yml': 'services:\n  search:\n    image: appflowyinc/search:${SEARCH_VERSION:-latest}\n  web:\n    image: ${WEB_IMAGE-acme/web}\n  ok:\n    image: acme/ok:${OK_VERSION:-latest}\n', '.env': 'OK_VERSION=3.1.0\n' },
      findings: [
        { line: 3, messageId: 'image', data: { image: 'appflowyinc/search:${SEARCH_VERSION:-latest}', how: 'uses the `latest` tag when `SEARCH_VERSION` is not set' }, remediation: /\$\{SEARCH_VERSION:\?set SEARCH_VERSION\}/ },
        { line: 5, messageId: 'image', data: { image: '${WEB_IMAGE-acme/web}', how: 'has no tag, so it pulls `latest` when `WEB_IMAGE` is not set' } },
      ],
    },
    { name: 'compose image in flow style and a block scalar', after: { 'docker-compose.prod.yml': 'services:\n  a: { image: "mongo" }\n  b:\n    image: >-\n      redis:latest\n' }, findings: [{ line: 2, messageId: 'image', data: { image: 'mongo', how: 'has no tag, so it pulls `latest`' } }, { line: 4, messageId: 'image', data: { image: 'redis:latest', how: 'uses the `latest` tag' } }] },
    {
      // loomio-deploy: a published backup tool whose name ends in `-local` is a registry image.
      name: 'a published image whose name has the word local',
      after: { 'docker-compose.yml': 'services:\n  pgbackups:\n    image: prodrigestivill/postgres-backup-local\n' },
      findings: [{ line: 3, messageId: 'image' }],
    },
    {
      name: 'Kubernetes JSON manifest',
      after: { 'k8s/pod.json': '{\n  "kind": "Pod",\n  "apiVersion": "v1",\n  "metadata": { "name": "zk" },\n  "spec": {\n    "containers": [\n      {\n        "name": "zookeeper",\n        "image": "mattf/zookeeper"\n      }\n    ]\n  }\n}\n' },
      findings: [{ line: 9, messageId: 'image', data: { image: 'mattf/zookeeper', how: 'has no tag, so it pulls `latest`' } }],
    },
    // GitHub Actions
    {
      // `aws-actions/configure-aws-credentials` without a ref: GitHub refuses the workflow, so nothing runs unpinned.
      name: 'actions on branches, third-party tags, short SHAs, docker tags (not one without a ref, which GitHub refuses)',
      after: {
        '.github/workflows/release.yaml': [
          'on: push',
          'jobs:',
          '  build:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - uses: actions/checkout@main',
          '      - uses: docker/build-push-action@v5',
          '      - uses: some-org/deploy-action@master',
          '      - uses: aws-actions/configure-aws-credentials',
          '      - uses: peter-evans/create-pull-request@5e91468',
          '      - uses: docker://alpine:3.19',
          '  shared:',
          '    uses: octo-org/workflows/.github/workflows/deploy.yml@v1',
          '',
        ].join('\n'),
      },
      findings: [
        { line: 6, messageId: 'action-branch', data: { action: 'actions/checkout', ref: 'main', kind: 'action' }, title: 'Action not pinned to a commit' },
        { line: 7, messageId: 'action-tag', data: { action: 'docker/build-push-action', ref: 'v5', kind: 'action' }, remediation: /uses: docker\/build-push-action@<40-hex commit sha> # v5[\s\S]*gh api repos\/docker\/build-push-action\/commits\/v5 --jq \.sha/ },
        { line: 8, messageId: 'action-branch', data: { action: 'some-org/deploy-action', ref: 'master', kind: 'action' } },
        { line: 10, messageId: 'action-short-sha', data: { action: 'peter-evans/create-pull-request', ref: '5e91468', kind: 'action' } },
        { line: 11, messageId: 'action-docker', data: { uses: 'docker://alpine:3.19' }, remediation: /uses: docker:\/\/alpine@sha256:<digest>/ },
        { line: 13, messageId: 'action-tag', data: { action: 'octo-org/workflows/.github/workflows/deploy.yml', ref: 'v1', kind: 'reusable workflow' } },
      ],
    },
    { name: 'composite action step on a third-party tag', after: { 'actions/setup/action.yaml': 'name: setup\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v4\n    - uses: pnpm/action-setup@v3\n' }, findings: [{ line: 6, messageId: 'action-tag', data: { action: 'pnpm/action-setup', ref: 'v3', kind: 'action' } }] },
    {
      name: "another owner's reusable workflow, and an action (not a reusable workflow) of the repository's own owner, on a branch",
      repository: { owner: 'acme', name: 'server' },
      after: {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  lint:\n    uses: acme-fork/workflows/.github/workflows/lint.yml@main\n  own:\n    uses: acme/workflows/.github/workflows/lint.yml@main\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/release-action@main\n',
      },
      findings: [
        { line: 4, messageId: 'action-branch', data: { action: 'acme-fork/workflows/.github/workflows/lint.yml', ref: 'main', kind: 'reusable workflow' } },
        { line: 10, messageId: 'action-branch', data: { action: 'acme/release-action', ref: 'main', kind: 'action' } },
      ],
    },
    {
      name: "a reusable workflow of another repository on a branch when the repository under review is unknown (a clone without a GitHub origin)",
      after: { '.github/workflows/ci.yml': 'on: push\njobs:\n  lint:\n    uses: acme/workflows/.github/workflows/lint.yml@main\n' },
      findings: [{ line: 4, messageId: 'action-branch', data: { action: 'acme/workflows/.github/workflows/lint.yml', ref: 'main', kind: 'reusable workflow' } }],
    },
    {
      name: "an untagged image of a namespace the file's base also pulls on a version tag, of a namespace new to the file, or of Docker's official images",
      before: { 'docker-compose.yml': 'services:\n  api:\n    image: acme/shop-api\n  web:\n    image: acme/shop-web:2.1\n  cache:\n    image: redis\n' },
      after: { 'docker-compose.yml': 'services:\n  api:\n    image: acme/shop-api\n  web:\n    image: acme/shop-web:2.1\n  cache:\n    image: redis\n  worker:\n    image: acme/shop-worker\n  proxy:\n    image: traefik/whoami\n  db:\n    image: postgres\n' },
      findings: [
        { line: 9, messageId: 'image', data: { image: 'acme/shop-worker' } },
        { line: 11, messageId: 'image', data: { image: 'traefik/whoami' } },
        { line: 13, messageId: 'image', data: { image: 'postgres' } },
      ],
    },
    {
      name: "a version tag of the file's untagged namespace replaced by latest",
      before: { 'docker-compose.yml': 'services:\n  api:\n    image: acme/shop-api\n  web:\n    image: acme/shop-web:2.1\n' },
      after: { 'docker-compose.yml': 'services:\n  api:\n    image: acme/shop-api\n  web:\n    image: acme/shop-web:latest\n' },
      findings: [{ line: 5, messageId: 'image', data: { image: 'acme/shop-web:latest' } }],
    },
    {
      name: 'untagged images of one namespace in a file the change adds (no convention to follow yet)',
      after: { 'docker-compose.yml': 'services:\n  api:\n    image: acme/shop-api\n  web:\n    image: acme/shop-web\n' },
      findings: [
        { line: 3, messageId: 'image', data: { image: 'acme/shop-api' } },
        { line: 5, messageId: 'image', data: { image: 'acme/shop-web' } },
      ],
    },
    {
      name: 'a FROM moved out of a deleted Dockerfile under .docker/ that no workflow of the base pushed (a development file by its folder)',
      before: {
        '.docker/Dockerfile': 'FROM composer:latest AS composer\nFROM php:8.3-fpm-alpine AS base\nCOPY --from=composer /usr/bin/composer /usr/bin/composer\n',
        '.github/workflows/base.yml': 'on: pull_request\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@' + SHA + '\n        with:\n          file: .docker/Dockerfile\n          push: false\n',
        Dockerfile: 'FROM acme/app-base:fpm AS base\nCOPY . /app\n',
      },
      after: {
        '.github/workflows/base.yml': 'on: pull_request\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@' + SHA + '\n        with:\n          file: Dockerfile\n          push: false\n',
        Dockerfile: 'FROM composer:latest AS composer\nFROM php:8.3-fpm-alpine AS base\nCOPY --from=composer /usr/bin/composer /usr/bin/composer\nCOPY . /app\n',
      },
      findings: [{ path: 'Dockerfile', line: 1, messageId: 'image', data: { image: 'composer:latest' } }],
    },
    {
      name: 'a dependency whose pin the move to pyproject.toml drops, or that is new to the project',
      before: { 'setup.py': "from setuptools import setup\nsetup(name='shop', install_requires=['flask==3.0.0', 'jinja2'])\n" },
      after: {
        'setup.py': "from setuptools import setup\nsetup(name='shop')\n",
        'pyproject.toml': '[project]\nname = "shop"\ndependencies = [\n    "flask",\n    "jinja2",\n    "requests",\n]\n',
      },
      findings: [
        { path: 'pyproject.toml', line: 4, messageId: 'manifest-loose', data: { name: 'flask' } },
        { path: 'pyproject.toml', line: 6, messageId: 'manifest-loose', data: { name: 'requests' } },
      ],
    },
    {
      name: 'a bare name added to a [project] list of lower bounds, to one that pins, or while the change drops the pinned requirements file',
      before: {
        'pyproject.toml': '[project]\nname = "api"\ndependencies = ["flask>=3", "requests>=2.31", "celery>=5", "redis"]\n',
        'lib/pyproject.toml': '[project]\nname = "lib"\ndependencies = ["attrs", "click", "rich==13.7.1"]\n',
        'svc/pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi", "uvicorn", "httpx"]\n',
        'svc/requirements.txt': 'fastapi==0.110.0\nuvicorn==0.29.0\nhttpx==0.27.0\nsqlalchemy==2.0.29\n',
      },
      after: {
        'pyproject.toml': '[project]\nname = "api"\ndependencies = ["flask>=3", "requests>=2.31", "celery>=5", "redis", "boto3"]\n',
        'lib/pyproject.toml': '[project]\nname = "lib"\ndependencies = ["attrs", "click", "rich==13.7.1", "pyyaml"]\n',
        'svc/pyproject.toml': '[project]\nname = "svc"\ndependencies = ["fastapi", "uvicorn", "httpx", "sqlalchemy", "alembic"]\n',
      },
      findings: [
        { path: 'lib/pyproject.toml', line: 3, messageId: 'manifest-loose', data: { name: 'pyyaml' } },
        { path: 'pyproject.toml', line: 3, messageId: 'manifest-loose', data: { name: 'boto3' } },
        { path: 'svc/pyproject.toml', line: 3, messageId: 'manifest-loose', data: { name: 'sqlalchemy' } },
      ],
    },
    {
      name: 'git dependencies on a branch, a tag of digits only or a ref shorter than 7 characters',
      after: {
        'package.json': '{\n  "dependencies": {\n    "a": "github:o/a#main",\n    "b": "github:o/b#20240101",\n    "c": "github:o/c#9578e5"\n  }\n}\n',
        'yarn.lock': '# yarn\n',
      },
      findings: [
        { line: 3, messageId: 'npm-loose', data: { name: 'a' } },
        { line: 4, messageId: 'npm-loose', data: { name: 'b' } },
        { line: 5, messageId: 'npm-loose', data: { name: 'c' } },
      ],
    },
    {
      name: 'option require_digest: a version tag alone is not enough',
      after: { Dockerfile: 'FROM python:3.12-slim\nFROM node:20@sha256:' + 'a'.repeat(64) + '\n' },
      options: { require_digest: true },
      findings: [{ line: 1, messageId: 'image', data: { image: 'python:3.12-slim', how: 'is pinned by tag only, and this repository requires image digests (`require_digest`)' } }],
    },
    {
      name: 'option trusted_action_owners: GitHub\'s own actions on a tag when they are not listed',
      after: { '.github/workflows/ci.yml': workflow('actions/checkout@v4') },
      options: { trusted_action_owners: ['my-org'] },
      findings: [{ line: 6, messageId: 'action-tag', data: { action: 'actions/checkout', ref: 'v4', kind: 'action' } }],
    },
  ],
});
