import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { dataDir } from '../lib/paths.ts';

// `npm run import:ledgers -- <file.xlsx|file.csv> [--publish]` imports a community's ledger sheet
// into the running CMS through the same admin route as the dashboard's 导入台账 page, printing
// progress and the report (行, 列, 问题). Exit code: 0 when every row was imported or already
// there, 1 when some rows were rejected (the others are imported), 2 when nothing could be
// imported (file refused, login failed, CMS unreachable).
// CMS_URL (default http://127.0.0.1:$CMS_PORT); the login from SHEQU_ADMIN_EMAIL and
// SHEQU_ADMIN_PASSWORD, else from the data folder's admin-credentials.json.

const progressLine = z.object({ type: z.literal('progress'), done: z.number(), total: z.number() });
const problem = z.object({ row: z.number(), column: z.string(), problem: z.string() });
const report = z.object({
  fileName: z.string(),
  total: z.number(),
  imported: z.number(),
  skipped: z.number(),
  rejected: z.number(),
  published: z.number(),
  problems: z.array(problem),
  skippedRows: z.array(z.object({ row: z.number(), reason: z.string() })),
  seconds: z.number(),
});
const reportLine = z.object({ type: z.literal('report'), report });
const errorLine = z.object({ type: z.literal('error'), message: z.string() });
const streamLine = z.discriminatedUnion('type', [progressLine, reportLine, errorLine]);
const credentials = z.object({ email: z.string(), password: z.string() });
const loginAnswer = z.object({ data: z.object({ token: z.string().optional(), accessToken: z.string().optional() }) });
const errorAnswer = z.object({ error: z.object({ message: z.string() }) });
export type ImportReport = z.output<typeof report>;

class ImportRefused extends Error {}

interface Options { file: string; publish: boolean; cmsUrl: string }

function readOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const args = argv.filter((a) => !a.startsWith('--'));
  if (args.length !== 1) throw new ImportRefused('用法: npm run import:ledgers -- <台账文件.xlsx|.csv> [--publish]');
  return { file: path.resolve(args[0]), publish: argv.includes('--publish'), cmsUrl: (env.CMS_URL ?? `http://127.0.0.1:${env.CMS_PORT ?? 1337}`).replace(/\/$/, '') };
}

function adminLogin(env: NodeJS.ProcessEnv): z.output<typeof credentials> {
  if (env.SHEQU_ADMIN_EMAIL && env.SHEQU_ADMIN_PASSWORD) return { email: env.SHEQU_ADMIN_EMAIL, password: env.SHEQU_ADMIN_PASSWORD };
  const file = path.join(dataDir(env), 'admin-credentials.json');
  if (!fs.existsSync(file)) throw new ImportRefused(`no admin login: set SHEQU_ADMIN_EMAIL and SHEQU_ADMIN_PASSWORD (no ${file})`);
  return credentials.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

async function logIn(cmsUrl: string, login: z.output<typeof credentials>): Promise<string> {
  const res = await fetch(`${cmsUrl}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(login) });
  const answer = loginAnswer.safeParse(await res.json().catch(() => null));
  const token = answer.success ? (answer.data.data.token ?? answer.data.data.accessToken) : undefined;
  if (!res.ok || !token) throw new ImportRefused(`admin login as ${login.email} failed (HTTP ${res.status})`);
  return token;
}

function drawProgress(done: number, total: number): void {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  const text = `导入进度 ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total}`;
  if (process.stdout.isTTY) process.stdout.write(`\r${text}${done === total ? '\n' : ''}`);
  else console.log(text);
}

// Posts the file and follows the progress lines until the report arrives.
async function postSheet(options: Options, token: string): Promise<ImportReport> {
  const form = new FormData();
  form.append('publish', String(options.publish));
  form.append('files', new Blob([fs.readFileSync(options.file)]), path.basename(options.file));
  const res = await fetch(`${options.cmsUrl}/ledger-import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, accept: 'application/x-ndjson' }, body: form });
  if (!res.ok || !res.body) {
    const answer = errorAnswer.safeParse(await res.json().catch(() => null));
    throw new ImportRefused(answer.success ? answer.data.error.message : `the CMS answered HTTP ${res.status}`);
  }
  let buffered = '';
  for await (const chunk of res.body.pipeThrough(new TextDecoderStream())) {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = streamLine.parse(JSON.parse(buffered.slice(0, newline)));
      buffered = buffered.slice(newline + 1);
      if (line.type === 'progress') drawProgress(line.done, line.total);
      else if (line.type === 'error') throw new ImportRefused(line.message);
      else return line.report;
    }
  }
  throw new ImportRefused('the CMS closed the connection before sending the report');
}

function printReport(r: ImportReport): void {
  console.log(`\n${r.fileName}: 共 ${r.total} 行，导入 ${r.imported} 行（其中发布 ${r.published} 行），已存在跳过 ${r.skipped} 行，有问题未导入 ${r.rejected} 行，用时 ${r.seconds} 秒`);
  if (r.problems.length) {
    console.log('\n未导入的行（行 | 列 | 问题）:');
    for (const p of r.problems) console.log(`  第 ${p.row} 行 | ${p.column || '—'} | ${p.problem}`);
  }
  if (r.skippedRows.length) {
    console.log('\n跳过的行:');
    for (const s of r.skippedRows) console.log(`  第 ${s.row} 行 | ${s.reason}`);
  }
}

async function run(): Promise<void> {
  try {
    // 1. What to import, and where.
    const options = readOptions(process.argv.slice(2), process.env);
    if (!fs.existsSync(options.file)) throw new ImportRefused(`文件不存在: ${options.file}`);
    // 2. Log in to the dashboard's API as an editor.
    const token = await logIn(options.cmsUrl, adminLogin(process.env));
    // 3. Send the sheet and follow the progress.
    const result = await postSheet(options, token);
    // 4. Print the report; rejected rows make the exit code 1.
    printReport(result);
    process.exitCode = result.rejected > 0 ? 1 : 0;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    console.error(`导入失败: ${error instanceof ImportRefused ? error.message : cause === 'ECONNREFUSED' ? `the CMS is not reachable (${cause})` : (error as Error).message}`);
    process.exitCode = 2;
  }
}

await run();
