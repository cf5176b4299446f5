import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../site/src/lib/cms/parse-records.ts';
import { articleSchema, ledgerSchema } from '../../site/src/lib/cms/schemas.ts';

const ledger = {
  documentId: 'led1', title: '陪护', community: { documentId: 'c1' }, activityDate: '2026-03-01', serviceFocus: 'minors',
  serviceTypes: [{ kind: 'tutoring' }], teamTypes: [{ kind: 'teacher' }], volunteersCount: 3, peopleServed: 10, serviceHours: 4.5,
  place: null, description: [{ type: 'paragraph', children: [{ type: 'text', text: '记录' }] }], photos: [], updatedAt: '2026-03-01T00:00:00Z',
};

describe('CMS data validation', () => {
  it('accepts good records and shapes them for rendering', () => {
    const [l] = parseRecords('ledger', ledgerSchema, [ledger]);
    expect(l.serviceTypes).toEqual(['tutoring']);
    expect(l.place).toBe('');
  });

  it('fails naming the content type, the record and the field', () => {
    expect(() => parseRecords('ledger', ledgerSchema, [{ ...ledger, peopleServed: -2 }])).toThrow(/CMS ledger "led1" is invalid:\n\s+field "peopleServed"/);
    expect(() => parseRecords('ledger', ledgerSchema, [{ ...ledger, serviceFocus: 'nonsense' }])).toThrow(/field "serviceFocus"/);
  });

  it('maps the province enumeration to its division code', () => {
    const [a] = parseRecords('article', articleSchema, [{
      documentId: 'a1', title: 't', slug: 't', summary: null, body: null, channel: 'local_news', cover: null, editorialDate: '2026-01-01',
      source: null, author: null, province: 'cn_42', community: null, tags: '志愿服务,社区', updatedAt: '2026-01-01T00:00:00Z',
    }]);
    expect(a.province).toBe('42');
    expect(a.tags).toEqual(['志愿服务', '社区']);
  });
});
