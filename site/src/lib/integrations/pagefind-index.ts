import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

// Indexes the built pages for the static search page. Only reading pages mark their content
// with data-pagefind-body, so lists and navigation do not crowd the results.
export function pagefindIndex(): AstroIntegration {
  return {
    name: 'shequ:pagefind-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const started = Date.now();
        const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh-cn' });
        if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
        if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
        await pagefind.close();
        logger.info(`indexed ${added.page_count} pages for search in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      },
    },
  };
}
