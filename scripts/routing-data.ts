// Reading routing JSONL (training data and dispatcher corrections) for the command-line tools.
import { readFileSync } from 'node:fs';
import type { TrainingExample } from '../routing/train-classifier';

/** Parses `{ id, title?, text, label }` lines; a broken line stops with its file and number. */
export function readExamples(path: string): TrainingExample[] {
  const out: TrainingExample[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line);
      } catch {
        throw new Error(`${path}:${i + 1}: not JSON`);
      }
      if (typeof row.text !== 'string' || typeof row.label !== 'string' || !row.label)
        throw new Error(`${path}:${i + 1}: needs string "text" and "label"`);
      out.push({
        id: row.id == null ? undefined : String(row.id),
        title: typeof row.title === 'string' ? row.title : null,
        text: row.text,
        label: row.label,
      });
    });
  return out;
}

/**
 * Examples of several files in order; a later example with the same id replaces the earlier one
 * (a dispatcher's correction overrides the original label) but keeps its position.
 */
export function mergeExamples(files: readonly TrainingExample[][]): TrainingExample[] {
  const out: TrainingExample[] = [];
  const byId = new Map<string, number>();
  for (const examples of files) {
    for (const e of examples) {
      const at = e.id === undefined ? undefined : byId.get(e.id);
      if (at !== undefined) out[at] = e;
      else {
        if (e.id !== undefined) byId.set(e.id, out.length);
        out.push(e);
      }
    }
  }
  return out;
}

/** `--name value` pairs; repeated names collect into arrays. */
export function parseArgs(argv: readonly string[]): Map<string, string[]> {
  const args = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    args.set(name, [...(args.get(name) ?? []), value]);
  }
  return args;
}
