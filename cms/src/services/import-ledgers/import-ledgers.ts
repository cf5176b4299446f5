import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { publishIssues, writeIssues, type Issue } from '../../document-middlewares/validate-content';
import { findSpamIssues } from '../../document-middlewares/refuse-spam';
import { ledgerImportMessages } from '../../domain/vocabulary';
import { createIdReserver, loadInverseOrders, writeDocumentsInBulk, type BulkContext, type RowPair } from '../../seed/write-documents-in-bulk';
import { matchHeaderRow, type HeaderMatch } from './ledger-sheet';
import { cellText, columnOfField, mapLedgerRow, type MappedRow, type RowProblem } from './map-ledger-row';
import { readSheetRows, SheetFileError, type Cell } from './read-sheet';

// Imports a community's ledger sheet. Every row first meets exactly the checks an editor's form
// meets — the validate-content and refuse-spam middlewares' own functions, then Strapi's entity
// validator, as a draft or for publishing — and the rows that pass are written in bulk
// (write-documents-in-bulk.ts, the rows the document service would leave), a batch of 100 in
// one transaction: a row is written whole (ledger, components, community link, publication) or
// not at all. Should a batch fail as a whole (an unexpected database error), its rows are written
// again one by one through the document service, each behind a savepoint, so one bad row never
// costs its neighbours. The bulk path fires no webhooks: one event tells the publisher at the end.

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
type ValidRow = Extract<MappedRow, { ok: true }>;
// A row that passed every check, with the data to write as the middlewares and validator left it.
interface CheckedRow { row: ValidRow; data: Record<string, unknown> }
interface Communities { byCode: Map<string, string>; rows: Map<string, RowPair> }

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

