import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAstroBuild } from '../../scripts/lib/build-and-serve-site.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { startTemporaryCms, type TemporaryCms } from '../../scripts/lib/start-temporary-cms.ts';
import { adminApi } from '../support/admin-api.ts';
import { contentDigests, treeDigests } from '../support/content-digests.ts';
import { startCms, TEST_ADMIN, type RunningCms } from '../support/start-cms.ts';
import { createTempDatabase } from '../support/temp-database.ts';

// `npm run backup` and `npm run restore` on a real CMS: seed → back up while the CMS serves and
// an editor writes → wipe → restore → the same documents, the same files, the old build token
// still valid, and a byte-identical site build. Plus the refusals: a non-empty folder or
// database, an altered archive, a wrong passphrase or key.

const ARTICLE = 'api::article.article';
const PASSPHRASE = { SHEQU_BACKUP_PASSPHRASE: 'correct horse battery staple' };
const DRAFT_PREFIX = '备份期间的草稿';

interface ScriptRun {
  code: number | null;
  output: string;
}

// The real command line, as `npm run backup|restore` runs it (with-node only picks the Node).
function runScript(script: 'create-backup' | 'restore-backup', args: string[], env: Record<string, string | undefined>): Promise<ScriptRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', path.join(repoRoot, 'scripts/backup', `${script}.ts`), ...args], { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

// The data folder's files but the live database and the backups.
const stateFiles = (dir: string) => treeDigests(dir, { skip: (rel) => /^cms\.db/.test(rel) || rel === 'backups' });

async function buildSite(cms: TemporaryCms, outDir: string): Promise<void> {
  // A fixed site address: the build must depend on the CMS content only.
  await runAstroBuild({ cmsUrl: cms.url, buildTokenFile: cms.buildTokenFile, outDir, siteUrl: 'http://shequ.test' });
}

// File by file, byte for byte; build-report.json only without its build time and the search
// index's timings (release metadata),
// and the help page only without its form token, which every build issues afresh by design.
function expectSameBuild(before: string, after: string): void {
  const a = treeDigests(before);
  const b = treeDigests(after);
  const helpPage = (dir: string) => fs.readFileSync(path.join(dir, 'help', 'index.html'), 'utf8').replace(/name="formToken" value="[^"]*"/, 'name="formToken" value=""');
  expect(helpPage(after)).toBe(helpPage(before));
  for (const digests of [a, b]) delete digests['help/index.html'];
  expect(Object.keys(a).length).toBeGreaterThan(100);
  const report = (dir: string) => {
    const { builtAt: _builtAt, searchIndex, ...rest } = JSON.parse(fs.readFileSync(path.join(dir, 'build-report.json'), 'utf8')) as Record<string, unknown> & { searchIndex?: { pages: number; shards: Array<{ shard: string; pages: number }> } };
    return { ...rest, searchIndex: { pages: searchIndex?.pages, shards: searchIndex?.shards.map((s) => [s.shard, s.pages]) } };
  };
  expect(report(after)).toEqual(report(before));
  delete a['build-report.json'];
  delete b['build-report.json'];
  expect(b).toEqual(a);
}

function onlyArchive(dir: string): string {
  const archives = fs.readdirSync(dir).filter((f) => f.endsWith('.enc'));
  expect(archives).toHaveLength(1);
  return path.join(dir, archives[0]);
}

