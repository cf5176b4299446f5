import { helpRequestMessages as m } from '../domain/vocabulary';
import type { FieldError } from './submission-context';

export const HELP_KINDS = ['elderly', 'minors', 'disability', 'hardship', 'other'] as const;
export type HelpKind = (typeof HELP_KINDS)[number];

export interface HelpSubmission {
  name: string;
  contact: string;
  place: string;
  kind: HelpKind;
  description: string;
}

const LIMITS = { name: [1, 40], contact: [1, 80], place: [1, 100], description: [10, 2000] } as const;
// Control characters (but tab and newline), and the invisible bidirectional overrides that can
// disguise text in the dashboard, are refused rather than silently changed.
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
// A mainland mobile (optionally +86), a landline with area code (0xx-xxxxxxxx, optional extension)
// or an e-mail address.
const MOBILE = /^(\+?86[- ]?)?1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}[- ]?\d{7,8}([- ]\d{1,6})?$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

const text = (value: unknown) => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '');
const length = (s: string) => [...s].length;

// Checks a submission field by field; every problem gets a Chinese message naming the field.
export function validateSubmission(body: Record<string, unknown>): { submission: HelpSubmission; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const label = m.formLabels;
  const values = {
    name: text(body.name).replace(/\s+/g, ' '),
    contact: text(body.contact).replace(/\s+/g, ' '),
    place: text(body.place).replace(/\s+/g, ' '),
    description: text(body.description),
  };
  for (const field of ['name', 'contact', 'place', 'description'] as const) {
    const value = values[field];
    const [min, max] = LIMITS[field];
    if (FORBIDDEN.test(value)) errors.push({ field, message: m.badText(label[field]) });
    else if (min > 0 && value === '') errors.push({ field, message: m.required(label[field]) });
    else if (length(value) > max) errors.push({ field, message: m.tooLong(label[field], max) });
    else if (length(value) < min) errors.push({ field, message: field === 'description' ? m.tooShort(label[field], min) : m.required(label[field]) });
  }
  if (values.contact && !errors.some((e) => e.field === 'contact')) {
    const compact = values.contact.replace(/[()（）]/g, '');
    if (!MOBILE.test(compact.replace(/[- ]/g, '')) && !LANDLINE.test(compact) && !EMAIL.test(values.contact)) {
      errors.push({ field: 'contact', message: m.badContact });
    }
  }
  const kind = typeof body.kind === 'string' && (HELP_KINDS as readonly string[]).includes(body.kind) ? (body.kind as HelpKind) : undefined;
  if (!kind) errors.push({ field: 'kind', message: m.badKind });
  return { submission: { ...values, kind: kind ?? 'other' }, errors };
}
