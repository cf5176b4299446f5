import fs from 'node:fs';
import path from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import { repoRoot } from '../lib/paths.ts';

// Writes docs/ledger-import/台账模板.xlsx from 台账模板.csv (the one hand-kept template), so both
// templates always have the same columns and example rows:
//   node scripts/ledger-import/write-template-xlsx.ts

const folder = path.join(repoRoot, 'docs', 'ledger-import');

// RFC 4180 fields: quotes, doubled quotes, line breaks inside quotes.
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

async function run(): Promise<void> {
  // 1. The CSV template, without its BOM; line breaks inside cells as Excel keeps them.
  const [header, ...examples] = parseCsv(fs.readFileSync(path.join(folder, '台账模板.csv'), 'utf8').replace(/^\uFEFF/, '')).map((r) => r.map((v) => v.replace(/\r\n/g, '\n')));
  // 2. The same rows as a sheet: bold headers, text cells (so 12-digit codes keep every digit).
  const sheet = [header.map((value) => ({ value, fontWeight: 'bold' as const })), ...examples.map((r) => r.map((value) => ({ value, type: String })))];
  const columns = header.map((h) => ({ width: h === '活动记录' ? 60 : h === '活动名称' || h === '活动地点' ? 28 : 16 }));
  await writeXlsxFile(sheet, { columns, sheet: '活动台账' }).toFile(path.join(folder, '台账模板.xlsx'));
  console.log(`wrote ${path.join(folder, '台账模板.xlsx')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
