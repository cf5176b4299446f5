import fs from 'node:fs';
import { runAstroBuild } from '../lib/build-and-serve-site.ts';
import { countPages } from '../publisher/check-release.ts';
import { samplePeakRss, type RssPeaks } from './sample-peak-rss.ts';

// Steps 3 and 4: one `astro build` of site/ as the publisher runs it (same variables, its own
// output folder), timed from spawn to exit, its pages counted as the publisher counts them
// (.html files), the peak RSS of its process tree sampled every 200 ms. Pagefind runs inside
// the build (site/src/lib/integrations/pagefind-index.ts) in its own binary (`pagefind
// --service`): its time is the one its integration logs, its memory that process's peak.
const SEARCH_INDEX_LINE = /indexed (\d+) pages for search in ([\d.]+) s/;
const PAGEFIND_PROCESS = /pagefind[^ ]*\s+--service/;

export interface SiteBuildTiming {
  seconds: number;
  pages: number;
  pagesPerSecond: number;
  peakRssMb: number;
  searchIndex: { seconds: number | null; pages: number | null; peakRssMb: number };
  rssSamples: number;
}

export async function timeSiteBuild(options: { cmsUrl: string; buildTokenFile: string; outDir: string; siteUrl: string; env?: NodeJS.ProcessEnv; onLine?: (line: string) => void }): Promise<SiteBuildTiming> {
  fs.rmSync(options.outDir, { recursive: true, force: true });
  const seen: { sampler?: { stop: () => RssPeaks }; searchLine?: RegExpExecArray } = {};
  let peaks: RssPeaks | undefined;
  const started = performance.now();
  try {
    await runAstroBuild({
      cmsUrl: options.cmsUrl,
      buildTokenFile: options.buildTokenFile,
      outDir: options.outDir,
      siteUrl: options.siteUrl,
      env: options.env,
      timeoutMs: 4 * 3600_000,
      onStart: (pid) => {
        seen.sampler = samplePeakRss(pid, { part: PAGEFIND_PROCESS });
      },
      onLine: (line) => {
        seen.searchLine = SEARCH_INDEX_LINE.exec(line) ?? seen.searchLine;
        options.onLine?.(line);
      },
    });
  } finally {
    peaks = seen.sampler?.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const pages = countPages(options.outDir);
  const found = seen.searchLine;
  return {
    seconds: round(seconds, 1),
    pages,
    pagesPerSecond: round(pages / seconds, 1),
    peakRssMb: peaks?.peakRssMb ?? 0,
    searchIndex: { seconds: found ? Number(found[2]) : null, pages: found ? Number(found[1]) : null, peakRssMb: peaks?.peakPartRssMb ?? 0 },
    rssSamples: peaks?.samples ?? 0,
  };
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