describe('backups of a SQLite portal with demo content and pictures', () => {
  let cms: RunningCms;
  let work: string;
  let archive: string;

  beforeAll(async () => {
    cms = await startCms();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-backup-test-'));
  });
  afterAll(async () => {
    await cms?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('a backup taken while an editor writes restores the same documents, files and secrets, and the same site', async () => {
    const admin = adminApi(cms.url);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
    const before = await contentDigests(cms.url, cms.buildToken);
    expect(before.Article.count).toBeGreaterThan(0);
    expect(before.Community.count).toBeGreaterThan(0);
    const uploads = Object.keys(stateFiles(cms.dataDir)).filter((f) => f.startsWith('public/uploads/'));
    expect(uploads.length).toBeGreaterThan(5);

    // An editor saves drafts one after another for as long as the backup runs.
    const written: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const title = `${DRAFT_PREFIX} ${String(i).padStart(4, '0')}`;
        const r = await admin.create(ARTICLE, { title, channel: 'local_news', editorialDate: '2024-05-01' });
        if (r.status >= 300) throw new Error(`draft ${i}: ${r.status} ${JSON.stringify(r.json)}`);
        written.push(title);
      }
    })();
    while (written.length < 2) await new Promise((r) => setTimeout(r, 20));
    const savedBeforeBackup = written.length;
    const backup = await runScript('create-backup', ['--out', work], { ...PASSPHRASE, SHEQU_DATA_DIR: cms.dataDir, DATABASE_URL: undefined });
    writing = false;
    await writer;
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toContain('sqlite database');
    archive = onlyArchive(work);
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600);

    const siteBefore = path.join(work, 'site-before');
    await buildSite(cms, siteBefore);
    const filesBefore = stateFiles(cms.dataDir);

    // Not over a live data folder: refused, nothing touched.
    const overLive = await runScript('restore-backup', [archive], { ...PASSPHRASE, SHEQU_DATA_DIR: cms.dataDir, DATABASE_URL: undefined });
    expect(overLive.code).toBe(1);
    expect(overLive.output).toContain('is not empty');
    expect(overLive.output).toContain('Nothing was changed');
    expect(stateFiles(cms.dataDir)).toEqual(filesBefore);

    // The disk is lost: stop the CMS, wipe the data folder, restore into it.
    await cms.stopServer();
    fs.rmSync(cms.dataDir, { recursive: true, force: true });
    const restore = await runScript('restore-backup', [archive], { ...PASSPHRASE, SHEQU_DATA_DIR: cms.dataDir, DATABASE_URL: undefined });
    expect(restore.code, restore.output).toBe(0);
    // Uploads, secrets, build token, webhook secret: byte for byte.
    expect(stateFiles(cms.dataDir)).toEqual(filesBefore);

    // The CMS on the restored folder; the old build token still reads (secrets came back too).
    await cms.startServer();
    expect(fs.readFileSync(cms.buildTokenFile, 'utf8').trim()).toBe(cms.buildToken);
    expect(await contentDigests(cms.url, cms.buildToken)).toEqual(before);

    // A consistent snapshot: the drafts saved before the backup began, then an unbroken run of
    // those saved during it — never a later one without an earlier one.
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
    const drafts = await admin.list(ARTICLE, `page=1&pageSize=500&sort=title:ASC&filters[$and][0][title][$startsWith]=${encodeURIComponent(DRAFT_PREFIX)}`);
    const restored = (drafts.json.results as Array<{ title: string }>).map((d) => d.title).sort();
    expect(restored.length).toBeGreaterThanOrEqual(savedBeforeBackup);
    expect(restored).toEqual(written.slice(0, restored.length));

    const siteAfter = path.join(work, 'site-after');
    await buildSite(cms, siteAfter);
    expectSameBuild(siteBefore, siteAfter);
  });

  it('refuses an altered or truncated archive and a wrong passphrase, and creates nothing', async () => {
    const target = path.join(work, 'restore-target');
    const leftovers = () => fs.readdirSync(work).filter((f) => f.includes('restore-target'));
    const bytes = fs.readFileSync(archive);

    const altered = path.join(work, 'altered.enc');
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)] ^= 0x01;
    fs.writeFileSync(altered, flipped);
    const r1 = await runScript('restore-backup', [altered], { ...PASSPHRASE, SHEQU_DATA_DIR: target, DATABASE_URL: undefined });
    expect(r1.code).toBe(1);
    expect(r1.output).toContain('has been altered or damaged');

    const truncated = path.join(work, 'truncated.enc');
    fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
    const r2 = await runScript('restore-backup', [truncated], { ...PASSPHRASE, SHEQU_DATA_DIR: target, DATABASE_URL: undefined });
    expect(r2.code).toBe(1);
    expect(r2.output).toContain('truncated');

    const r3 = await runScript('restore-backup', [archive], { SHEQU_BACKUP_PASSPHRASE: 'not the right passphrase', SHEQU_DATA_DIR: target, DATABASE_URL: undefined });
    expect(r3.code).toBe(1);
    expect(r3.output).toContain('wrong passphrase');

    expect(leftovers()).toEqual([]);
  });

  it('without a passphrase, the first backup makes a key file, and restore needs a copy of it', async () => {
    const out = path.join(work, 'keyed');
    const backup = await runScript('create-backup', ['--out', out], { SHEQU_BACKUP_PASSPHRASE: undefined, SHEQU_DATA_DIR: cms.dataDir, DATABASE_URL: undefined });
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toContain('A NEW BACKUP KEY was made');
    const keyFile = path.join(cms.dataDir, 'backup-key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const keyed = onlyArchive(out);
    const target = path.join(work, 'keyed-target');

    const withoutKey = await runScript('restore-backup', [keyed], { SHEQU_BACKUP_PASSPHRASE: undefined, SHEQU_DATA_DIR: target, DATABASE_URL: undefined });
    expect(withoutKey.code).toBe(1);
    expect(withoutKey.output).toContain('--key-file');
    const otherKey = path.join(work, 'other-key');
    fs.writeFileSync(otherKey, Buffer.alloc(32, 7).toString('base64url'));
    const wrongKey = await runScript('restore-backup', [keyed, '--key-file', otherKey], { SHEQU_BACKUP_PASSPHRASE: undefined, SHEQU_DATA_DIR: target, DATABASE_URL: undefined });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.output).toContain('wrong key');
    expect(fs.existsSync(target)).toBe(false);

    const copy = path.join(work, 'backup-key-copy');
    fs.copyFileSync(keyFile, copy);
    const restore = await runScript('restore-backup', [keyed, '--key-file', copy], { SHEQU_BACKUP_PASSPHRASE: undefined, SHEQU_DATA_DIR: target, DATABASE_URL: undefined });
    expect(restore.code, restore.output).toBe(0);
    // The key itself travels in the archive, so the restored portal keeps the key the operator holds.
    expect(stateFiles(target)).toEqual(stateFiles(cms.dataDir));
    expect(fs.existsSync(path.join(target, 'cms.db'))).toBe(true);
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('backups of a PostgreSQL portal', () => {
  let cms: TemporaryCms;
  let databaseUrl: string;
  let work: string;

  beforeAll(async () => {
    const database = await createTempDatabase(serverUrl!);
    databaseUrl = database.url;
    cms = await startTemporaryCms({
      env: { SHEQU_ADMIN_EMAIL: TEST_ADMIN.email, SHEQU_ADMIN_PASSWORD: TEST_ADMIN.password, SHEQU_DEMO_CONTENT: 'none' },
      databaseUrl,
      quiet: !process.env.SHEQU_TEST_VERBOSE,
      onStop: database.drop,
    });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-backup-pg-test-'));
  });
  afterAll(async () => {
    await cms?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  // Drops the CMS's database and makes it again, empty, under the same name.
  async function emptyDatabase(): Promise<void> {
    const name = new URL(databaseUrl).pathname.slice(1);
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
  }

  it('goes through pg_dump and pg_restore into an empty database, and refuses a non-empty one', async () => {
    const admin = adminApi(cms.url);
    await admin.login(TEST_ADMIN.email, TEST_ADMIN.password);
    for (const title of ['备份测试文章一', '备份测试文章二']) {
      const created = await admin.create(ARTICLE, { title, channel: 'local_news', editorialDate: '2024-05-01' });
      expect(created.status, JSON.stringify(created.json)).toBeLessThan(300);
      const published = await admin.publish(ARTICLE, created.json.data.documentId);
      expect(published.status, JSON.stringify(published.json)).toBeLessThan(300);
    }
    const token = fs.readFileSync(cms.buildTokenFile, 'utf8').trim();
    const before = await contentDigests(cms.url, token);
    expect(before.Article.count).toBe(2);

    const backup = await runScript('create-backup', ['--out', work], { ...PASSPHRASE, SHEQU_DATA_DIR: cms.dataDir, DATABASE_URL: databaseUrl });
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toContain('postgres database');
    const archive = onlyArchive(work);
    const filesBefore = stateFiles(cms.dataDir);

    // An empty folder is not enough: the database must be empty too.
    const target = path.join(work, 'target');
    const overLive = await runScript('restore-backup', [archive], { ...PASSPHRASE, SHEQU_DATA_DIR: target, DATABASE_URL: databaseUrl });
    expect(overLive.code).toBe(1);
    expect(overLive.output).toContain('is not empty');
    expect(fs.existsSync(target)).toBe(false);

    await cms.stopServer();
    fs.rmSync(cms.dataDir, { recursive: true, force: true });
    await emptyDatabase();
    const restore = await runScript('restore-backup', [archive], { ...PASSPHRASE, SHEQU_DATA_DIR: cms.dataDir, DATABASE_URL: databaseUrl });
    expect(restore.code, restore.output).toBe(0);
    expect(stateFiles(cms.dataDir)).toEqual(filesBefore);

    await cms.startServer();
    expect(await contentDigests(cms.url, token)).toEqual(before);
  });
});
