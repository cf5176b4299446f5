import type { z } from 'zod';

// Validates CMS records one by one so a bad record fails the build with a message that names
// the content type, the record and the field, e.g.
//   CMS ledger "k3j2…" field "peopleServed": Too small: expected number to be >=0
export class CmsDataError extends Error {
  readonly typeName: string;
  readonly documentId: string;
  readonly problems: string[];
  constructor(typeName: string, documentId: string, problems: string[]) {
    super(`CMS ${typeName} "${documentId}" is invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'CmsDataError';
    this.typeName = typeName;
    this.documentId = documentId;
    this.problems = problems;
  }
}

export function parseRecords<S extends z.ZodType>(typeName: string, schema: S, records: unknown[]): Array<z.output<S>> {
  return records.map((record) => {
    const result = schema.safeParse(record);
    if (result.success) return result.data;
    const id = (record as { documentId?: unknown })?.documentId;
    const problems = result.error.issues.map((i) => `field "${i.path.join('.') || '(record)'}": ${i.message}`);
    throw new CmsDataError(typeName, typeof id === 'string' ? id : '(no documentId)', problems);
  });
}
