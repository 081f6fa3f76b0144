// The layers depend one way: no import cycle between files or between src/ folders, and reports never reach into the engine.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root + dir)) {
    const path = `${dir}/${name}`;
    if (statSync(root + path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/**
 * Repository-relative imports of every source file, read by the TypeScript compiler's own import scanner:
 * static, type-only, side-effect (`import './x.js'`), re-exports and dynamic `import('./x.js')` all count
 * (type-only imports tie the layers too; a dynamic import is still a dependency).
 */
function importGraph(): Map<string, string[]> {
  const files = [...sourceFiles('src'), ...sourceFiles('checks')];
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(root + file, 'utf8'), true, true);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((name) => name.startsWith('./') || name.startsWith('../'))
      .map((name) => posix.normalize(posix.join(posix.dirname(file), name)).replace(/\.js$/, '.ts'))
      .filter((t) => known.has(t));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one member (or a self-import): the cycles. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return out;
}

/** `src/engine/review.ts` -> `src/engine`; `checks/x.ts` -> `checks`; `src/app.ts` -> `src`. */
const layerOf = (file: string) => (file.startsWith('src/') && file.split('/').length > 2 ? file.split('/').slice(0, 2).join('/') : file.split('/')[0]!);

describe('import graph', () => {
  const graph = importGraph();

  it('reads the sources', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('src/engine/pipeline.ts')).toContain('src/config/config.ts');
    // A dynamic import is an edge too.
    expect(graph.get('src/cli/main.ts')).toContain('src/server.ts');
  });

  it('has no cycle between files', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('has no cycle between folders (src/config, src/engine, src/model, …)', () => {
    const layers = new Map<string, string[]>();
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      const list = layers.get(from) ?? [];
      for (const t of targets) if (layerOf(t) !== from && !list.includes(layerOf(t))) list.push(layerOf(t));
      layers.set(from, list);
    }
    expect(cycles(layers)).toEqual([]);
  });

  it('keeps reporters and the model off the engine', () => {
    const offenders = [...graph].flatMap(([file, targets]) =>
      (file.startsWith('src/report/') || file.startsWith('src/model/') ? targets : []).filter((t) => t.startsWith('src/engine/')).map((t) => `${file} -> ${t}`),
    );
    expect(offenders).toEqual([]);
  });

  it('finds a cycle when there is one (the detector itself works)', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
  });
});
