import type { Core } from '@strapi/strapi';
import { todayInChina } from '../document-middlewares/validate-content';
import { HELP_KINDS } from './validate-submission';

// What the public may know about help requests: counts, never a record. "Resolved" is handling
// status resolved; closed requests (withdrawn, duplicates, not ours) count as received only.

export interface HelpRequestFigures {
  asOf: string;
  received: number;
  resolved: number;
  // resolved / received, 0 when nothing was received.
  resolutionRate: number;
  byMonth: Array<{ month: string; received: number; resolved: number }>;
  byKind: Array<{ kind: string; received: number; resolved: number }>;
}

export async function helpRequestFigures(strapi: Core.Strapi): Promise<HelpRequestFigures> {
  const rows = (await strapi.db.query('api::help-request.help-request').findMany({ select: ['kind', 'handlingStatus', 'submittedAt', 'createdAt'] })) as Array<{
    kind: string;
    handlingStatus: string;
    submittedAt: string | Date | null;
    createdAt: string | Date;
  }>;
  const months = new Map<string, { received: number; resolved: number }>();
  const kinds = new Map<string, { received: number; resolved: number }>(HELP_KINDS.map((k) => [k, { received: 0, resolved: 0 }]));
  let resolved = 0;
  for (const row of rows) {
    const done = row.handlingStatus === 'resolved' ? 1 : 0;
    resolved += done;
    // Months are Beijing months, as every date in the network.
    const month = todayInChina(new Date(row.submittedAt ?? row.createdAt)).slice(0, 7);
    const m = months.get(month) ?? { received: 0, resolved: 0 };
    m.received += 1;
    m.resolved += done;
    months.set(month, m);
    const k = kinds.get(row.kind) ?? kinds.get('other')!;
    k.received += 1;
    k.resolved += done;
  }
  return {
    asOf: todayInChina(),
    received: rows.length,
    resolved,
    resolutionRate: rows.length ? resolved / rows.length : 0,
    byMonth: [...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, v]) => ({ month, ...v })),
    byKind: [...kinds].map(([kind, v]) => ({ kind, ...v })),
  };
}
