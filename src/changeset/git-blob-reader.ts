// Reads blobs ("REV:path") through one long-lived `git cat-file --batch` process instead of a spawn per file.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

interface Pending {
  resolve(value: Buffer | null): void;
  reject(error: Error): void;
}

export class GitBlobReader {
  private child: ChildProcessWithoutNullStreams | null = null;
  private readonly queue: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private failure: Error | null = null;

  constructor(private readonly repo: string) {}

  /** The blob's bytes, or null when the object does not exist (or is not a blob). */
  read(spec: string): Promise<Buffer | null> {
    if (spec.includes('\n')) return Promise.resolve(null);
    if (this.failure) return Promise.reject(this.failure);
    const child = this.start();
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
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
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
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

  private drain(): void {
    for (;;) {
      const pending = this.queue[0];
      if (!pending) return;
      const newline = this.buffer.indexOf(10);
      if (newline === -1) return;
      const header = this.buffer.subarray(0, newline).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        this.buffer = this.buffer.subarray(newline + 1);
        this.queue.shift();
        pending.resolve(null);
        continue;
      }
      const parts = header.split(' ');
      const type = parts[1];
      const size = Number(parts[2]);
      const end = newline + 1 + size;
      if (this.buffer.length < end + 1) return;
      const body = Buffer.from(this.buffer.subarray(newline + 1, end));
      this.buffer = this.buffer.subarray(end + 1);
      this.queue.shift();
      pending.resolve(type === 'blob' ? body : null);
    }
  }
}
