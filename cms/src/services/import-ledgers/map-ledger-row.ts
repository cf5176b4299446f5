import crypto from 'node:crypto';
import ledgerSchema from '../../api/ledger/content-types/ledger/schema.json';
import serviceTypeSchema from '../../components/ledger/service-type.json';
import teamTypeSchema from '../../components/ledger/team-type.json';
import { enumLabels, fieldLabels, ledgerImportMessages, ledgerSheetHeaders, messages } from '../../domain/vocabulary';
import type { Cell } from './read-sheet';
import type { HeaderMatch, SheetColumn } from './ledger-sheet';

// One sheet row → the ledger the document service will write, or the row's problems.
// Only what the sheet's form needs is checked here (required cells, dates, numbers, Chinese
// labels of choices, lengths, the community); the CMS's own rules (no future date, no negative
// counts, spam, Strapi's validation …) are applied next by import-ledgers.ts with the document
// middlewares' own functions, exactly as for an editor in the dashboard.

export interface RowProblem { row: number; column: string; problem: string }

export interface LedgerData {
  title: string;
  community: string;
  activityDate: string;
  serviceFocus: string;
  serviceTypes: Array<{ kind: string }>;
  teamTypes: Array<{ kind: string }>;
  volunteersCount?: number;
  peopleServed?: number;
  serviceHours?: number;
  place?: string;
  description?: Array<{ type: 'paragraph'; children: Array<{ type: 'text'; text: string }> }>;
  importKey: string;
}

export type MappedRow =
  | { ok: true; row: number; key: string; publish: boolean; data: LedgerData }
  | { ok: false; row: number; problems: RowProblem[] };

export interface RowContext {
  header: HeaderMatch;
  // The community's documentId for a 12-digit division code, when the CMS has it.
  communityOf: (divisionCode: string) => string | undefined;
  publishByDefault: boolean;
  // Whether the importing user may publish ledgers; rows asking for it otherwise are refused.
  mayPublish: boolean;
}

const LEDGER_LABELS = fieldLabels['api::ledger.ledger'];
const MAX_TEXT = 200;

function choicesOf(values: string[]): Map<string, string> {
  // Accepts the Chinese label the dashboard shows and the stored ASCII value.
  return new Map(values.flatMap((v) => [[enumLabels[v] ?? v, v], [v, v]]));
}
const FOCUS = choicesOf(ledgerSchema.attributes.serviceFocus.enum);
const SERVICE_TYPES = choicesOf(serviceTypeSchema.attributes.kind.enum);
const TEAM_TYPES = choicesOf(teamTypeSchema.attributes.kind.enum);
const labelsOf = (choices: Map<string, string>) => [...new Set([...choices.values()].map((v) => enumLabels[v] ?? v))];

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

const isoDate = (y: number, m: number, d: number): string | undefined => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
};

// Dates as editors type them, and as Excel stores them (a date cell, or a serial day number).
export function parseSheetDate(cell: Cell | undefined): string | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') {
    // Excel's serial days count from 1899-12-30 (its 1900 leap-year bug included).
    if (!Number.isInteger(cell) || cell < 1 || cell > 2958465) return undefined;
    return new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000).toISOString().slice(0, 10);
  }
  const text = cellText(cell).normalize('NFKC').replace(/\s+/g, '');
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4}-\d{2}-\d{2})T[\d:.]+Z?$/.exec(text);
  if (m) return parseSheetDate(m[1]);
  if (/^\d{5}$/.test(text)) return parseSheetDate(Number(text));
  return undefined;
}

// A count or an amount of hours; units editors write after numbers are tolerated.
export function parseSheetNumber(cell: Cell | undefined): number | undefined | 'invalid' {
  if (typeof cell === 'number') return cell;
  const text = cellText(cell).normalize('NFKC').replace(/[\s,]/g, '').replace(/(人次|人|小时|个|h)$/i, '');
  if (text === '') return undefined;
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return 'invalid';
  return Number(text);
}

export function splitList(text: string): string[] {
  return [...new Set(text.split(/[、；;，,／/\n]+/).map((s) => s.trim()).filter(Boolean))];
}

export function paragraphsOf(text: string): LedgerData['description'] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean).map((line) => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, text: line }] }));
}

// The row's stable key: an explicit ledger number when the sheet has one, otherwise what makes
// an activity itself — community, date, title and place — so re-importing a file finds it again.
export function importKeyOf(divisionCode: string, activityDate: string, title: string, place: string, ledgerNumber: string): string {
  const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  const basis = ledgerNumber ? ['number', divisionCode, fold(ledgerNumber)] : ['activity', divisionCode, activityDate, fold(title), fold(place)];
  return crypto.createHash('sha256').update(basis.join('\u0000')).digest('hex');
}

