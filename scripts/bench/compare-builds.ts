import path from 'node:path';
import { timeSiteBuild, type SiteBuildTiming } from './time-site-build.ts';

// Steps 3 and 4 together: the full build (from the CMS over GraphQL, as the publisher runs it)
// and the baseline (the same build from the JSON snapshot), `rounds` times each in the order
// full, baseline, baseline, full, full, baseline … so that neither always runs on the warmer
// cache; each side is represented by its median run (by wall time), with the highest peak RSS
// seen on that side.
export interface BuildComparison {
  full: SiteBuildTiming;
  baseline: SiteBuildTiming;
  runs: Array<{ source: 'cms' | 'snapshot'; seconds: number; pages: number }>;
}

function medianRun(runs: SiteBuildTiming[]): SiteBuildTiming {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  const peakRssMb = Math.max(...runs.map((r) => r.peakRssMb));
  const searchPeak = Math.max(...runs.map((r) => r.searchIndex.peakRssMb));
  return { ...median, peakRssMb, searchIndex: { ...median.searchIndex, peakRssMb: searchPeak } };
}

export async function compareBuilds(options: { cmsUrl: string; buildTokenFile: string; siteUrl: string; workDir: string; snapshotFile: string; rounds: number; env?: NodeJS.ProcessEnv; log: (line: string) => void }): Promise<BuildComparison> {
  const sides = { cms: [] as SiteBuildTiming[], snapshot: [] as SiteBuildTiming[] };
  const runs: BuildComparison['runs'] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    const order: Array<'cms' | 'snapshot'> = round % 2 === 0 ? ['cms', 'snapshot'] : ['snapshot', 'cms'];
    for (const source of order) {
      const timing = await timeSiteBuild({
        cmsUrl: options.cmsUrl,
        buildTokenFile: options.buildTokenFile,
        siteUrl: options.siteUrl,
        outDir: path.join(options.workDir, source === 'cms' ? 'full' : 'baseline'),
        // Empty: the site reads the CMS (whatever the caller's environment holds).
        env: { ...options.env, SHEQU_SITE_SNAPSHOT: source === 'cms' ? '' : options.snapshotFile },
      });
      sides[source].push(timing);
      runs.push({ source, seconds: timing.seconds, pages: timing.pages });
      options.log(`${source === 'cms' ? 'full build (GraphQL)' : 'baseline (JSON snapshot)'}: ${timing.seconds} s, ${timing.pages} pages`);
    }
  }
  return { full: medianRun(sides.cms), baseline: medianRun(sides.snapshot), runs };
}
