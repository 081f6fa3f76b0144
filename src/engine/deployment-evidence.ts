// What shows that a file reaches production, as opposed to nothing showing it does not. The role resolver calls a
// file production when nothing marks it as development, test, example, CI or archived; healthcheck-missing asks more
// of a compose stack below the root (deployedStack): a deployment folder, a production name, a comment or a README
// that says users run it. (A merge gate built on this evidence was measured and withdrawn: on the labelled
// repositories it stopped blocking far more right findings than wrong ones; see bench/real-repos/README.md.)
import type { RoleVerdict } from '../model/file-role.js';
import { PRODUCTION_REASON, README_NAMES, deploymentComment, readmeRuns } from './file-role.js';

/**
 * Folders whose name says what is in them is deployed: deployment and infrastructure trees, installers and
 * self-hosting setups, and the places Helm, Kubernetes, Kustomize, Terraform, Ansible and Nomad files live.
 */
const DEPLOYMENT_FOLDER = /^(?:deploy|deploys|deployment|deployments|deploying|infra|infrastructure|ops|prod|production|live|releases?|install|installation|installer|self[-_]?host(?:ed|ing)?|hosting|helm|charts?|k8s|kubernetes|kube|manifests|kustomize|kustomization|overlays|terraform|tf|ansible|nomad|swarm|stacks?|provisioning|systemd)$/;
/** Words of a file name that name the production environment (`docker-compose.prod.yml`, `compose.live.yaml`). */
const PRODUCTION_WORD = /^(?:prod|production|prd|live)$/;

/**
 * Why the file at `path` is known to reach production by its path and role, or undefined when its production role is
 * only the default. `verdict` is the file's role: a production verdict with a reason of its own (configuration's
 * `roles.production`, a Helm chart, an example the docs download under another name) is evidence. A compose file at
 * the root is a project's own stack; `rootIsEvidence: false` asks more of a file there (its name, for a
 * `Dockerfile.awslocal` beside the root Dockerfile).
 */
export function deploymentEvidence(path: string, verdict: RoleVerdict, options: { rootIsEvidence?: boolean } = {}): string | undefined {
  if (verdict.role !== 'production') return undefined;
  if (verdict.reason !== PRODUCTION_REASON) return verdict.reason;
  const segments = path.split('/');
  const name = segments.pop()!;
  if (segments.length === 0 && options.rootIsEvidence !== false) return 'it is at the repository root, where a project keeps what it ships';
  const folder = segments.find((s) => DEPLOYMENT_FOLDER.test(s.toLowerCase().replace(/^\.(?=.)/, '')));
  if (folder) return `the path is under \`${folder}/\`, a deployment folder`;
  const word = name.toLowerCase().split(/[.\-_]/).find((w) => PRODUCTION_WORD.test(w));
  return word ? `its name says \`${word}\`` : undefined;
}

/**
 * Why a compose file below the root is known to be run as a deployment, or undefined: its own comment says it is for
 * self-hosting or production, a README in its folder or at the root starts it (`docker compose up`, `-f` naming it)
 * under a heading that does not say local, development, sample or demo, or a README of its own folder documents it
 * without starting it locally. The role resolver reads the same READMEs.
 */
async function documentedStack(path: string, text: (path: string) => Promise<string | null>): Promise<string | undefined> {
  const own = await text(path);
  const comment = own === null ? undefined : deploymentComment(own);
  if (comment) return `its comment says “${comment}”`;
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  for (const readmeDir of dir ? [dir, ''] : ['']) {
    for (const name of README_NAMES) {
      const readme = readmeDir ? `${readmeDir}/${name}` : name;
      const readmeText = await text(readme);
      if (readmeText === null) continue;
      const runs = readmeRuns(readmeText, readme, path);
      const heading = runs.up ?? runs.other;
      if (heading !== undefined) return `\`${readme}\` starts it under “${heading}”`;
      // A README of the stack's own folder that starts it nowhere local (n8n's `docker-caddy/README.md`, pixelfed's
      // `contrib/docker-compose/README.md`) documents a setup for users to run.
      if (readmeDir === dir && runs.local === undefined) return `\`${readme}\` beside it documents it`;
      break;
    }
  }
  return undefined;
}

/**
 * Why a compose stack is known to be run as a deployment, or undefined: deploymentEvidence for its path and role, or
 * (below the root) documentedStack. Stacks without it are local or auxiliary: healthcheck-missing leaves them out.
 */
export async function deployedStack(path: string, role: () => Promise<RoleVerdict>, text: (path: string) => Promise<string | null>): Promise<string | undefined> {
  return deploymentEvidence(path, await role()) ?? (path.includes('/') ? await documentedStack(path, text) : undefined);
}
