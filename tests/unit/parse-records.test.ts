import { describe, expect, it } from 'vitest';
import { describeProblem, parseRecords } from '../../site/src/lib/cms/parse-records.ts';
import { articleSchema, ledgerSchema } from '../../site/src/lib/cms/schemas.ts';

const ledger = {
  documentId: 'led1', title: '陪护', community: { documentId: 'c1' }, activityDate: '2026-03-01', serviceFocus: 'minors',
  serviceTypes: [{ kind: 'tutoring' }], teamTypes: [{ kind: 'teacher' }], volunteersCount: 3, peopleServed: 10, serviceHours: 4.5,
  place: null, description: [{ type: 'paragraph', children: [{ type: 'text', text: '记录' }] }], photos: [], updatedAt: '2026-03-01T00:00:00Z',
};
const OPTIONAL = ['serviceTypes', 'teamTypes', 'place', 'description', 'photos'];

describe('CMS data validation', () => {
  it('accepts good records and shapes them for rendering', () => {
    const { records, problems } = parseRecords('ledger', ledgerSchema, [ledger], OPTIONAL);
    expect(problems).toEqual([]);
    expect(records[0].serviceTypes).toEqual(['tutoring']);
    expect(records[0].place).toBe('');
  });

  it('excludes a record whose required field is wrong, naming the type, the record and the field', () => {
    const { records, problems } = parseRecords('ledger', ledgerSchema, [ledger, { ...ledger, documentId: 'led2', peopleServed: -2 }], OPTIONAL);
    expect(records.map((r) => r.documentId)).toEqual(['led1']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ type: 'ledger', documentId: 'led2', action: 'excluded', fields: ['peopleServed'] });
    expect(describeProblem(problems[0])).toMatch(/^ledger "led2" excluded: field "peopleServed": /);
  });

  it('renders a record without its broken optional fields and reports them', () => {
    const broken = { ...ledger, documentId: 'led3', description: [{ type: 'script', children: [] }], serviceTypes: [{ kind: 'nonsense' }] };
    const { records, problems } = parseRecords('ledger', ledgerSchema, [broken], OPTIONAL);
    expect(records).toHaveLength(1);
    expect(records[0].description).toEqual([]);
    expect(records[0].serviceTypes).toEqual([]);
    expect(problems[0]).toMatchObject({ documentId: 'led3', action: 'repaired' });
    expect(problems[0].fields.sort()).toEqual(['description', 'serviceTypes']);
  });

  it('never drops a record silently, whatever it is', () => {
    const junk = [null, 42, 'text', {}, { documentId: 7 }];
    const { records, problems } = parseRecords('ledger', ledgerSchema, junk, OPTIONAL);
    expect(records).toHaveLength(0);
    expect(problems).toHaveLength(junk.length);
    expect(problems.every((p) => p.action === 'excluded')).toBe(true);
  });

  it('maps the province enumeration to its division code', () => {
    const { records } = parseRecords('article', articleSchema, [{
      documentId: 'a1', title: 't', slug: 't', summary: null, body: null, channel: 'local_news', cover: null, editorialDate: '2026-01-01',
      source: null, author: null, province: 'cn_42', community: null, tags: '志愿服务,社区', updatedAt: '2026-01-01T00:00:00Z',
    }]);
    expect(records[0].province).toBe('42');
    expect(records[0].tags).toEqual(['志愿服务', '社区']);
  });
});
