// Table cases shared by container-root-user and healthcheck-missing: a final stage that runs the repository's own image
// as it is keeps that image's user and health check (src/engine/own-image.ts); both checks judge it the same way.
import type { InvalidCase, ValidCase } from '../helpers/check-tester.js';

const workflow = 'name: ci\non: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          file: Dockerfile.runtime-api\n';

export const OWN_IMAGE_VALID: ValidCase[] = [
  {
    // ohmyform/ohmyform 2c0f2795cb55: the root image only copies the built UI into the project's own API image.
    name: "the repository's own image run as it is, with no user, start command or entrypoint of its own",
    repository: { owner: 'ohmyform', name: 'ohmyform' },
    after: { Dockerfile: 'FROM ohmyform/ui AS builder\nRUN yarn export\nFROM ohmyform/api\nLABEL maintainer="OhMyForm"\nCOPY --from=builder /usr/src/app/out /usr/src/app/public\n' },
  },
  {
    // silverbulletmd/silverbullet 91e76d0c781d: a published variant that adds Chromium to the image the root Dockerfile builds.
    name: "a variant whose base image argument defaults to the repository's own image",
    repository: { owner: 'silverbulletmd', name: 'silverbullet' },
    before: { '.github/workflows/ci.yml': workflow },
    after: { '.github/workflows/ci.yml': workflow, 'Dockerfile.runtime-api': 'ARG BASE_IMAGE=silverbullet:test\nFROM ${BASE_IMAGE}\nRUN apk add --no-cache chromium\nENV CHROMIUM_PATH=/usr/bin/chromium-browser\n' },
  },
];

/** The same image given a start command here, or another organisation's image: reported with `messageId` on both. */
export function ownImageInvalid(messageId: string): InvalidCase[] {
  return [
    {
      name: "the repository's own image given a start command of this file's, or another organisation's image",
      repository: { owner: 'ohmyform', name: 'ohmyform' },
      after: {
        Dockerfile: 'FROM ohmyform/api\nCOPY public /usr/src/app/public\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
        'web/Dockerfile': 'FROM acme/api\nCOPY public /usr/src/app/public\n',
      },
      findings: [
        { path: 'Dockerfile', line: 1, messageId },
        { path: 'web/Dockerfile', line: 1, messageId },
      ],
    },
  ];
}
