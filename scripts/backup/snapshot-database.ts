import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { ArchiveError } from './archive-crypto.ts';

// The CMS database, copied consistently while Strapi keeps serving, and put back.
// SQLite: `VACUUM INTO` writes a snapshot of one read transaction (writers wait at most a
// moment; the busy timeout covers that) as a compact new file. PostgreSQL: `pg_dump` of a
// snapshot exported by our own transaction, so the row counts in the manifest are those of
// exactly the rows dumped.

export type TableCounts = Record<string, number>;

export interface DatabaseSource {
  kind: 'sqlite' | 'postgres';
  // SQLite file or PostgreSQL URL.
  location: string;
}

export function databaseSource(dataDir: string, env: NodeJS.ProcessEnv = process.env): DatabaseSource {
  if (env.DATABASE_URL) return { kind: 'postgres', location: env.DATABASE_URL };
  if (env.DATABASE_FILENAME) throw new ArchiveError('DATABASE_FILENAME is set: backups only know the database in the data folder (cms.db); unset it');
  return { kind: 'sqlite', location: `${dataDir}/cms.db` };
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function countSqliteTables(file: string): TableCounts {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
    const counts: TableCounts = {};
    for (const { name } of tables) counts[name] = Number((db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(name)}`).get() as { n: number }).n);
    return counts;
  } finally {
    db.close();
  }
}

export function snapshotSqlite(source: string, target: string): TableCounts {
  if (!fs.existsSync(source)) throw new ArchiveError(`no SQLite database at ${source}: has the CMS ever started with this data folder?`);
  const db = new DatabaseSync(source, { readOnly: true });
  try {
    // Strapi may hold the write lock for a moment; wait rather than fail.
    db.exec('PRAGMA busy_timeout = 60000');
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    db.close();
  }
  fs.chmodSync(target, 0o600);
  return countSqliteTables(target);
}

export function checkSqliteIntegrity(file: string): void {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const rows = db.prepare('PRAGMA integrity_check').all() as Array<{ integrity_check: string }>;
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length > 0) throw new ArchiveError(`the database in the archive fails SQLite's integrity check: ${problems.slice(0, 3).join('; ')}`);
  } finally {
    db.close();
  }
}

function pgClient(url: string, env: NodeJS.ProcessEnv): pg.Client {
  return new pg.Client({ connectionString: url, ssl: env.DATABASE_SSL === 'true' ? { rejectUnauthorized: false } : undefined });
}

async function countPostgresTables(client: pg.Client): Promise<TableCounts> {
  const { rows } = await client.query<{ schemaname: string; tablename: string }>(
    "SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY schemaname, tablename",
  );
  const counts: TableCounts = {};
  for (const { schemaname, tablename } of rows) {
    const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(schemaname)}.${quoteIdent(tablename)}`);
    counts[schemaname === 'public' ? tablename : `${schemaname}.${tablename}`] = Number(r.rows[0].n);
  }
  return counts;
}

// pg_dump and pg_restore, with the URL on the command line only as --dbname (never logged).
function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const childEnv = { ...process.env };
  if (env.DATABASE_SSL === 'true' && !childEnv.PGSSLMODE) childEnv.PGSSLMODE = 'require';
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-4000);
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new ArchiveError(`${tool} not found: install the PostgreSQL client tools (Debian: apt-get install postgresql-client), of the server's major version or newer`) : error),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new ArchiveError(`${tool} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

export async function dumpPostgres(url: string, target: string, env: NodeJS.ProcessEnv = process.env): Promise<TableCounts> {
  const client = pgClient(url, env);
  await client.connect();
  try {
    // Our transaction's snapshot is shared with pg_dump, so counts and dump see the same rows.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const counts = await countPostgresTables(client);
    await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${rows[0].id}`, `--file=${target}`, `--dbname=${url}`], env);
    await client.query('COMMIT');
    fs.chmodSync(target, 0o600);
    return counts;
  } finally {
    await client.end();
  }
}

export async function postgresTableCount(url: string, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const client = pgClient(url, env);
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

// Into an empty database, in one transaction: a failure leaves it empty.
export async function restorePostgres(url: string, dump: string, env: NodeJS.ProcessEnv = process.env): Promise<TableCounts> {
  await runPgTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${url}`, dump], env);
  const client = pgClient(url, env);
  await client.connect();
  try {
    return await countPostgresTables(client);
  } finally {
    await client.end();
  }
}
