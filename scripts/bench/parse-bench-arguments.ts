import path from 'node:path';
import { repoRoot } from '../lib/paths.ts';

// `npm run bench -- [--scale small|year|<fraction>] [--edits N] [--out file] [--keep]`
export interface BenchOptions {
  scale: string;
  edits: number;
  out: string;
  keep: boolean;
}

export function parseBenchArguments(argv: string[]): BenchOptions {
  const value = (name: string): string | undefined => {
    const inline = argv.find((a) => a.startsWith(`--${name}=`));
    if (inline) return inline.slice(name.length + 3);
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const scale = value('scale') ?? 'small';
  if (!/^(small|year|\d+(\.\d+)?|\.\d+)$/.test(scale)) throw new Error(`--scale must be small, year or a fraction of a year (got ${scale})`);
  const edits = Number(value('edits') ?? 5);
  if (!Number.isInteger(edits) || edits < 0) throw new Error(`--edits must be a whole number ≥ 0 (got ${value('edits')})`);
  return { scale, edits, out: path.resolve(value('out') ?? path.join(repoRoot, 'bench', 'results.json')), keep: argv.includes('--keep') };
}
