import fs from 'node:fs';
import path from 'node:path';

// Step 6: bench/results.json in the shape the scale issue fixed for other tools to read, and
// the same figures as a table. Anything beyond that shape lives under `details`.
export interface BenchResults {
  scale: string;
  entries: number;
  seed: { entriesPerSecond: number };
  read: { entriesPerSecond: number };
  fullBuild: { seconds: number; pages: number; pagesPerSecond: number; peakRssMb: number };
  baseline: { pagesPerSecond: number };
  renderRatio: number;
  publishToLive: Record<'article' | 'ledger' | 'unpublish', { p50Ms: number | null; p95Ms: number | null }>;
  searchIndex: { seconds: number | null; peakRssMb: number };
  details: Record<string, unknown>;
}

export function writeBenchResults(file: string, results: BenchResults): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

export function formatBenchTable(r: BenchResults): string {
  const ms = (v: number | null) => (v === null ? '—' : `${(v / 1000).toFixed(1)} s`);
  const rows: Array<[string, string]> = [
    ['scale', `${r.scale} (${r.entries.toLocaleString('en')} entries)`],
    ['seed', `${r.seed.entriesPerSecond.toLocaleString('en')} entries/s`],
    ['GraphQL read', `${r.read.entriesPerSecond.toLocaleString('en')} entries/s`],
    ['full build', `${r.fullBuild.seconds} s, ${r.fullBuild.pages.toLocaleString('en')} pages, ${r.fullBuild.pagesPerSecond} pages/s, peak RSS ${r.fullBuild.peakRssMb} MB`],
    ['baseline (JSON snapshot)', `${r.baseline.pagesPerSecond} pages/s`],
    ['render ratio', `${r.renderRatio} (full build time / baseline time; target ≤ 1.5)`],
    ['publish → live: article', `p50 ${ms(r.publishToLive.article.p50Ms)}, p95 ${ms(r.publishToLive.article.p95Ms)}`],
    ['publish → live: ledger', `p50 ${ms(r.publishToLive.ledger.p50Ms)}, p95 ${ms(r.publishToLive.ledger.p95Ms)}`],
    ['publish → live: unpublish', `p50 ${ms(r.publishToLive.unpublish.p50Ms)}, p95 ${ms(r.publishToLive.unpublish.p95Ms)}`],
    ['search index (in the build)', `${r.searchIndex.seconds ?? '—'} s, peak RSS ${r.searchIndex.peakRssMb} MB`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}
