import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  // First 16 hex digits of the SHA-256 of the public key, written into each manifest so a
  // manifest signed by another key is recognisable at a glance.
  keyId: string;
}

// The publisher's Ed25519 key for signing release manifests. Made on first use in the
// publisher's part of the data folder (never inside a release, never served), readable by the
// publisher's user only; the public half is written beside it for `npm run verify`.
export function loadSigningKey(privateKeyFile: string, publicKeyFile: string): SigningKey {
  if (!fs.existsSync(privateKeyFile)) {
    fs.mkdirSync(path.dirname(privateKeyFile), { recursive: true, mode: 0o700 });
    const pair = crypto.generateKeyPairSync('ed25519');
    try {
      // wx: two processes starting at once must not overwrite each other's key.
      fs.writeFileSync(privateKeyFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const privateKey = crypto.createPrivateKey(fs.readFileSync(privateKeyFile));
  const publicKey = crypto.createPublicKey(privateKey);
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  if (!fs.existsSync(publicKeyFile) || fs.readFileSync(publicKeyFile, 'utf8') !== publicPem) fs.writeFileSync(publicKeyFile, publicPem, { mode: 0o644 });
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

export function keyIdOf(publicKey: KeyObject): string {
  return crypto.createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

// For checking only (npm run verify): the public half, without touching the private key.
export function loadPublicKey(publicKeyFile: string): KeyObject {
  if (!fs.existsSync(publicKeyFile)) throw new Error(`no public key at ${publicKeyFile}: the publisher makes it when it signs its first release`);
  return crypto.createPublicKey(fs.readFileSync(publicKeyFile));
}
