import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchHeaderRow, SHEET_COLUMNS, TEMPLATE_EXAMPLE_ROWS, templateCsv, type HeaderMatch } from '../../cms/src/services/import-ledgers/ledger-sheet.ts';
import { importKeyOf, mapLedgerRow, parseSheetDate, parseSheetNumber, splitList } from '../../cms/src/services/import-ledgers/map-ledger-row.ts';
import { decodeCsvBytes, parseCsvText, readSheetRows } from '../../cms/src/services/import-ledgers/read-sheet.ts';
import { ledgerSheetHeaders } from '../../cms/src/domain/vocabulary.ts';
import { encodeGb18030 } from '../support/gb18030.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const HEADERS = SHEET_COLUMNS.map((c) => ledgerSheetHeaders[c]);
const header = matchHeaderRow(HEADERS) as HeaderMatch;
const context = { header, communityOf: (code: string) => (code === '420102002003' ? 'doc-heping' : undefined), publishByDefault: false, mayPublish: true };
const rowWith = (values: Partial<Record<(typeof SHEET_COLUMNS)[number], string | number | Date>>) =>
  SHEET_COLUMNS.map((c) => values[c] ?? null) as Array<string | number | Date | null>;
const good = { divisionCode: '420102002003', title: '探访空巢老人', activityDate: '2026-03-05', serviceFocus: '空巢老人' };

describe('the ledger sheet header', () => {
  it('accepts the template headers, older names and full-width or starred variants', () => {
    expect('error' in header).toBe(false);
    const m = matchHeaderRow([' 社区区划代码* ', '活动名称', '活动日期', '服务领域', '服务人数', '服务时长(小时)', '活动内容']) as HeaderMatch;
    expect(m.columns.serviceFocus).toEqual({ index: 3, header: '服务领域' });
    expect(m.columns.peopleServed?.index).toBe(4);
    expect(m.columns.serviceHours?.index).toBe(5);
    expect(m.columns.description?.index).toBe(6);
  });

  it('refuses unknown, duplicate and missing required columns in Chinese', () => {
    expect(matchHeaderRow([...HEADERS, '备注'])).toEqual({ error: expect.stringContaining('无法识别的列：备注') });
    expect(matchHeaderRow([...HEADERS, '活动名称'])).toEqual({ error: expect.stringContaining('重复的列：活动名称') });
    expect(matchHeaderRow(['社区区划代码', '活动名称'])).toEqual({ error: expect.stringContaining('缺少必填列：活动日期、服务重点') });
  });

  it('matches the committed CSV template, which the dashboard also offers', () => {
    const committed = parseCsvText(decodeCsvBytes(fs.readFileSync(path.join(repo, 'docs/ledger-import/台账模板.csv'))));
    const normalize = (rows: unknown[][]) => rows.map((r) => r.map((v) => String(v ?? '').replace(/\r\n/g, '\n')));
    expect(normalize(committed)).toEqual(normalize([HEADERS, ...TEMPLATE_EXAMPLE_ROWS]));
    expect(normalize(parseCsvText(decodeCsvBytes(Buffer.from(templateCsv()))))).toEqual(normalize(committed));
  });
});

describe('reading sheet files', () => {
  it('decodes UTF-8 with and without BOM, UTF-16 and GB18030 (Chinese Excel) CSV', () => {
    const text = '活动名称,服务重点\r\n探访老人,空巢老人\r\n';
    expect(decodeCsvBytes(Buffer.from(`\uFEFF${text}`))).toBe(text);
    expect(decodeCsvBytes(Buffer.from(text))).toBe(text);
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
    expect(decodeCsvBytes(encodeGb18030(text))).toBe(text);
  });

  it('reads tab-separated text as Excel exports it', () => {
    expect(parseCsvText('活动名称\t活动日期\n探访, 老人\t2026-03-05\n')).toEqual([['活动名称', '活动日期'], ['探访, 老人', '2026-03-05']]);
  });

  it('reads the committed .xlsx template with the same rows as the CSV', async () => {
    const rows = await readSheetRows(fs.readFileSync(path.join(repo, 'docs/ledger-import/台账模板.xlsx')), '台账模板.xlsx');
    expect(rows[0]).toEqual(HEADERS);
    expect(rows[1][1]).toBe(TEMPLATE_EXAMPLE_ROWS[0][1]);
  });

  it('refuses old .xls files, other files and broken workbooks with Chinese messages', async () => {
    await expect(readSheetRows(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), 'a.xls')).rejects.toThrow('旧版 .xls');
    await expect(readSheetRows(Buffer.from('x'), 'a.pdf')).rejects.toThrow('不支持的文件');
    await expect(readSheetRows(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'a.xlsx')).rejects.toThrow('无法读取该 Excel 文件');
    await expect(readSheetRows(Buffer.alloc(0), 'a.csv')).rejects.toThrow('没有内容');
  });
});

