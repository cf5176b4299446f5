import crypto from 'node:crypto';
import { helpFormSecret } from './help-form-secret';

// Identifies a submitter's address without storing it: a keyed hash, so the IPv4 space cannot
// be enumerated back from the database.
export function clientHash(address: string): string {
  return crypto.createHmac('sha256', helpFormSecret()).update(`client:${address}`).digest('hex').slice(0, 32);
}