export function mapLedgerRow(cells: Cell[], row: number, context: RowContext): MappedRow {
  const problems: RowProblem[] = [];
  const headerOf = (c: SheetColumn) => context.header.columns[c]?.header ?? ledgerSheetHeaders[c];
  const cellOf = (c: SheetColumn): Cell | undefined => {
    const at = context.header.columns[c];
    return at ? cells[at.index] : undefined;
  };
  const textOf = (c: SheetColumn) => cellText(cellOf(c));
  const problem = (c: SheetColumn, text: string) => problems.push({ row, column: headerOf(c), problem: text });
  const required = (c: SheetColumn, label: string) => {
    if (textOf(c) === '') problem(c, messages.required(label));
    return textOf(c);
  };

  // Community, by its 12-digit division code.
  const divisionCode = required('divisionCode', ledgerSheetHeaders.divisionCode).normalize('NFKC');
  let community: string | undefined;
  if (divisionCode && !/^\d{12}$/.test(divisionCode)) problem('divisionCode', messages.divisionCodeFormat);
  else if (divisionCode) {
    community = context.communityOf(divisionCode);
    if (!community) problem('divisionCode', ledgerImportMessages.unknownCommunity(divisionCode));
  }

  const title = required('title', LEDGER_LABELS.title);
  if (title.length > MAX_TEXT) problem('title', ledgerImportMessages.tooLong(LEDGER_LABELS.title, MAX_TEXT));
  const place = textOf('place');
  if (place.length > MAX_TEXT) problem('place', ledgerImportMessages.tooLong(LEDGER_LABELS.place, MAX_TEXT));

  let activityDate: string | undefined;
  if (required('activityDate', LEDGER_LABELS.activityDate)) {
    activityDate = parseSheetDate(cellOf('activityDate'));
    if (!activityDate) problem('activityDate', ledgerImportMessages.badImportDate(LEDGER_LABELS.activityDate));
  }

  const choice = (c: SheetColumn, label: string, choices: Map<string, string>, value: string) => {
    const found = choices.get(value) ?? choices.get(value.normalize('NFKC'));
    if (!found) problem(c, ledgerImportMessages.unknownChoice(label, value, labelsOf(choices)));
    return found;
  };
  const focusText = required('serviceFocus', LEDGER_LABELS.serviceFocus);
  const serviceFocus = focusText ? choice('serviceFocus', LEDGER_LABELS.serviceFocus, FOCUS, focusText) : undefined;
  const serviceTypes = splitList(textOf('serviceTypes')).map((v) => choice('serviceTypes', LEDGER_LABELS.serviceTypes, SERVICE_TYPES, v));
  const teamTypes = splitList(textOf('teamTypes')).map((v) => choice('teamTypes', LEDGER_LABELS.teamTypes, TEAM_TYPES, v));

  const counts: Partial<Record<'volunteersCount' | 'peopleServed' | 'serviceHours', number>> = {};
  for (const c of ['volunteersCount', 'peopleServed', 'serviceHours'] as const) {
    const n = parseSheetNumber(cellOf(c));
    if (n === 'invalid') problem(c, messages.notNumber(LEDGER_LABELS[c]));
    else if (n !== undefined) counts[c] = n;
  }

  let publish = context.publishByDefault;
  const publishText = textOf('publish');
  if (publishText) {
    if (/^(是|y|yes|true|1|发布|已发布)$/i.test(publishText)) publish = true;
    else if (/^(否|n|no|false|0|草稿|不发布)$/i.test(publishText)) publish = false;
    else problem('publish', ledgerImportMessages.badYesNo(headerOf('publish')));
  }
  if (publish && !context.mayPublish) problem('publish', ledgerImportMessages.noPublishPermission);

  if (problems.length || !community || !activityDate || !serviceFocus) return { ok: false, row, problems };
  const key = importKeyOf(divisionCode, activityDate, title, place, textOf('ledgerNumber'));
  const description = paragraphsOf(textOf('description'));
  return {
    ok: true,
    row,
    key,
    publish,
    data: {
      title,
      community,
      activityDate,
      serviceFocus,
      serviceTypes: [...new Set(serviceTypes as string[])].map((kind) => ({ kind })),
      teamTypes: [...new Set(teamTypes as string[])].map((kind) => ({ kind })),
      ...counts,
      ...(place ? { place } : {}),
      ...(description?.length ? { description } : {}),
      importKey: key,
    },
  };
}

// The column a CMS validation error names (its path's first field), as headed in the file.
export function columnOfField(field: string | undefined, header: HeaderMatch): string {
  const column = (field === 'community' ? 'divisionCode' : field) as SheetColumn | undefined;
  if (!column || !(column in ledgerSheetHeaders)) return '';
  return header.columns[column]?.header ?? ledgerSheetHeaders[column];
}