describe('sheet cells', () => {
  it('reads dates as editors write them and as Excel stores them', () => {
    for (const v of ['2026-03-05', '2026/3/5', '2026年3月5日', '2026.3.5', '20260305', ' 2026 年 3 月 5 日 ', '２０２６-０３-０５', 46086, new Date(Date.UTC(2026, 2, 5))]) {
      expect(parseSheetDate(v), String(v)).toBe('2026-03-05');
    }
    for (const v of ['2026-02-30', '3/5/2026', '昨天', '', 46086.5, -1]) expect(parseSheetDate(v), String(v)).toBeUndefined();
  });

  it('reads numbers with units and full-width digits, and tells what is not a number', () => {
    expect(parseSheetNumber('12')).toBe(12);
    expect(parseSheetNumber('１２人')).toBe(12);
    expect(parseSheetNumber('12.5小时')).toBe(12.5);
    expect(parseSheetNumber('-3')).toBe(-3);
    expect(parseSheetNumber(7)).toBe(7);
    expect(parseSheetNumber('')).toBeUndefined();
    expect(parseSheetNumber('十二')).toBe('invalid');
  });

  it('splits lists on 、 ； and commas, without repeats', () => {
    expect(splitList('日常陪护、代购；心理咨询,代购')).toEqual(['日常陪护', '代购', '心理咨询']);
  });
});

describe('a sheet row as a ledger', () => {
  it('maps Chinese labels back to the stored values and text to paragraphs', () => {
    const m = mapLedgerRow(rowWith({ ...good, serviceTypes: '日常陪护、代购', teamTypes: '党员志愿服务队；青年志愿服务队', volunteersCount: '12', peopleServed: 35, serviceHours: '24.5', place: '党群服务中心', description: '第一段\n\n第二段', publish: '是' }), 2, context);
    expect(m).toMatchObject({
      ok: true,
      publish: true,
      data: {
        title: '探访空巢老人', community: 'doc-heping', activityDate: '2026-03-05', serviceFocus: 'empty_nest_elderly',
        serviceTypes: [{ kind: 'daily_companionship' }, { kind: 'shopping_errands' }], teamTypes: [{ kind: 'party_member' }, { kind: 'youth' }],
        volunteersCount: 12, peopleServed: 35, serviceHours: 24.5, place: '党群服务中心',
        description: [{ type: 'paragraph', children: [{ type: 'text', text: '第一段' }] }, { type: 'paragraph', children: [{ type: 'text', text: '第二段' }] }],
      },
    });
  });

  it('reports every problem of a row with its row, column and a Chinese message', () => {
    const m = mapLedgerRow(rowWith({ divisionCode: '999999999999', activityDate: '2026/2/30', serviceFocus: '老人', serviceTypes: '日常陪护、跳舞', volunteersCount: '很多', publish: '也许' }), 7, context);
    expect(m.ok).toBe(false);
    const problems = m.ok ? [] : m.problems;
    expect(problems).toEqual([
      { row: 7, column: '社区区划代码', problem: expect.stringContaining('找不到区划代码为 999999999999 的社区档案') },
      { row: 7, column: '活动名称', problem: '「活动名称」不能为空' },
      { row: 7, column: '活动日期', problem: expect.stringContaining('不是有效日期') },
      { row: 7, column: '服务重点', problem: expect.stringContaining('「老人」无法识别，可选：空巢老人、未成年人、弱势群体、助残、其他') },
      { row: 7, column: '服务类型', problem: expect.stringContaining('「跳舞」无法识别') },
      { row: 7, column: '志愿者人数', problem: '「志愿者人数」必须是数字' },
      { row: 7, column: '是否发布', problem: expect.stringContaining('只能填“是”或“否”') },
    ]);
  });

  it('refuses rows asking to be published by a user who may not publish', () => {
    const m = mapLedgerRow(rowWith({ ...good, publish: '是' }), 4, { ...context, mayPublish: false });
    expect(m.ok ? [] : m.problems).toEqual([{ row: 4, column: '是否发布', problem: expect.stringContaining('没有发布活动台账的权限') }]);
    expect(mapLedgerRow(rowWith({ ...good, publish: '否' }), 4, { ...context, mayPublish: false }).ok).toBe(true);
  });

  it('names columns as the file heads them', () => {
    const older = matchHeaderRow(['社区区划代码', '活动名称', '活动日期', '服务领域']) as HeaderMatch;
    const m = mapLedgerRow(['420102002003', '探访', '2026-03-05', '老人'], 3, { ...context, header: older });
    expect(m.ok ? [] : m.problems.map((p) => p.column)).toEqual(['服务领域']);
  });

  it('keys a row by community, date, title and place, or by its ledger number', () => {
    const key = importKeyOf('420102002003', '2026-03-05', '探访 空巢老人', '中心', '');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(importKeyOf('420102002003', '2026-03-05', '探访空巢老人', '中心', '')).toBe(key);
    expect(importKeyOf('420102002003', '2026-03-06', '探访空巢老人', '中心', '')).not.toBe(key);
    expect(importKeyOf('420102002003', '2026-03-05', '探访空巢老人', '中心', 'TZ-1')).toBe(importKeyOf('420102002003', '2026-04-01', '改了名字', '', 'TZ-1'));
  });
});
