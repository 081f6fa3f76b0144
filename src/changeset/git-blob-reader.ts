// Reads blobs ("REV:path" or an id) through one long-lived `git cat-file --batch` process instead of a
// spawn per file. Output is parsed as it streams: each blob is copied once into a buffer of its kept size,
// and bytes beyond the cap are counted and dropped, so an 80 MB binary costs neither 80 MB nor a copy per chunk.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** A blob as read: its first `bytes` (all of it when `size` is within the cap) and its full size. */
export interface BlobRead {
  bytes: Buffer;
  size: number;
}

interface Pending {
  cap: number;
  resolve(value: BlobRead | null): void;
  reject(error: Error): void;
}

/** Where the parser is in the stream: reading a header line, a body, or the LF after a body. */
type State = { at: 'header'; line: Buffer[] } | { at: 'body'; keep: Buffer; kept: number; left: number; size: number; blob: boolean } | { at: 'trailer' };

export class GitBlobReader {
  private child: ChildProcessWithoutNullStreams | null = null;
  private readonly queue: Pending[] = [];
  private state: State = { at: 'header', line: [] };
  private failure: Error | null = null;

  constructor(private readonly repo: string) {}

  /**
   * The blob's first `cap` bytes and its size, or null when the object does not exist (or is not a blob).
   * Callers that only sniff large files (binary, too large) pass a small cap.
   */
  read(spec: string, cap = Number.MAX_SAFE_INTEGER): Promise<BlobRead | null> {
    if (spec.includes('\n')) return Promise.resolve(null);
    if (this.failure) return Promise.reject(this.failure);
    const child = this.start();
    return new Promise((resolve, reject) => {
      this.queue.push({ cap, resolve, reject });
      child.stdin.write(spec + '\n');
    });
  }

  /** Ends the git process; call when the review is done so the event loop can exit. */
  close(): void {
    if (this.child) {
      this.child.stdin.end();
      this.child = null;
    }
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', ['cat-file', '--batch'], { cwd: this.repo, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => this.consume(chunk));
    const fail = (error: Error) => {
      this.failure = error;
      for (const p of this.queue.splice(0)) p.reject(error);
    };
    child.on('error', fail);
    child.on('exit', (code) => {
      if (this.queue.length > 0) fail(new Error(`git cat-file exited with code ${code}`));
      this.child = null;
    });
    this.child = child;
    return child;
  }

  private consume(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      const state = this.state;
      if (state.at === 'header') {
        const newline = chunk.indexOf(10, at);
        if (newline === -1) {
          state.line.push(chunk.subarray(at));
          return;
        }
        state.line.push(chunk.subarray(at, newline));
        at = newline + 1;
        this.header(Buffer.concat(state.line).toString('utf8'));
      } else if (state.at === 'body') {
        const take = Math.min(state.left, chunk.length - at);
        const room = Math.min(take, state.keep.length - state.kept);
        if (room > 0) chunk.copy(state.keep, state.kept, at, at + room);
        state.kept += room;
        state.left -= take;
        at += take;
        if (state.left === 0) {
          const pending = this.queue.shift();
          pending?.resolve(state.blob ? { bytes: state.keep, size: state.size } : null);
          this.state = { at: 'trailer' };
        }
      } else {
        // The LF git writes after every body.
        at++;
        this.state = { at: 'header', line: [] };
      }
    }
  }

  private header(line: string): void {
    if (line.endsWith(' missing') || line.endsWith(' ambiguous')) {
      this.queue.shift()?.resolve(null);
      this.state = { at: 'header', line: [] };
      return;
    }
    const [, type, sizeText] = line.split(' ');
    const size = Number(sizeText);
    const cap = this.queue[0]?.cap ?? 0;
    const blob = type === 'blob';
    const keep = Buffer.allocUnsafe(blob ? Math.min(size, cap) : 0);
    if (size === 0) {
      this.queue.shift()?.resolve(blob ? { bytes: keep, size } : null);
      this.state = { at: 'trailer' };
      return;
    }
    this.state = { at: 'body', keep, kept: 0, left: size, size, blob };
  }
}
