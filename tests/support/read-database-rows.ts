import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import type { RunningCms } from './start-cms.ts';

// Read-only access to a test CMS's raw tables (SQLite file or PostgreSQL database), for tests that
// hold rows written outside the document service to the rows the dashboard leaves.

export type Row = Record<string, unknown>;
export interface Rows {
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export async function openRows(cms: RunningCms): Promise<Rows> {
  if (cms.database === 'sqlite') {
    const db = new DatabaseSync(path.join(cms.dataDir, 'cms.db'), { readOnly: true });
    return {
      all: async (sql, params = []) => db.prepare(sql.replace(/\$\d+/g, '?')).all(...(params as never[])) as Row[],
      close: async () => db.close(),
    };
  }
  const client = new pg.Client({ connectionString: cms.databaseUrl });
  await client.connect();
  return { all: async (sql, params = []) => (await client.query(sql, params)).rows as Row[], close: () => client.end() };
}

// What a value looks like without what it says: null, number, text, or the shape of its JSON.
export function shape(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && /^[[{]/.test(value)) return shape(JSON.parse(value));
  if (Array.isArray(value)) return ['array', ...new Set(value.map((v) => JSON.stringify(shape(v))))].slice(0, 2);
  if (value instanceof Date) return 'date';
  if (typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().filter((k) => k !== 'text').map((k) => [k, k === 'type' ? 'string' : shape((value as Row)[k])]));
  if (typeof value === 'bigint') return 'number';
  return typeof value;
}
