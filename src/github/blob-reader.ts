// Reads file content at a commit from GitHub: many paths per GraphQL query, REST blobs when GraphQL cannot give the bytes.
import { MAX_CONTENT_BYTES, type FileContent } from '../model/change-set.js';
import { PROBLEM_BINARY, contentFromBytes, contentFromText } from '../changeset/content.js';
import { filesIn } from '../parse/file-kinds.js';
import type { GitHubApi } from './client.js';

/**
 * Largest text the App reads (GitHub's own limit for the blob API is 100 MB): files up to this size
 * are read whole through the REST blob API as raw bytes, so a secret on the last line of a 3 MB file
 * is still found. A larger file is listed as not reviewed, and the review fails closed.
 */
export const MAX_APP_CONTENT_BYTES = 25 * 1024 * 1024;
export const PROBLEM_TOO_LARGE_FOR_APP = 'larger than 25 MB: content checks skipped';

/**
 * Aliases per GraphQL query when the blobs' sizes are unknown: large enough to keep calls few, small
 * enough to keep each response modest. When the git tree gave the sizes, a query takes up to
 * MAX_BLOB_ALIASES blobs as long as their text stays under MAX_QUERY_TEXT_BYTES.
 */
export const BLOB_BATCH_SIZE = 50;
/** Most aliases in one query, whatever their size (GitHub counts each `object` as one node). */
export const MAX_BLOB_ALIASES = 250;
/** Text one query may carry, by the sizes the tree lists; a blob of unknown size counts as UNKNOWN_BLOB_BYTES. */
export const MAX_QUERY_TEXT_BYTES = 2 * 1024 * 1024;
export const UNKNOWN_BLOB_BYTES = Math.floor(MAX_QUERY_TEXT_BYTES / BLOB_BATCH_SIZE);
/**
 * What a path read on speculation counts when its size is unknown: a neighbour a check may look up
 * (a lockfile, a compose file above a Dockerfile) that usually does not exist, and answers null in a
 * few bytes; those that exist are mostly small configuration files.
 */
export const PROBE_BYTES = 4 * 1024;
/** What a folder listed with its files' texts (see `list`) counts in its query's text budget: a few workflows. */
export const FOLDER_BYTES = 128 * 1024;

/** One blob of a git tree: its id and size. */
export interface TreeBlob {
  sha: string;
  size?: number;
}

/** What one review's reads cost, for its log line and the benchmark. */
export interface BlobReadStats {
  /** GraphQL blob queries sent. */
  queries: number;
  /** `rev:path` aliases in them. */
  aliases: number;
  /** REST blob reads (binary files, truncated or large text). */
  restBlobs: number;
  /** Reads answered "no such file" from the git tree, without a request. */
  probesAvoided: number;
  /** Reads that went to GitHub after the read-ahead plan was done: what the plan did not foresee. */
  unplanned: number;
  /** Of those, the paths (the first 20), so a missed neighbour can be added to the plan. */
  unplannedPaths: string[];
}

interface BlobNode {
  oid?: string;
  byteSize?: number;
  isBinary?: boolean | null;
  isTruncated?: boolean;
  text?: string | null;
}

/** A folder: its entries, each with its blob when it is a file. */
interface TreeNode {
  entries?: Array<{ name: string; type: string; object?: BlobNode | null }>;
}

interface Pending {
  rev: string;
  path: string;
  /** Set for a folder's listing (`path` is the folder): told the paths of the files in it. */
  listed?: (paths: string[]) => void;
  /** Read on speculation (see `read`): a blob that needs a REST read is kept, not fetched. */
  speculative: boolean;
  /** Size from the git tree, when known, or what the caller guessed. */
  size?: number;
  resolve(content: FileContent | null): void;
  reject(error: unknown): void;
}

const BLOB_FIELDS = '... on Blob { oid byteSize isBinary isTruncated text }';

/**
 * The query for `count` objects, or for the objects `kinds` lists: a blob's content, or a folder's
 * entries with the content of each file in it (one query instead of a listing and then the reads).
 */
export function blobQuery(count: number | ReadonlyArray<'blob' | 'tree'>): string {
  const kinds = typeof count === 'number' ? Array.from({ length: count }, () => 'blob' as const) : count;
  const variables = kinds.map((_, i) => `$e${i}: String!`).join(', ');
  const fields = kinds.map((kind, i) => `    b${i}: object(expression: $e${i}) { ${kind === 'blob' ? BLOB_FIELDS : `... on Tree { entries { name type object { ${BLOB_FIELDS} } } }`} }`).join('\n');
  return `query($owner: String!, $name: String!, ${variables}) {\n  repository(owner: $owner, name: $name) {\n${fields}\n  }\n}`;
}

/**
 * Splits reads into queries: at most MAX_BLOB_ALIASES each, and at most MAX_QUERY_TEXT_BYTES of text by
 * the sizes the tree gave (UNKNOWN_BLOB_BYTES for a blob of unknown size, so unknown sizes go
 * BLOB_BATCH_SIZE to a query). A blob larger than the budget goes alone.
 */
