import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { SecretStoreError } from '../shared/errors.js';

/**
 * The on-disk form of the file store: a versioned JSON envelope around one AES-256-GCM
 * ciphertext of all secrets. The key is used as is (random or given as 32 bytes), so there is
 * no KDF and no salt; `kdf: "none"` says so, and a later version can add a passphrase KDF.
 * The header fields are authenticated as additional data, so no byte of the file can change
 * unnoticed. `keyId` (an HMAC of a constant under the key, not the key) tells a wrong key
 * apart from a damaged file.
 */
const envelopeSchema = z.object({
  version: z.literal(1),
  alg: z.literal('aes-256-gcm'),
  kdf: z.literal('none'),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  iv: z.string().min(1),
  tag: z.string().min(1),
  ciphertext: z.string(),
});

const contentSchema = z.object({ secrets: z.record(z.string(), z.string()) });

/** The decrypted content: account → secret. */
export type SecretMap = Record<string, string>;

/** Identifies a key without revealing it: the first 8 bytes of HMAC-SHA256(key, label), hex. */
export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('sitedesk secrets key id v1').digest('hex').slice(0, 16);
}

function additionalData(keyId: string): Buffer {
  return Buffer.from(`sitedesk-secrets|1|aes-256-gcm|none|${keyId}`, 'utf8');
}

/** Encrypts `secrets` with a fresh 96-bit IV and returns the envelope as JSON text. */
export function sealSecrets(secrets: SecretMap, key: Buffer): string {
  const keyId = keyIdOf(key);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(additionalData(keyId));
  const plain = Buffer.from(JSON.stringify({ secrets }), 'utf8');
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  plain.fill(0);
  const envelope = {
    version: 1,
    alg: 'aes-256-gcm',
    kdf: 'none',
    keyId,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/**
 * Decrypts an envelope. A file that is not a whole envelope, or whose tag does not verify
 * under the right key, is 'secret_store_corrupt'; a file sealed under another key is
 * 'secret_store_wrong_key'. `path` is only used in the messages.
 */
export function openSecrets(text: string, key: Buffer, path: string): SecretMap {
  const corrupt = (why: string, cause?: unknown): SecretStoreError =>
    new SecretStoreError(
      'secret_store_corrupt',
      `The secret file ${path} is damaged (${why}). It was left as it is; restore it from a backup, or move it away to start empty.`,
      cause === undefined ? {} : { cause },
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw corrupt('not complete JSON; was it cut short?', error);
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success)
    throw corrupt(
      `not a version 1 envelope: ${parsed.error.issues[0]?.path.join('.') ?? ''} is wrong`,
    );
  const envelope = parsed.data;
  const iv = Buffer.from(envelope.iv, 'base64');
  const tag = Buffer.from(envelope.tag, 'base64');
  if (iv.length !== 12 || tag.length !== 16) throw corrupt('the iv or tag has the wrong length');

  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    decipher.setAAD(additionalData(envelope.keyId));
    decipher.setAuthTag(tag);
    plain = Buffer.concat([
      decipher.update(Buffer.from(envelope.ciphertext, 'base64')),
      decipher.final(),
    ]);
  } catch (error) {
    if (envelope.keyId !== keyIdOf(key)) {
      throw new SecretStoreError(
        'secret_store_wrong_key',
        `The secret file ${path} was written with a different key than the one in use (SITEDESK_MASTER_KEY or secrets.key). ` +
          'It was left as it is; use the key it was written with.',
        { cause: error },
      );
    }
    throw corrupt('its authentication tag does not match: some bytes were changed', error);
  }
  try {
    return contentSchema.parse(JSON.parse(plain.toString('utf8'))).secrets;
  } catch {
    // No cause here: a JSON or schema error message may quote the decrypted text.
    throw corrupt('the decrypted content is not the expected form');
  } finally {
    plain.fill(0);
  }
}
