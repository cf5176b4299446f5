import type { z } from 'zod';

// Validates CMS records one by one. A bad record never breaks the whole site and is never
// dropped silently: if only optional fields are wrong they are left out and the record is
// rendered; otherwise the record is excluded. Either way the build report names the content
// type, the record and the field, e.g.
//   ledger "k3j2…" excluded: field "peopleServed": Too small: expected number to be >=0

export interface RecordProblem {
  type: string;
  documentId: string;
  action: 'repaired' | 'excluded';
  fields: string[];
  messages: string[];
}

export function describeProblem(p: RecordProblem): string {
  return `${p.type} "${p.documentId}" ${p.action}: ${p.messages.join('; ')}`;
}

export function parseRecords<S extends z.ZodType>(
  typeName: string,
  schema: S,
  records: unknown[],
  optionalFields: readonly string[] = [],
): { records: Array<z.output<S>>; problems: RecordProblem[] } {
  const out: Array<z.output<S>> = [];
  const problems: RecordProblem[] = [];
  for (const record of records) {
    const first = schema.safeParse(record);
    if (first.success) {
      out.push(first.data);
      continue;
    }
    const rawId = (record as { documentId?: unknown } | null)?.documentId;
    const documentId = typeof rawId === 'string' ? rawId : '(no documentId)';
    const fields = [...new Set(first.error.issues.map((i) => String(i.path[0] ?? '(record)')))];
    const messages = first.error.issues.map((i) => `field "${i.path.join('.') || '(record)'}": ${i.message}`);
    // Only optional fields wrong: leave them out and render the rest.
    if (record && typeof record === 'object' && fields.every((f) => optionalFields.includes(f))) {
      const repaired = { ...(record as Record<string, unknown>) };
      for (const f of fields) repaired[f] = null;
      const second = schema.safeParse(repaired);
      if (second.success) {
        out.push(second.data);
        problems.push({ type: typeName, documentId, action: 'repaired', fields, messages });
        continue;
      }
    }
    problems.push({ type: typeName, documentId, action: 'excluded', fields, messages });
  }
  return { records: out, problems };
}
