#!/usr/bin/env node
// Runs a project script under Node >= 22.12. This file itself must run on any Node >= 18:
// machines here ship Node 20, which Astro 7 and this project no longer support, so when the
// running Node is too old we fetch the npm registry package `node@24` into .tools/ (gitignored)
// and re-run under it. Nothing is fetched when the running Node is new enough.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const toolsDir = join(root, '.tools', 'node24');
const NODE_MAJOR = 24;

function atLeast(version, [major, minor]) {
  const [a, b] = version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

function installedNode() {
  const bin = join(toolsDir, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(bin)) return undefined;
  // The `node` package installs its platform binary package beside itself; that package
  // also carries the headers (include/node) that node-gyp needs to compile native addons.
  const nested = join(toolsDir, 'node_modules', 'node', 'node_modules');
  const platformDir = [nested, join(toolsDir, 'node_modules')]
    .flatMap((d) => (existsSync(d) ? readdirSync(d).map((n) => join(d, n)) : []))
    .find((d) => /node-(linux|darwin|win)-/.test(d) && existsSync(join(d, 'include', 'node')));
  return { bin, headers: platformDir };
}

function fetchNode() {
  console.log(`[shequ] Node ${process.versions.node} is older than 22.12; fetching node@${NODE_MAJOR} from the npm registry into .tools/ …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--prefix', toolsDir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', `node@${NODE_MAJOR}`], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    console.error('[shequ] could not install node@24 from the npm registry; install Node 22.12+ yourself and re-run.');
    process.exit(r.status ?? 1);
  }
}

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/launch/with-node.mjs <script> [args…]');
  process.exit(2);
}

const env = { ...process.env };
let nodeBin = process.execPath;
if (!atLeast(process.versions.node, [22, 12])) {
  let tools = installedNode();
  if (!tools) {
    fetchNode();
    tools = installedNode();
  }
  if (!tools) {
    console.error('[shequ] node@24 installed but its binary was not found under .tools/node24');
    process.exit(1);
  }
  nodeBin = tools.bin;
  env.PATH = `${dirname(tools.bin)}:${env.PATH ?? ''}`;
  // Native addons (better-sqlite3) must compile against the Node that will load them,
  // not against whatever nodedir the user's npmrc names.
  if (tools.headers) env.npm_config_nodedir = tools.headers;
} else {
  env.PATH = `${dirname(process.execPath)}:${env.PATH ?? ''}`;
}
env.SHEQU_ROOT = root;

// TypeScript scripts run through Node's own type stripping (default from 22.18 / 23.6).
const flags = [];
const v = spawnSync(nodeBin, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
if (script.endsWith('.ts') && !atLeast(v, [22, 18])) flags.push('--experimental-strip-types');
flags.push('--disable-warning=ExperimentalWarning');

const child = spawn(nodeBin, [...flags, resolve(root, script), ...args], { stdio: 'inherit', env, cwd: root });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => child.kill(sig));
}
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  else process.exit(code ?? 1);
});
