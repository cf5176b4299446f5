import { ledgerImportMessages, ledgerSheetHeaderAliases, ledgerSheetHeaders } from '../../domain/vocabulary';

// The ledger sheet's layout: which columns exist, which are required, and how a header row is
// matched to them. Shared by the importer and the dashboard page (its template download), so
// the template and the importer cannot disagree.

export type SheetColumn = keyof typeof ledgerSheetHeaders;

export const SHEET_COLUMNS = Object.keys(ledgerSheetHeaders) as SheetColumn[];
export const REQUIRED_COLUMNS: SheetColumn[] = ['divisionCode', 'title', 'activityDate', 'serviceFocus'];

// Two example rows for the template: every column filled, in the forms editors use.
export const TEMPLATE_EXAMPLE_ROWS: string[][] = [
  ['420102002003', '和平社区上门探访空巢老人', '2026/3/5', '空巢老人', '日常陪护、代购', '党员志愿服务队；青年志愿服务队', '12', '35', '24', '和平社区党群服务中心', '志愿者分组上门探访独居老人，帮助打扫卫生、代购生活用品。\n为行动不便的老人测量血压并登记健康情况。', '否', ''],
  ['420102002003', '和平社区四点半学校开课', '2026年3月6日', '未成年人', '学业辅导', '教师志愿服务队', '6', '28', '12.5', '社区四点半课堂', '退休教师为放学后的孩子辅导作业。', '', ''],
];

// Headers compare after Unicode compatibility folding (full-width brackets and digits), without
// spaces and without the "required" marks editors add (*, （必填）).
export function normalizeHeader(raw: unknown): string {
  return String(raw ?? '')
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/\((必填|选填)\)$/, '');
}

const HEADER_LOOKUP: Map<string, SheetColumn> = new Map([
  ...SHEET_COLUMNS.map((c) => [normalizeHeader(ledgerSheetHeaders[c]), c] as const),
  ...Object.entries(ledgerSheetHeaderAliases).map(([alias, c]) => [normalizeHeader(alias), c] as const),
]);

export interface HeaderMatch {
  // Column → its index in the row and the header as written in the file (for the report).
  columns: Partial<Record<SheetColumn, { index: number; header: string }>>;
}

// Matches a header row; any unknown, duplicate or missing required column is a file-level error.
export function matchHeaderRow(cells: unknown[]): HeaderMatch | { error: string } {
  const columns: HeaderMatch['columns'] = {};
  const unknown: string[] = [];
  const duplicate: string[] = [];
  cells.forEach((cell, index) => {
    const header = String(cell ?? '').trim();
    if (!header) return;
    const column = HEADER_LOOKUP.get(normalizeHeader(header));
    if (!column) unknown.push(header);
    else if (columns[column]) duplicate.push(header);
    else columns[column] = { index, header };
  });
  if (unknown.length) return { error: ledgerImportMessages.unknownColumns(unknown, SHEET_COLUMNS.map((c) => ledgerSheetHeaders[c])) };
  if (duplicate.length) return { error: ledgerImportMessages.duplicateColumns(duplicate) };
  const missing = REQUIRED_COLUMNS.filter((c) => !columns[c]).map((c) => ledgerSheetHeaders[c]);
  if (missing.length) return { error: ledgerImportMessages.missingColumns(missing) };
  return { columns };
}

// The template as CSV text (UTF-8 with BOM, so Excel opens it in Chinese).
export function templateCsv(): string {
  const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const header = SHEET_COLUMNS.map((c) => ledgerSheetHeaders[c]);
  return `\uFEFF${[header, ...TEMPLATE_EXAMPLE_ROWS].map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`;
}
