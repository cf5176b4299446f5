import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { assertEmptyOrAppending, parseScale, seedAtScale } from '../src/seed/seed-at-scale';

// `npm run seed -- --scale year|small|<fraction> [--append]`, run by scripts/seed/seed-at-scale.ts
// from the compiled CMS (cms/dist/scripts/). Loads Strapi without serving HTTP (the portal must
// be stopped: the same database is written), seeds in bulk, and prints a last JSON line with
// the rate for benchmarks.
function parseArguments(argv: string[]): { fraction: number; append: boolean } {
  const at = argv.indexOf('--scale');
  const inline = argv.find((a) => a.startsWith('--scale='));
  const value = inline ? inline.slice('--scale='.length) : at >= 0 ? argv[at + 1] : undefined;
  return { fraction: parseScale(value), append: argv.includes('--append') };
}

async function run(): Promise<void> {
  // 1. What to seed.
  const { fraction, append } = parseArguments(process.argv.slice(2));
  // 2. Strapi as `npm start` configures it (data folder, database, secrets), minus the demo content.
  process.env.SHEQU_DEMO_CONTENT = 'none';
  const appDir = path.resolve(__dirname, '..', '..');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  try {
    // 3. Only into an empty CMS, unless appending was asked for.
    await assertEmptyOrAppending(strapi, append);
    // 4. The bulk load, and its rate on the last line.
    const report = await seedAtScale(strapi, fraction);
    console.log(JSON.stringify(report));
  } finally {
    await strapi.destroy();
  }
}

run().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`[seed] ${error.message}`);
    process.exit(1);
  },
);
