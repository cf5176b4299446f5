import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { ledgerImportMessages } from '../../domain/vocabulary';

// A ledger sheet's bytes → rows of cells, as the editor sees them in Excel (row 1 first).
// .xlsx through read-excel-file (small, maintained, no advisories — not the npm `xlsx` 0.18);
// CSV in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or GB18030/GBK, which
// Chinese Excel writes by default.

export type Cell = string | number | boolean | Date | null;

export class SheetFileError extends Error {}

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

// The text of a CSV file. Without a BOM, bytes that are not valid UTF-8 are taken as GB18030
// (a superset of GBK and GB2312), the encoding of "CSV" files saved by Excel on Chinese Windows.
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export function parseCsvText(text: string): Cell[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Excel's "Unicode text" export separates with tabs; its "CSV" with commas.
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  try {
    return parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw new SheetFileError(ledgerImportMessages.unreadableCsv((error as Error).message));
  }
}

export async function readSheetRows(bytes: Buffer, fileName: string): Promise<Cell[][]> {
  if (bytes.length === 0) throw new SheetFileError(ledgerImportMessages.emptyFile);
  if (startsWith(bytes, ZIP)) {
    try {
      return (await readSheet(bytes)) as Cell[][];
    } catch {
      throw new SheetFileError(ledgerImportMessages.unreadableXlsx);
    }
  }
  if (startsWith(bytes, OLE) || !/\.(csv|txt)$/i.test(fileName)) throw new SheetFileError(ledgerImportMessages.unsupportedFile(fileName));
  return parseCsvText(decodeCsvBytes(bytes));
}