// 2. The communities the file names, by division code, in one query per chunk, with the ids of
//    their draft and published rows (ledgers link draft to draft, published to published).
async function findCommunities(strapi: Core.Strapi, { header, rows }: SheetRows): Promise<Communities> {
  const at = header.columns.divisionCode!.index;
  const codes = [...new Set(rows.map((r) => cellText(r.cells[at]).normalize('NFKC')).filter((c) => /^\d{12}$/.test(c)))];
  const found: Communities = { byCode: new Map(), rows: new Map() };
  for (const part of chunks(codes, LOOKUP_CHUNK)) {
    const communities = await strapi.db.query(COMMUNITY).findMany({ select: ['divisionCode', 'documentId'], where: { divisionCode: { $in: part } } });
    for (const c of communities) found.byCode.set(c.divisionCode, c.documentId);
  }
  for (const part of chunks([...new Set(found.byCode.values())], LOOKUP_CHUNK)) {
    const versions = await strapi.db.query(COMMUNITY).findMany({ select: ['id', 'documentId', 'publishedAt'], where: { documentId: { $in: part } } });
    for (const v of versions) {
      const pair = found.rows.get(v.documentId) ?? { documentId: v.documentId, draftId: 0, publishedId: null };
      if (v.publishedAt) pair.publishedId = v.id;
      else pair.draftId = v.id;
      found.rows.set(v.documentId, pair);
    }
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

const problemsOfIssues = (issues: Issue[], row: number, header: HeaderMatch): RowProblem[] =>
  issues.map((i) => ({ row, column: columnOfField(i.path[0], header), problem: i.message }));

// 4. The document service's checks of one row, in its order: validate-content's and refuse-spam's
//    create rules, Strapi's validation of the draft; then, for a row to publish, validate-content's
//    publish rules on the draft as it will be stored, refuse-spam's (the same text) and Strapi's
//    validation of the published version. The first failing step's problems are the row's, as
//    the dashboard would show them.
async function checkRow(strapi: Core.Strapi, row: ValidRow, communityRowId: number, header: HeaderMatch): Promise<CheckedRow | RowProblem[]> {
  const data: Record<string, unknown> = structuredClone(row.data) as never;
  const model = strapi.contentType(LEDGER);
  // validate-content fills the fields it derives into `data`, as it does for the document service.
  let issues = await writeIssues(strapi, LEDGER, data, undefined, true);
  if (issues.length === 0) issues = findSpamIssues(strapi, LEDGER, data);
  if (issues.length) return problemsOfIssues(issues, row.row, header);
  // The community was found by division code; the validator's own relation check is a lookup of it.
  const { community, ...fields } = data;
  const validate = async (isDraft: boolean) => (await strapi.entityValidator.validateEntityCreation(model, fields as never, { isDraft } as never)) as Record<string, unknown>;
  let valid: Record<string, unknown>;
  try {
    // Validating a draft leaves out rules (required, min, regex, unique) and adds none: a row that
    // passes as published passes as a draft too, so the draft's validation (~1 ms a row) only
    // runs when the published one fails, to report what the document service would report first.
    const published = row.publish ? await validate(false).catch((error: unknown) => error as Error) : undefined;
    valid = published && !(published instanceof Error) ? published : await validate(true);
    if (row.publish) {
      issues = await publishIssues(strapi, LEDGER, { ...valid, community: { id: communityRowId }, photos: [] }, undefined);
      if (issues.length === 0) issues = findSpamIssues(strapi, LEDGER, valid);
      if (issues.length) return problemsOfIssues(issues, row.row, header);
      if (published instanceof Error) throw published;
    }
  } catch (error) {
    if (!(error instanceof errors.ValidationError)) throw error;
    return problemsOfError(error, row.row, header);
  }
  return { row, data: { ...valid, community } };
}

// 5a. The checked rows of a batch in one transaction, in bulk.
async function writeBatchInBulk(strapi: Core.Strapi, batch: CheckedRow[], communities: Communities): Promise<RowPair[]> {
  const now = new Date();
  return strapi.db.transaction(async ({ trx }) => {
    const ctx: BulkContext = { trx, targets: communities.rows, reserveIds: createIdReserver(strapi, trx), inverseOrder: new Map() };
    const targetRows = new Set<number>();
    for (const { data } of batch) {
      const pair = communities.rows.get(String(data.community));
      if (pair) targetRows.add(pair.draftId);
    }
    await loadInverseOrders(strapi, LEDGER, 'community', [...targetRows], ctx);
    const documents = batch.map(({ row, data }) => ({ data, createdAt: now, updatedAt: now, publishedAt: row.publish ? now : null }));
    return writeDocumentsInBulk(strapi, LEDGER, documents, ctx);
  });
}

// 5b. A batch the bulk write failed: one transaction, each row through the document service
//     behind its own savepoint.
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

// 6. The bulk path fires none of the document service's per-entry events: one event in the same
//    shape (model, uid, an entry named by document id, nothing personal) goes to Strapi's event
//    hub, whose webhook runner tells the publisher to rebuild.
async function announceImport(strapi: Core.Strapi, written: { documentId: string; published: boolean }): Promise<void> {
  const model = strapi.getModel(LEDGER);
  try {
    await strapi.eventHub.emit(written.published ? 'entry.publish' : 'entry.create', { model: model.modelName, uid: LEDGER, entry: { documentId: written.documentId } });
  } catch (error) {
    strapi.log.warn(`[shequ] ledger import: could not announce the import: ${(error as Error)?.message ?? error}`);
  }
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
  const context = { header: sheet.header, communityOf: (code: string) => communities.byCode.get(code), publishByDefault: publish, mayPublish };

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
  let lastWritten: { documentId: string; published: boolean } | undefined;
  for (const batch of chunks(valid, BATCH)) {
    const checked: CheckedRow[] = [];
    for (const row of batch) {
      const result = await checkRow(strapi, row, communities.rows.get(row.data.community)?.draftId ?? 0, sheet.header);
      if (Array.isArray(result)) {
        report.rejected += 1;
        report.problems.push(...result);
      } else checked.push(result);
    }
    try {
      const pairs = await writeBatchInBulk(strapi, checked, communities);
      report.imported += checked.length;
      report.published += checked.filter((c) => c.row.publish).length;
      if (pairs.length) lastWritten = { documentId: pairs.at(-1)!.documentId, published: (lastWritten?.published ?? false) || checked.some((c) => c.row.publish) };
    } catch (error) {
      strapi.log.warn(`[shequ] ledger import: bulk write of rows ${checked[0]?.row.row}–${checked.at(-1)?.row.row} failed, writing them one by one: ${(error as Error)?.stack ?? error}`);
      await writeBatch(strapi, checked.map((c) => c.row), sheet.header, report);
    }
    done += batch.length;
    onProgress({ done, total: report.total });
    await yieldToEventLoop();
  }
  if (lastWritten) await announceImport(strapi, lastWritten);
  report.problems.sort((a, b) => a.row - b.row);
  report.skippedRows.sort((a, b) => a.row - b.row);
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  strapi.log.info(`[shequ] ledger import of ${fileName}: ${report.imported} imported, ${report.skipped} skipped, ${report.rejected} rejected of ${report.total} rows in ${report.seconds} s`);
  return report;
}
