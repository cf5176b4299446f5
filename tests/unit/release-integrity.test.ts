import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../scripts/lib/log.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { checkReleaseIntegrity } from '../../scripts/publisher/check-release-integrity.ts';
import { guardLiveRelease } from '../../scripts/publisher/guard-live-release.ts';
import { keyIdOf, loadSigningKey } from '../../scripts/publisher/load-signing-key.ts';
import { pruneReleaseCopies } from '../../scripts/publisher/prune-release-copies.ts';
import { manifestSchema, sha256File, signManifest } from '../../scripts/publisher/release-manifest.ts';
import { liveReleaseId } from '../../scripts/publisher/switch-release.ts';
import { makeSignedRelease, snapshotFolder } from '../support/signed-release.ts';

function recordingLogger() {
  const lines: Array<{ level: string; event: string; fields?: Record<string, unknown> }> = [];
  const at = (level: string) => (event: string, fields?: Record<string, unknown>) => void lines.push({ level, event, fields });
  const log: Logger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines };
}

const cli = (script: string, args: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [path.join(repoRoot, 'scripts/launch/with-node.mjs'), path.join(repoRoot, 'scripts/publisher', script), ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });

describe('signed release manifests', () => {
  it('list every file of a release with its SHA-256 and size, the .br/.gz twins and release.json included, but not the manifest and its signature', async () => {
    const { dir } = await makeSignedRelease();
    const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
    const onDisk = [...snapshotFolder(dir).keys()].filter((f) => !['manifest.json', 'manifest.sig'].includes(f)).sort();
    expect(Object.keys(manifest.files).sort()).toEqual(onDisk);
    expect(onDisk).toEqual(expect.arrayContaining(['release.json', 'index.html', 'index.html.br', 'index.html.gz']));
    expect(manifest.files['index.html']).toEqual({ sha256: await sha256File(path.join(dir, 'index.html')), size: fs.statSync(path.join(dir, 'index.html')).size });
  });

  it('are signed with an Ed25519 key kept outside every release, readable by its owner only', async () => {
    const { dir, paths, key } = await makeSignedRelease();
    expect(key.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(fs.statSync(paths.signingKey).mode & 0o077).toBe(0);
    expect(path.relative(paths.releases, paths.signingKey).startsWith('..')).toBe(true);
    const bytes = fs.readFileSync(path.join(dir, 'manifest.json'));
    expect(crypto.verify(null, bytes, key.publicKey, Buffer.from(fs.readFileSync(path.join(dir, 'manifest.sig'), 'utf8'), 'base64'))).toBe(true);
    // The same key on the next start, not a new one.
    expect(loadSigningKey(paths.signingKey, paths.publicKey).keyId).toBe(key.keyId);
  });

  it('find a release exactly as signed', async () => {
    const { dir, id, key, paths } = await makeSignedRelease();
    const { report } = await checkReleaseIntegrity(dir, id, key.publicKey, paths);
    expect(report).toMatchObject({ ok: true, manifestFrom: 'publisher', changed: [], added: [], missing: [] });
    expect(report.checked).toBeGreaterThan(10);
  });

  it('name a changed (even at the same size), an added and a missing file', async () => {
    const { dir, id, key, paths } = await makeSignedRelease();
    const about = path.join(dir, 'about/index.html');
    fs.writeFileSync(about, fs.readFileSync(about, 'utf8').replace('关于我们', '关于他们')); // same byte length
    fs.writeFileSync(path.join(dir, 'evil.html'), '<script>alert(1)</script>');
    fs.rmSync(path.join(dir, '_astro/elder-mode.abc123.js'));
    for (const store of [paths, undefined]) {
      const { report } = await checkReleaseIntegrity(dir, id, key.publicKey, store);
      expect(report).toMatchObject({ ok: false, changed: ['about/index.html'], added: ['evil.html'], missing: ['_astro/elder-mode.abc123.js'] });
    }
  });

  it('refuse a manifest whose signature does not verify or that another key signed', async () => {
    const { dir, id, key } = await makeSignedRelease();
    const manifestFile = path.join(dir, 'manifest.json');
    const original = fs.readFileSync(manifestFile, 'utf8');
    fs.writeFileSync(manifestFile, original.replace(/"sha256": "[0-9a-f]{64}"/, `"sha256": "${'0'.repeat(64)}"`));
    expect((await checkReleaseIntegrity(dir, id, key.publicKey)).report).toMatchObject({ ok: false, problem: expect.stringMatching(/valid signature/) });
    // Re-signed by an intruder's key: still not the publisher's signature.
    const intruder = crypto.generateKeyPairSync('ed25519');
    fs.writeFileSync(path.join(dir, 'manifest.sig'), signManifest(fs.readFileSync(manifestFile), intruder.privateKey));
    expect((await checkReleaseIntegrity(dir, id, key.publicKey)).report).toMatchObject({ ok: false, problem: expect.stringMatching(/valid signature/) });
    // The check itself works: with the intruder's key it trusts the list and finds the zeroed digest.
    const withIntruderKey = (await checkReleaseIntegrity(dir, id, intruder.publicKey)).report;
    expect(withIntruderKey.problem).toBeUndefined();
    expect(withIntruderKey.changed).toHaveLength(1);
    expect(keyIdOf(intruder.publicKey)).not.toBe(key.keyId);
    fs.rmSync(path.join(dir, 'manifest.sig'));
    expect((await checkReleaseIntegrity(dir, id, key.publicKey)).report.problem).toMatch(/manifest\.sig is missing/);
  });

  it("see a rewritten, re-signed manifest in the release as a change when the publisher holds its own copy, and still name the files", async () => {
    const { dir, id, key, paths } = await makeSignedRelease();
    const index = path.join(dir, 'index.html');
    fs.writeFileSync(index, 'defaced');
    const forged = manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
    forged.files['index.html'] = { sha256: await sha256File(index), size: 7 };
    const intruder = crypto.generateKeyPairSync('ed25519');
    const bytes = Buffer.from(JSON.stringify(forged));
    fs.writeFileSync(path.join(dir, 'manifest.json'), bytes);
    fs.writeFileSync(path.join(dir, 'manifest.sig'), signManifest(bytes, intruder.privateKey));
    expect((await checkReleaseIntegrity(dir, id, key.publicKey, paths)).report).toMatchObject({ ok: false, changed: ['index.html', 'manifest.json', 'manifest.sig'] });
  });

  it('keep the publisher copy as real files (not hard links), stored once per digest', async () => {
    const { dir, paths, makeRelease } = await makeSignedRelease();
    const index = fs.statSync(path.join(dir, 'index.html'));
    const object = path.join(paths.objects, await sha256File(path.join(dir, 'index.html')));
    expect(fs.statSync(object).ino).not.toBe(index.ino);
    expect(index.nlink).toBe(1);
    const before = fs.readdirSync(paths.objects).length;
    await makeRelease('20260102T000000000Z', { 'news/index.html': '<h1>新</h1>' });
    // One new page with its two twins, a new release.json; every other file is shared.
    expect(fs.readdirSync(paths.objects).length - before).toBe(4);
  });

  it('prune with their releases: a copy no kept release lists is removed', async () => {
    const { paths, id, makeRelease } = await makeSignedRelease();
    await makeRelease('20260102T000000000Z', { 'news/index.html': '<h1>新</h1>' });
    const removed = await pruneReleaseCopies(paths, ['20260102T000000000Z']);
    expect(removed.manifests).toBe(2);
    expect(fs.existsSync(path.join(paths.manifests, `${id}.json`))).toBe(false);
    // release.json of the first release was its only own file.
    expect(removed.objects).toBe(1);
    const kept = manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(paths.manifests, '20260102T000000000Z.json'), 'utf8')));
    for (const entry of Object.values(kept.files)) expect(fs.existsSync(path.join(paths.objects, entry.sha256))).toBe(true);
  });
});

