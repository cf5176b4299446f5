import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ledgerImportMessages } from '../../domain/vocabulary';
import { matchHeaderRow, type HeaderMatch } from './ledger-sheet';
import { cellText, columnOfField, mapLedgerRow, type MappedRow, type RowProblem } from './map-ledger-row';
import { readSheetRows, SheetFileError, type Cell } from './read-sheet';

// Imports a community's ledger sheet through the document service, so every row meets the same
// validate-content middleware as an editor's form. Rows are written in batches, each batch one
// database transaction (one transaction per row was 3.3 times slower on SQLite),
// and each row inside it behind a savepoint: a row is written whole (ledger, components,
// community link, publication) or not at all, and a bad row never undoes its neighbours.

const LEDGER = 'api::ledger.ledger';
const COMMUNITY = 'api::community.community';
export const MAX_ROWS = 20_000;
const BATCH = 100;
const LOOKUP_CHUNK = 500;

export interface ImportOptions { bytes: Buffer; fileName: string; publish: boolean; mayPublish: boolean }
export interface ImportProgress { done: number; total: number }
export interface ImportReport {
  fileName: string;
  total: number;
  imported: number;
  skipped: number;
  rejected: number;
  published: number;
  // Rows not imported: one line per problem (行, 列, 问题).
  problems: RowProblem[];
  // Rows already in the CMS (imported before, or repeated in this file).
  skippedRows: Array<{ row: number; reason: string }>;
  seconds: number;
}

export class ImportFileError extends errors.ValidationError {}

interface SheetRows { header: HeaderMatch; rows: Array<{ row: number; cells: Cell[] }> }

// 1. Rows of the file, after its header row (the first row naming 活动名称, else the first row).
async function readLedgerSheet(bytes: Buffer, fileName: string): Promise<SheetRows> {
  let cells: Cell[][];
  try {
    cells = await readSheetRows(bytes, fileName);
  } catch (error) {
    if (error instanceof SheetFileError) throw new ImportFileError(error.message);
    throw error;
  }
  const blank = (r: Cell[] | undefined) => !r || r.every((c) => cellText(c) === '');
  const firstFilled = cells.findIndex((r) => !blank(r));
  if (firstFilled < 0) throw new ImportFileError(ledgerImportMessages.emptyFile);
  const titled = cells.slice(0, 10).findIndex((r) => r?.some((c) => cellText(c).replace(/\s+/g, '') === '活动名称'));
  const headerIndex = titled >= 0 ? titled : firstFilled;
  const header = matchHeaderRow(cells[headerIndex]);
  if ('error' in header) throw new ImportFileError(header.error);
  const rows = cells.map((r, i) => ({ row: i + 1, cells: r ?? [] })).slice(headerIndex + 1).filter((r) => !blank(r.cells));
  if (rows.length === 0) throw new ImportFileError(ledgerImportMessages.noRows);
  if (rows.length > MAX_ROWS) throw new ImportFileError(ledgerImportMessages.tooManyRows(MAX_ROWS));
  return { header, rows };
}

// better-sqlite3 answers synchronously, so an import would otherwise hold the event loop from
// start to end: no progress line would leave, and the dashboard would freeze. Between batches the
// CMS gets to send, and to serve other requests.
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// 2. The communities the file names, by division code, in one query per chunk.
async function findCommunities(strapi: Core.Strapi, { header, rows }: SheetRows): Promise<Map<string, string>> {
  const at = header.columns.divisionCode!.index;
  const codes = [...new Set(rows.map((r) => cellText(r.cells[at]).normalize('NFKC')).filter((c) => /^\d{12}$/.test(c)))];
  const found = new Map<string, string>();
  for (const part of chunks(codes, LOOKUP_CHUNK)) {
    const communities = await strapi.db.query(COMMUNITY).findMany({ select: ['divisionCode', 'documentId'], where: { divisionCode: { $in: part } } });
    for (const c of communities) found.set(c.divisionCode, c.documentId);
  }
  return found;
}

// 3. Which of these keys the CMS already holds (imported earlier, draft or published).
async function findExistingKeys(strapi: Core.Strapi, keys: string[]): Promise<Set<string>> {
  const existing = new Set<string>();
  for (const part of chunks(keys, LOOKUP_CHUNK)) {
    const ledgers = await strapi.db.query(LEDGER).findMany({ select: ['importKey'], where: { importKey: { $in: part } } });
    for (const l of ledgers) existing.add(l.importKey);
  }
  return existing;
}

