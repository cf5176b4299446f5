import path from 'node:path';
import { repoRoot } from '../lib/paths.ts';

// `npm run bench -- [--scale small|year|<fraction>] [--edits N] [--builds N] [--search on|off] [--out file] [--keep]`
export interface BenchOptions {
  scale: string;
  edits: number;
  // Full builds and baseline builds, each; 3 at small scale (seconds each), else 1.
  builds: number;
  out: string;
  keep: boolean;
  // Whether the timed builds make their search index (on at small scale); off: one shard measured apart.
  search: boolean;
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
  const builds = Number(value('builds') ?? (scale === 'small' ? 3 : 1));
  if (!Number.isInteger(builds) || builds < 1) throw new Error(`--builds must be a whole number ≥ 1 (got ${value('builds')})`);
  const search = (value('search') ?? (scale === 'small' ? 'on' : 'off')) === 'on';
  return { scale, edits, builds, search, out: path.resolve(value('out') ?? path.join(repoRoot, 'bench', 'results.json')), keep: argv.includes('--keep') };
}
