import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Where things live. Every folder the running portal writes is under the data folder
// (SHEQU_DATA_DIR, default <repo>/.data), so one folder is the whole state to back up.
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.SHEQU_DATA_DIR ?? path.join(repoRoot, '.data'));
}

export function sitePaths(env: NodeJS.ProcessEnv = process.env) {
  const root = path.join(dataDir(env), 'site');
  // The publisher's own trusted copies, outside every release folder and outside what is served.
  const trusted = path.join(root, 'publisher');
  return {
    root,
    releases: path.join(root, 'releases'),
    current: path.join(root, 'current'),
    state: path.join(root, 'publisher-state.json'),
    trusted,
    signingKey: path.join(trusted, 'manifest-signing-key.pem'),
    publicKey: path.join(trusted, 'manifest-signing-key.pub.pem'),
    manifests: path.join(trusted, 'manifests'),
    objects: path.join(trusted, 'objects'),
  };
}
