import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

/**
 * The floors of docs/architecture.md, lowest first: a folder may import its own floor and the ones
 * below, never one above. `text/` holds helpers any floor may use; `index.ts` is the library's
 * public face over all of them.
 */
export const FLOORS = ['text', 'engine', 'models', 'scenario', 'report', 'experiment', 'cli', 'index'] as const;

/** A folder of the house: a top-level folder of src/, or src/models/<area>. */
export type Unit = string;

/** An import from one source file to another, both relative to src/. */
export interface Import {
  readonly from: string;
  readonly to: string;
}

const SPECIFIER = /(?:\bfrom|^\s*import|\bimport\s*\()\s*['"](\.[^'"]+)['"]/gm;

/** Every relative import of every .ts file under `srcDir`, resolved to paths relative to it. */
export function readImports(srcDir: string): Import[] {
  const imports: Import[] = [];
  for (const file of tsFiles(srcDir)) {
    const from = relative(srcDir, file).split('\\').join('/');
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const m of text.matchAll(SPECIFIER)) imports.push({ from, to: posix.normalize(posix.join(posix.dirname(from), m[1])) });
  }
  return imports;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** The folder a file (relative to src/) belongs to. */
export function unitOf(file: string): Unit {
  const parts = file.split('/');
  if (parts.length === 1) return parts[0].replace(/\.ts$/, '');
  if (parts[0] === 'models' && parts.length > 2) return `models/${parts[1]}`;
  return parts[0];
}

function floorOf(unit: Unit): number {
  const floor = FLOORS.indexOf(unit.split('/')[0] as (typeof FLOORS)[number]);
  if (floor < 0) throw new Error(`src/${unit} is on no floor of docs/architecture.md`);
  return floor;
}

/** Imports that reach up a floor, as `file -> imported file`. */
export function floorViolations(imports: readonly Import[]): string[] {
  return imports.filter((i) => floorOf(unitOf(i.to)) > floorOf(unitOf(i.from))).map((i) => `src/${i.from} -> src/${i.to}`);
}

/** Folder-to-folder edges, with the files behind each. */
function folderEdges(imports: readonly Import[]): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const i of imports) {
    const [from, to] = [unitOf(i.from), unitOf(i.to)];
    if (from === to) continue;
    const key = `${from} -> ${to}`;
    edges.set(key, [...(edges.get(key) ?? []), `src/${i.from} -> src/${i.to}`]);
  }
  return edges;
}

/**
 * Each set of folders that import each other in a circle (a strongly connected component of more
 * than one folder), as its folders' names, sorted.
 */
export function folderCycles(imports: readonly Import[]): string[][] {
  const next = new Map<Unit, Set<Unit>>();
  for (const key of folderEdges(imports).keys()) {
    const [from, to] = key.split(' -> ');
    if (!next.has(from)) next.set(from, new Set());
    if (!next.has(to)) next.set(to, new Set());
    next.get(from)!.add(to);
  }
  // Tarjan's strongly connected components.
  const index = new Map<Unit, number>();
  const low = new Map<Unit, number>();
  const stack: Unit[] = [];
  const onStack = new Set<Unit>();
  const cycles: string[][] = [];
  const visit = (u: Unit): void => {
    index.set(u, index.size);
    low.set(u, index.get(u)!);
    stack.push(u);
    onStack.add(u);
    for (const v of next.get(u)!) {
      if (!index.has(v)) {
        visit(v);
        low.set(u, Math.min(low.get(u)!, low.get(v)!));
      } else if (onStack.has(v)) low.set(u, Math.min(low.get(u)!, index.get(v)!));
    }
    if (low.get(u) !== index.get(u)) return;
    const component: Unit[] = [];
    let v: Unit;
    do {
      v = stack.pop()!;
      onStack.delete(v);
      component.push(v);
    } while (v !== u);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const u of [...next.keys()].sort()) if (!index.has(u)) visit(u);
  return cycles;
}

export const SRC_DIR = join(dirname(new URL(import.meta.url).pathname), '../../src');
