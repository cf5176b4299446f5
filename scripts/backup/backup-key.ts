import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ArchiveError, type ArchiveHeader, type MasterKey } from './archive-crypto.ts';

// Which key seals a backup: SHEQU_BACKUP_PASSPHRASE when set, otherwise the random key in the
// data folder's `backup-key` (made on the first backup). The key file is also inside every
// archive, so a restored portal keeps sealing its backups with the key the operator already holds
// off the machine — but that copy off the machine is what makes a backup readable at all.

export const KEY_FILE_NAME = 'backup-key';
const MIN_PASSPHRASE = 12;

export function passphraseFromEnv(env: NodeJS.ProcessEnv = process.env): MasterKey | undefined {
  const passphrase = env.SHEQU_BACKUP_PASSPHRASE;
  if (!passphrase) return undefined;
  if (passphrase.length < MIN_PASSPHRASE) throw new ArchiveError(`SHEQU_BACKUP_PASSPHRASE is too short (${passphrase.length} characters; at least ${MIN_PASSPHRASE})`);
  return { source: 'passphrase', secret: Buffer.from(passphrase, 'utf8') };
}

export function readKeyFile(file: string): MasterKey {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new ArchiveError(`cannot read the backup key file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const secret = Buffer.from(text, 'base64url');
  if (secret.length !== 32) throw new ArchiveError(`${file} is not a Shequ backup key (expected 32 bytes in base64url)`);
  return { source: 'key-file', secret };
}

// The key for a new backup; `created` says the key file was just made (the caller warns loudly).
export function keyForBackup(dataDir: string, env: NodeJS.ProcessEnv = process.env): { key: MasterKey; keyFile?: string; created: boolean } {
  const fromEnv = passphraseFromEnv(env);
  if (fromEnv) return { key: fromEnv, created: false };
  const file = path.join(dataDir, KEY_FILE_NAME);
  if (fs.existsSync(file)) return { key: readKeyFile(file), keyFile: file, created: false };
  const secret = crypto.randomBytes(32);
  // wx: never overwrite a key another backup made a moment ago.
  fs.writeFileSync(file, `${secret.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  return { key: { source: 'key-file', secret }, keyFile: file, created: true };
}

// The key to open an existing archive, as its header asks for it.
export function keyForRestore(header: ArchiveHeader, keyFile: string | undefined, env: NodeJS.ProcessEnv = process.env): MasterKey {
  if (header.keySource === 'passphrase') {
    const key = passphraseFromEnv(env);
    if (!key) throw new ArchiveError('this archive is sealed with a passphrase: set SHEQU_BACKUP_PASSPHRASE');
    return key;
  }
  if (!keyFile) throw new ArchiveError(`this archive is sealed with a backup key file: pass --key-file <your copy of ${KEY_FILE_NAME}>`);
  return readKeyFile(keyFile);
}
