/**
 * Sealing with a passphrase, for backups that leave this computer: scrypt (node:crypto) turns
 * the passphrase into two keys — AES-256-GCM for the secrets, HMAC-SHA256 for the backup's
 * manifest — and a short check value tells a wrong passphrase from a changed file.
 * scrypt parameters N=2^15, r=8, p=1 (about 32 MiB and 0.1 s) follow OWASP's password
 * storage advice; they are written into the backup, so later versions can raise them.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { SitedeskError } from '../shared/errors.js';

/** How the keys were derived; stored in the clear next to what they protect. */
export interface SealParams {
  kdf: 'scrypt';
  /** scrypt cost: N (a power of two), r and p. */
  N: number;
  r: number;
  p: number;
  /** Random salt, base64. */
  salt: string;
  /** HMAC of a fixed text with the MAC key, base64: proves the passphrase before anything else. */
  check: string;
}

/** Keys derived from a passphrase; see derivePassphraseKeys. */
export interface SealKeys {
  params: SealParams;
  encryptionKey: Buffer;
  macKey: Buffer;
}

/** `backup_wrong_passphrase` or `backup_tampered`: what went wrong when opening a sealed backup. */
export class SealError extends SitedeskError {
  constructor(code: 'backup_wrong_passphrase' | 'backup_tampered', message: string) {
    super(code, message);
  }
}

const CHECK_TEXT = 'sitedesk backup passphrase check v1';
const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 };

function derive(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }) {
  return new Promise<Buffer>((resolve, reject) => {
    // maxmem: scrypt needs 128 * N * r bytes; node's default limit (32 MiB) is just below that.
    const maxmem = 256 * cost.N * cost.r;
    scrypt(passphrase.normalize('NFC'), salt, 64, { ...cost, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** New keys with a fresh salt, for writing a backup. */
export async function newSealKeys(passphrase: string): Promise<SealKeys> {
  const salt = randomBytes(16);
  const key = await derive(passphrase, salt, DEFAULT_COST);
  const macKey = key.subarray(32);
  const check = createHmac('sha256', macKey).update(CHECK_TEXT).digest('base64');
  return {
    params: { kdf: 'scrypt', ...DEFAULT_COST, salt: salt.toString('base64'), check },
    encryptionKey: key.subarray(0, 32),
    macKey,
  };
}

/** The keys of an existing backup; SealError `backup_wrong_passphrase` when it does not match. */
export async function openSealKeys(passphrase: string, params: SealParams): Promise<SealKeys> {
  const cost = { N: params.N, r: params.r, p: params.p };
  // Refuse absurd costs from a changed file rather than allocate gigabytes.
  if (params.kdf !== 'scrypt' || cost.N > 2 ** 20 || cost.r > 32 || cost.p > 16 || cost.N < 2)
    throw new SealError(
      'backup_tampered',
      'The backup names key settings sitedesk does not write; it was changed.',
    );
  const key = await derive(passphrase, Buffer.from(params.salt, 'base64'), cost);
  const macKey = key.subarray(32);
  const check = createHmac('sha256', macKey).update(CHECK_TEXT).digest();
  const stored = Buffer.from(params.check, 'base64');
  if (stored.length !== check.length || !timingSafeEqual(stored, check))
    throw new SealError(
      'backup_wrong_passphrase',
      'The passphrase does not open this backup. Nothing was restored.',
    );
  return { params, encryptionKey: key.subarray(0, 32), macKey };
}

/** AES-256-GCM: 12-byte IV, 16-byte tag, then the ciphertext. `label` is bound in as AAD. */
export function seal(keys: SealKeys, label: string, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.encryptionKey, iv);
  cipher.setAAD(Buffer.from(label));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Reverses seal(); SealError `backup_tampered` when a single bit differs. */
export function unseal(keys: SealKeys, label: string, sealed: Buffer): Buffer {
  if (sealed.length < 28)
    throw new SealError('backup_tampered', `The backup's ${label} are cut off.`);
  const decipher = createDecipheriv('aes-256-gcm', keys.encryptionKey, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(label));
  decipher.setAuthTag(sealed.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  } catch {
    throw new SealError(
      'backup_tampered',
      `The backup's ${label} were changed after it was written.`,
    );
  }
}

/** HMAC-SHA256 of `data` with the MAC key, hex. */
export function mac(keys: SealKeys, data: Buffer): string {
  return createHmac('sha256', keys.macKey).update(data).digest('hex');
}

/** Whether `expected` (hex, from the file) is the HMAC of `data`, compared in constant time. */
export function macMatches(keys: SealKeys, data: Buffer, expected: string): boolean {
  const actual = Buffer.from(mac(keys, data), 'hex');
  const given = Buffer.from(expected.trim(), 'hex');
  return given.length === actual.length && timingSafeEqual(given, actual);
}