function packGroups<T extends { size?: number }>(reads: readonly T[]): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let bytes = 0;
  for (const read of reads) {
    const weight = read.size ?? UNKNOWN_BLOB_BYTES;
    if (group.length > 0 && (group.length >= MAX_BLOB_ALIASES || bytes + weight > MAX_QUERY_TEXT_BYTES)) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(read);
    bytes += weight;
  }
  if (group.length > 0) groups.push(group);
  return groups;
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
  private readonly listings = new Map<string, Promise<string[]>>();
  private pending: Pending[] = [];
  private scheduled = false;
  private readonly trees = new Map<string, ReadonlyMap<string, TreeBlob>>();
  private planned: ReadonlySet<string> = new Set();
  private planning = false;
  /** Open holds: while any is open, reads wait to go out together when the last is released. */
  private holds = 0;
  /** Pending or in-flight reads by key, so a real read can claim a speculative one. */
  private readonly inFlight = new Map<string, Pending>();
  /** Blobs a speculative read found that need a REST read, fetched only if a real read asks for them. */
  private readonly deferred = new Map<string, BlobNode>();
  readonly stats: BlobReadStats = { queries: 0, aliases: 0, restBlobs: 0, probesAvoided: 0, unplanned: 0, unplannedPaths: [] };

  constructor(
    private readonly api: GitHubApi,
    private readonly owner: string,
    private readonly repo: string,
  ) {}

  /**
   * The complete list of blobs at `rev` (a non-truncated recursive tree): a read of any other path at
   * `rev` is answered null without a request, and queries are packed by the blobs' known sizes.
   */
  knowTree(rev: string, blobs: ReadonlyMap<string, TreeBlob>): void {
    this.trees.set(rev, blobs);
  }

  /**
   * Reads from now until planDone are the read-ahead: one that fails (after its retries) stays failed,
   * so the check that needs it reports the file as not reviewed at once instead of asking again.
   */
  planStart(): void {
    this.planning = true;
  }

  /** The read-ahead of `revs` is done: reads at them that still go to GitHub are counted as unplanned. */
  planDone(revs: readonly string[]): void {
    this.planning = false;
    this.planned = new Set(revs);
  }

  /**
   * Keeps reads from going out until the returned function is called, so reads asked for over several
   * turns (the settings before the files list is read, the content after) share one query.
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds === 0 && this.pending.length > 0) this.schedule();
    };
  }

  /**
   * `guess`: what the blob counts in its query's text budget while its size is unknown (default
   * UNKNOWN_BLOB_BYTES). `speculative`: the read is made before it is known to be needed (the review's
   * settings, which may ignore the path, are read in the same query), so a blob that would need a
   * further REST read (binary, truncated, large) answers null here and is fetched only if a real read asks.
   */
  read(rev: string, path: string, guess?: number, options: { speculative?: boolean } = {}): Promise<FileContent | null> {
    const key = `${rev}:${path}`;
    let hit = this.cache.get(key);
    if (hit && !options.speculative) {
      const pending = this.inFlight.get(key);
      if (pending) pending.speculative = false;
    }
    if (!hit && !options.speculative) {
      const node = this.deferred.get(key);
      if (node) {
        this.deferred.delete(key);
        hit = this.toContent(node);
        this.cache.set(key, hit);
        return hit;
      }
    }
    if (!hit) {
      const tree = this.trees.get(rev);
      const entry = tree?.get(path);
      if (tree && !entry) {
        this.stats.probesAvoided++;
        hit = Promise.resolve(null);
        this.cache.set(key, hit);
        return hit;
      }
      if (this.planned.has(rev)) {
        this.stats.unplanned++;
        if (this.stats.unplannedPaths.length < 20) this.stats.unplannedPaths.push(path);
      }
      const size = entry?.size ?? guess;
      hit = new Promise((resolve, reject) => {
        const pending: Pending = { rev, path, speculative: options.speculative === true, ...(size !== undefined ? { size } : {}), resolve, reject };
        this.pending.push(pending);
        this.inFlight.set(key, pending);
      });
      this.cache.set(key, hit);
      if (this.holds === 0) this.schedule();
    }
    return hit;
  }

  /**
   * The files directly in folder `dir` at `rev`, sorted (empty when there is no such folder). Asked in the
   * same batch as the reads of that turn, with the text of every file in the folder, so reading them
   * afterwards costs nothing; with the tree known (knowTree), answered from it without a request.
   */
  list(rev: string, dir: string): Promise<string[]> {
    const folder = dir.replace(/\/+$/, '');
    const key = `${rev}:${folder}/`;
    let hit = this.listings.get(key);
    if (hit) return hit;
    const tree = this.trees.get(rev);
    if (tree) {
      hit = Promise.resolve(filesIn(tree.keys(), folder));
    } else {
      if (this.planned.has(rev)) {
        this.stats.unplanned++;
        if (this.stats.unplannedPaths.length < 20) this.stats.unplannedPaths.push(`${folder}/`);
      }
      hit = new Promise<string[]>((resolve, reject) => {
        // A failure is the listing's: the cache forgets it, so a later list asks again.
        const pending: Pending = { rev, path: folder, speculative: true, size: FOLDER_BYTES, listed: resolve, resolve: () => resolve([]), reject };
        this.pending.push(pending);
      });
      hit.catch(() => this.listings.delete(key));
      if (this.holds === 0) this.schedule();
    }
    this.listings.set(key, hit);
    return hit;
  }

  /** Keeps the files of a listed folder as if read (a blob that needs a REST read waits for a real read, as a speculative read's does). */
  private keepListed(rev: string, folder: string, node: TreeNode | null): string[] {
    const paths: string[] = [];
    for (const entry of node?.entries ?? []) {
      if (entry.type !== 'blob') continue;
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      paths.push(path);
      const key = `${rev}:${path}`;
      const blob = entry.object;
      if (!blob || blob.oid === undefined || this.cache.has(key) || this.deferred.has(key)) continue;
      if (this.needsRest(blob)) this.deferred.set(key, blob);
      else this.cache.set(key, this.toContent(blob));
    }
    return paths.sort();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.holds > 0) return;
    const batch = this.pending;
    this.pending = [];
    for (const group of packGroups(batch)) {
      const remember = this.planning;
      void this.fetchGroup(group).catch((error: unknown) => {
        for (const p of group) {
          if (p.listed) {
            p.reject(error);
            continue;
          }
          const key = `${p.rev}:${p.path}`;
          this.inFlight.delete(key);
          // A failed speculative read is asked for again by the real read, if one comes.
          if (!remember || p.speculative) this.cache.delete(key);
          p.reject(error);
        }
      });
    }
  }

  private async fetchGroup(group: Pending[]): Promise<void> {
    const variables: Record<string, unknown> = { owner: this.owner, name: this.repo };
    group.forEach((p, i) => (variables[`e${i}`] = `${p.rev}:${p.path}`));
    this.stats.queries++;
    this.stats.aliases += group.length;
    const data = await this.api.graphql<{ repository: Record<string, (BlobNode & TreeNode) | null> | null }>(blobQuery(group.map((p) => (p.listed ? 'tree' : 'blob'))), variables);
    const nodes = data.repository ?? {};
    await Promise.all(
      group.map(async (p, i) => {
        const node = nodes[`b${i}`] ?? null;
        if (p.listed) return p.listed(this.keepListed(p.rev, p.path, node));
        const key = `${p.rev}:${p.path}`;
        this.inFlight.delete(key);
        if (p.speculative && node && this.needsRest(node)) {
          this.deferred.set(key, node);
          this.cache.delete(key);
          p.resolve(null);
          return;
        }
        p.resolve(await this.toContent(node));
      }),
    );
  }

  /** Whether turning `node` into content takes a REST read (see toContent). */
  private needsRest(node: BlobNode): boolean {
    if (node.oid === undefined || node.byteSize === undefined) return false;
    if (node.isBinary) return node.byteSize <= MAX_CONTENT_BYTES;
    if (node.byteSize > MAX_APP_CONTENT_BYTES) return false;
    return node.byteSize > MAX_CONTENT_BYTES || node.isTruncated === true || typeof node.text !== 'string';
  }

  private async toContent(node: BlobNode | null): Promise<FileContent | null> {
    // A tree or a missing path: `... on Blob` leaves the object without fields.
    if (!node || node.oid === undefined || node.byteSize === undefined) return null;
    const size = node.byteSize;
    if (node.isBinary) return size <= MAX_CONTENT_BYTES ? contentFromBytes(await this.restBlob(node.oid), size) : withoutText(size, true, PROBLEM_BINARY);
    if (size > MAX_APP_CONTENT_BYTES) return withoutText(size, false, PROBLEM_TOO_LARGE_FOR_APP, node.text ?? '');
    if (size > MAX_CONTENT_BYTES) return contentFromBytes(await this.rawBlob(node.oid), size, MAX_APP_CONTENT_BYTES);
    if (node.isTruncated || typeof node.text !== 'string') return contentFromBytes(await this.restBlob(node.oid), size);
    return contentFromText(node.text, size);
  }

  private async restBlob(sha: string): Promise<Uint8Array> {
    this.stats.restBlobs++;
    const response = await this.api.request<{ content: string; encoding: string }>('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
      owner: this.owner,
      repo: this.repo,
      file_sha: sha,
    });
    const { content, encoding } = response.data;
    return encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8');
  }

  /** A large blob as raw bytes (no base64 JSON a third larger than the file). */
  private async rawBlob(sha: string): Promise<Uint8Array> {
    this.stats.restBlobs++;
    const response = await this.api.request<unknown>('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
      owner: this.owner,
      repo: this.repo,
      file_sha: sha,
      mediaType: { format: 'raw' },
    });
    const data = response.data;
    if (typeof data === 'string') return Buffer.from(data, 'utf8');
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (data instanceof Uint8Array) return data;
    // A server that ignored the media type answered with the JSON form.
    const json = data as { content?: string; encoding?: string };
    if (typeof json.content === 'string') return json.encoding === 'base64' ? Buffer.from(json.content, 'base64') : Buffer.from(json.content, 'utf8');
    throw new Error('the blob API answered without the file content');
  }
}
