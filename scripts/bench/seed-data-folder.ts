import { spawn } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../lib/paths.ts';

// Step 1: the bulk seeder (`npm run seed`) into the benchmark's own data folder. Its last line
// is the JSON report with the rate; the rest is its progress, passed on to stderr.
const seedReportSchema = z.object({ communities: z.number(), ledgers: z.number(), articles: z.number(), entries: z.number(), seconds: z.number(), entriesPerSecond: z.number() });
export type SeedReport = z.output<typeof seedReportSchema>;

export async function seedDataFolder(options: { dataDir: string; scale: string; env: NodeJS.ProcessEnv }): Promise<SeedReport> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, SHEQU_DATA_DIR: options.dataDir };
  delete env.DATABASE_URL; // the benchmark runs on the folder's own SQLite database
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts/seed/seed-at-scale.ts'), '--scale', options.scale], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    process.stderr.write(chunk);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  if (code !== 0) throw new Error(`the bulk seeder exited with ${code}`);
  const last = out.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('{')).at(-1);
  if (!last) throw new Error('the bulk seeder printed no report line');
  return seedReportSchema.parse(JSON.parse(last));
}