describe('the live-release guard', () => {
  it('puts a tampered live release back byte for byte and raises one release.tampered alert naming every file', async () => {
    const { dir, key, paths, id } = await makeSignedRelease();
    const original = snapshotFolder(dir);
    fs.writeFileSync(path.join(dir, 'index.html'), '<h1>hacked</h1><script src="https://evil.example/x.js"></script>');
    fs.writeFileSync(path.join(dir, 'index.html.br'), 'x');
    fs.rmSync(path.join(dir, 'about'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'articles/yi/index.html.gz-dir'));
    fs.writeFileSync(path.join(dir, 'articles/yi/index.html.gz-dir/x'), 'x');
    fs.symlinkSync('/etc/passwd', path.join(dir, 'passwd.txt'));
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{}');
    const { log, lines } = recordingLogger();

    const first = await guardLiveRelease(paths, key.publicKey, log);
    expect(first.alert).toMatchObject({
      releaseId: id,
      restored: true,
      unrestorable: [],
      changed: ['index.html', 'index.html.br', 'manifest.json'],
      added: ['articles/yi/index.html.gz-dir/x', 'passwd.txt'],
      missing: ['about/index.html', 'about/index.html.br', 'about/index.html.gz'],
    });
    expect(first.check).toMatchObject({ releaseId: id, ok: true });
    expect(lines.filter((l) => l.event === 'release.tampered')).toEqual([expect.objectContaining({ level: 'error', fields: expect.objectContaining({ changed: first.alert?.changed, restored: true }) })]);
    const restored = snapshotFolder(dir);
    expect([...restored.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [rel, bytes] of original) expect(restored.get(rel)?.equals(bytes), rel).toBe(true);
    expect(fs.existsSync(path.join(dir, 'articles/yi/index.html.gz-dir'))).toBe(true); // an empty folder is harmless and not listed

    // The next check finds nothing and raises nothing.
    const second = await guardLiveRelease(paths, key.publicKey, log);
    expect(second.alert).toBeUndefined();
    expect(second.check.ok).toBe(true);
  });

  it('says when a file cannot be restored because its stored copy was damaged too', async () => {
    const { dir, key, paths } = await makeSignedRelease();
    fs.writeFileSync(path.join(dir, 'robots.txt'), 'x');
    fs.writeFileSync(path.join(dir, 'index.html'), 'defaced');
    fs.writeFileSync(path.join(paths.objects, await sha256File(path.join(paths.releases, liveReleaseId(paths.current)!, 'about/index.html'))), 'also defaced');
    fs.writeFileSync(path.join(dir, 'about/index.html'), 'defaced');
    const { alert, check } = await guardLiveRelease(paths, key.publicKey, recordingLogger().log);
    expect(alert).toMatchObject({ restored: false, unrestorable: ['about/index.html'], added: ['robots.txt'], changed: ['about/index.html', 'index.html'] });
    expect(check.ok).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'index.html'), 'utf8')).toContain('首页');
  });
});

