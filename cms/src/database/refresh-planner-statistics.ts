import type { Core } from '@strapi/strapi';

// The database's query planner needs table statistics to choose indexes. SQLite keeps none until
// ANALYZE runs, and without them it joins Strapi's component tables (`ledgers_cmps`, 800,000
// rows a year) through their two-valued `field` index instead of `entity_id`: 120 ms instead of
// 3 ms for each component of each page of the build's bulk read, about half of a year's read time.

const SIX_HOURS = 6 * 60 * 60 * 1000;

// At start, and every six hours while the CMS runs, as SQLite advises for long-lived
// connections: `PRAGMA optimize` analyzes only tables whose statistics are missing or stale
// (about a second on a year of content the first time, nothing when they are current).
// PostgreSQL's autovacuum keeps its own statistics current.
export async function refreshPlannerStatisticsOnStart(strapi: Core.Strapi): Promise<void> {
  if (strapi.db.dialect.client !== 'sqlite') return;
  await strapi.db.connection.raw('PRAGMA optimize=0x10002');
  const timer = setInterval(() => {
    strapi.db.connection.raw('PRAGMA optimize').catch((error: Error) => strapi.log.warn(`[shequ] PRAGMA optimize failed: ${error.message}`));
  }, SIX_HOURS);
  timer.unref();
}

// After a bulk load the tables are orders of magnitude larger than the statistics say; both
// databases analyze them at once rather than waiting for their own schedule.
export async function analyzeAfterBulkLoad(strapi: Core.Strapi): Promise<void> {
  await strapi.db.connection.raw('ANALYZE');
}
