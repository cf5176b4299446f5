import fs from 'node:fs';
import path from 'node:path';

// The data folder holds everything a running portal owns and git must not: the SQLite
// database, uploads, generated secrets and the build token. The launcher always sets
// SHEQU_DATA_DIR; the fallback keeps `strapi develop` from inside cms/ working.
export function dataDir(): string {
  const dir = process.env.SHEQU_DATA_DIR
    ? path.resolve(process.env.SHEQU_DATA_DIR)
    : path.resolve(process.cwd(), '..', '.data');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export function dataPath(...parts: string[]): string {
  return path.join(dataDir(), ...parts);
}

// Writes a file readable by its owner only; secrets and tokens go through here.
export function writePrivateFile(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, content, { mode: 0o600 });
}
