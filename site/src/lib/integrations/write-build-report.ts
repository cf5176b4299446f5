import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { reportedProblems } from '../build-report';
import { describeProblem } from '../cms/parse-records';

// Saves the CMS data problems of this build with the release (build-report.json) and prints them.
export function writeBuildReport(): AstroIntegration {
  return {
    name: 'shequ:build-report',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const problems = reportedProblems();
        const report = { builtAt: new Date().toISOString(), problems };
        fs.writeFileSync(path.join(fileURLToPath(dir), 'build-report.json'), JSON.stringify(report, null, 2));
        if (problems.length === 0) logger.info('CMS data: no problems');
        else for (const p of problems) logger.warn(`CMS data: ${describeProblem(p)}`);
      },
    },
  };
}