function problemsOfError(error: unknown, row: number, header: HeaderMatch): RowProblem[] {
  if (error instanceof errors.ValidationError) {
    const details = (error.details as { errors?: Array<{ path?: string[]; message: string }> })?.errors;
    if (details?.length) return details.map((d) => ({ row, column: columnOfField(d.path?.[0], header), problem: d.message }));
    return [{ row, column: '', problem: error.message }];
  }
  return [{ row, column: '', problem: ledgerImportMessages.writeFailed((error as Error)?.message ?? String(error)) }];
}

// 4. One batch in one transaction, each row behind its own savepoint.
async function writeBatch(strapi: Core.Strapi, batch: Array<Extract<MappedRow, { ok: true }>>, header: HeaderMatch, report: ImportReport): Promise<void> {
  await strapi.db.transaction(async ({ trx }) => {
    for (const row of batch) {
      await trx.raw('SAVEPOINT ledger_row');
      try {
        await strapi.documents(LEDGER).create({ data: row.data as never, ...(row.publish ? { status: 'published' as const } : {}) });
        await trx.raw('RELEASE SAVEPOINT ledger_row');
        report.imported += 1;
        if (row.publish) report.published += 1;
      } catch (error) {
        await trx.raw('ROLLBACK TO SAVEPOINT ledger_row');
        await trx.raw('RELEASE SAVEPOINT ledger_row');
        if (!(error instanceof errors.ValidationError)) strapi.log.warn(`[shequ] ledger import: row ${row.row} failed: ${(error as Error)?.stack ?? error}`);
        report.rejected += 1;
        report.problems.push(...problemsOfError(error, row.row, header));
      }
    }
  });
}

// Imports can run one at a time: the key check and the writes must not interleave with another
// import of the same file.
let running: Promise<unknown> = Promise.resolve();

export async function importLedgers(strapi: Core.Strapi, options: ImportOptions, onProgress: (p: ImportProgress) => void = () => {}): Promise<ImportReport> {
  const previous = running;
  let release!: () => void;
  running = new Promise<void>((resolve) => (release = resolve));
  await previous;
  try {
    return await runImport(strapi, options, onProgress);
  } finally {
    release();
  }
}

async function runImport(strapi: Core.Strapi, { bytes, fileName, publish, mayPublish }: ImportOptions, onProgress: (p: ImportProgress) => void): Promise<ImportReport> {
  const started = Date.now();
  const sheet = await readLedgerSheet(bytes, fileName);
  const communities = await findCommunities(strapi, sheet);
  const report: ImportReport = { fileName, total: sheet.rows.length, imported: 0, skipped: 0, rejected: 0, published: 0, problems: [], skippedRows: [], seconds: 0 };
  const context = { header: sheet.header, communityOf: (code: string) => communities.get(code), publishByDefault: publish, mayPublish };

  // Map every row first; rows with problems are reported and never reach the database.
  const mapped = sheet.rows.map((r) => mapLedgerRow(r.cells, r.row, context));
  const valid: Array<Extract<MappedRow, { ok: true }>> = [];
  const firstRowOfKey = new Map<string, number>();
  const existing = await findExistingKeys(strapi, [...new Set(mapped.flatMap((m) => (m.ok ? [m.key] : [])))]);
  for (const m of mapped) {
    if (m.ok === false) {
      report.rejected += 1;
      report.problems.push(...m.problems);
    } else if (existing.has(m.key)) {
      report.skipped += 1;
      report.skippedRows.push({ row: m.row, reason: ledgerImportMessages.alreadyImported });
    } else if (firstRowOfKey.has(m.key)) {
      report.skipped += 1;
      report.skippedRows.push({ row: m.row, reason: ledgerImportMessages.sameAsRow(firstRowOfKey.get(m.key)!) });
    } else {
      firstRowOfKey.set(m.key, m.row);
      valid.push(m);
    }
  }
  let done = report.total - valid.length;
  onProgress({ done, total: report.total });
  await yieldToEventLoop();
  for (const batch of chunks(valid, BATCH)) {
    await writeBatch(strapi, batch, sheet.header, report);
    done += batch.length;
    onProgress({ done, total: report.total });
    await yieldToEventLoop();
  }
  report.problems.sort((a, b) => a.row - b.row);
  report.skippedRows.sort((a, b) => a.row - b.row);
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  strapi.log.info(`[shequ] ledger import of ${fileName}: ${report.imported} imported, ${report.skipped} skipped, ${report.rejected} rejected of ${report.total} rows in ${report.seconds} s`);
  return report;
}
