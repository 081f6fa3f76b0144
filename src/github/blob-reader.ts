// Reads file content at a commit from GitHub: many paths per GraphQL query, REST blobs when GraphQL cannot give the bytes.
import { MAX_CONTENT_BYTES, type FileContent } from '../model/change-set.js';
import { PROBLEM_BINARY, PROBLEM_TOO_LARGE, contentFromBytes, contentFromText } from '../changeset/content.js';
import type { GitHubApi } from './client.js';

/** Aliases per GraphQL query: large enough to keep calls few, small enough to keep each response modest. */
export const BLOB_BATCH_SIZE = 50;

interface BlobNode {
  oid?: string;
  byteSize?: number;
  isBinary?: boolean | null;
  isTruncated?: boolean;
  text?: string | null;
}

interface Pending {
  rev: string;
  path: string;
  resolve(content: FileContent | null): void;
  reject(error: unknown): void;
}

export function blobQuery(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$e${i}: String!`).join(', ');
  const fields = Array.from({ length: count }, (_, i) => `    b${i}: object(expression: $e${i}) { ... on Blob { oid byteSize isBinary isTruncated text } }`).join('\n');
  return `query($owner: String!, $name: String!, ${variables}) {\n  repository(owner: $owner, name: $name) {\n${fields}\n  }\n}`;
}

/** Content that is known only by its size and kind, for files whose bytes are not worth fetching. */
function withoutText(size: number, binary: boolean, problem: string, text = ''): FileContent {
  return { size, binary, text: '', prefix: Buffer.from(text.slice(0, 64), 'utf8').subarray(0, 64), problem };
}

/**
 * Reads `rev:path` blobs of one repository. Reads asked for in the same turn of the event loop go out
 * together, up to BLOB_BATCH_SIZE per GraphQL query. Binary blobs up to 2 MB (checks sniff their
 * magic bytes) and blobs whose GraphQL text is truncated are read again through the REST blob API.
 */
export class GitHubBlobReader {
  private readonly cache = new Map<string, Promise<FileContent | null>>();
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly api: GitHubApi,
    private readonly owner: string,
    private readonly repo: string,
  ) {}

  read(rev: string, path: string): Promise<FileContent | null> {
    const key = `${rev}:${path}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = new Promise((resolve, reject) => this.pending.push({ rev, path, resolve, reject }));
      this.cache.set(key, hit);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    }
    return hit;
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    for (let start = 0; start < batch.length; start += BLOB_BATCH_SIZE) {
      const group = batch.slice(start, start + BLOB_BATCH_SIZE);
      void this.fetchGroup(group).catch((error: unknown) => {
        for (const p of group) {
          this.cache.delete(`${p.rev}:${p.path}`);
          p.reject(error);
        }
      });
    }
  }

  private async fetchGroup(group: Pending[]): Promise<void> {
    const variables: Record<string, unknown> = { owner: this.owner, name: this.repo };
    group.forEach((p, i) => (variables[`e${i}`] = `${p.rev}:${p.path}`));
    const data = await this.api.graphql<{ repository: Record<string, BlobNode | null> | null }>(blobQuery(group.length), variables);
    const nodes = data.repository ?? {};
    await Promise.all(group.map(async (p, i) => p.resolve(await this.toContent(nodes[`b${i}`] ?? null))));
  }

  private async toContent(node: BlobNode | null): Promise<FileContent | null> {
    // A tree or a missing path: `... on Blob` leaves the object without fields.
    if (!node || node.oid === undefined || node.byteSize === undefined) return null;
    const size = node.byteSize;
    if (node.isBinary) return size <= MAX_CONTENT_BYTES ? contentFromBytes(await this.restBlob(node.oid), size) : withoutText(size, true, PROBLEM_BINARY);
    if (size > MAX_CONTENT_BYTES) return withoutText(size, false, PROBLEM_TOO_LARGE, node.text ?? '');
    if (node.isTruncated || typeof node.text !== 'string') return contentFromBytes(await this.restBlob(node.oid), size);
    return contentFromText(node.text, size);
  }

  private async restBlob(sha: string): Promise<Uint8Array> {
    const response = await this.api.request<{ content: string; encoding: string }>('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
      owner: this.owner,
      repo: this.repo,
      file_sha: sha,
    });
    const { content, encoding } = response.data;
    return encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8');
  }
}