// Each CLI run starts a Node process (about a second on a busy machine).
const CLI_TIMEOUT = 60_000;

describe('npm run verify', () => {
  it('exits 0 on a release exactly as signed, 1 naming each changed, added or missing file, and checks any kept release with --release', async () => {
    const { dir, env, id, makeRelease } = await makeSignedRelease();
    const ok = cli('verify-release.ts', [], env);
    expect(ok.stdout).toMatch(new RegExp(`release ${id}: all \\d+ files match`));
    expect(ok.status).toBe(0);

    fs.appendFileSync(path.join(dir, 'index.html'), ' ');
    fs.writeFileSync(path.join(dir, 'shell.php'), '<?php');
    fs.rmSync(path.join(dir, 'pagefind/pagefind.js.gz'));
    const bad = cli('verify-release.ts', ['--release', id], env);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('3 file(s) differ');
    expect(bad.stdout).toMatch(/changed {2}index\.html\n/);
    expect(bad.stdout).toMatch(/added {4}shell\.php\n/);
    expect(bad.stdout).toMatch(/missing {2}pagefind\/pagefind\.js\.gz\n/);

    const next = '20260103T000000000Z';
    await makeRelease(next);
    expect(cli('verify-release.ts', [], env).status).toBe(0); // the new live release
    expect(cli('verify-release.ts', ['--release', id], env).status).toBe(1);
    const none = cli('verify-release.ts', ['--release', 'nope'], env);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no release nope');
  }, CLI_TIMEOUT);

  it('rollback restores a tampered target release before switching to it', async () => {
    const { dir, env, id, makeRelease } = await makeSignedRelease();
    const original = fs.readFileSync(path.join(dir, 'index.html'));
    await makeRelease('20260104T000000000Z');
    fs.writeFileSync(path.join(dir, 'index.html'), 'defaced');
    const r = cli('rollback-release.ts', [id], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('restored from the publisher');
    expect(liveReleaseId(path.join(env.SHEQU_DATA_DIR!, 'site/current'))).toBe(id);
    expect(fs.readFileSync(path.join(dir, 'index.html')).equals(original)).toBe(true);
    expect(cli('verify-release.ts', [], env).status).toBe(0);
  }, CLI_TIMEOUT);
});
