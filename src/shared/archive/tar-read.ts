/**
 * Reads a `.tar.gz` written by tar-write.ts (or by GNU tar: ustar with PAX `path` records),
 * streaming each regular file into a sink the caller chooses. A file cut short (by a full
 * disk, a copy stopped half-way) and a damaged one are told apart, because the operator's
 * next step differs: fetch the whole file again, or use another backup.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { SitedeskError, messageOf } from '../errors.js';

const BLOCK = 512;

/** `archive_incomplete`: the file ends early; `archive_corrupt`: its bytes are not what was written. */
export class ArchiveError extends SitedeskError {
  constructor(code: 'archive_incomplete' | 'archive_corrupt', message: string, cause?: unknown) {
    super(code, message, cause === undefined ? {} : { cause });
  }
}

/** A member of the archive as its header describes it. */
export interface TarMember {
  name: string;
  size: number;
}

/** Where a member's bytes go; `end` is called after the last byte. */
export interface MemberSink {
  write(chunk: Buffer): void | Promise<void>;
  end(): void | Promise<void>;
}

type State =
  | { kind: 'header' }
  | { kind: 'body'; left: number; pad: number; sink: MemberSink | undefined }
  | { kind: 'pax'; left: number; pad: number; parts: Buffer[] };

/**
 * Reads `path` and calls `onMember` for each regular file; returning undefined skips it.
 * Directories and other member types are skipped. Throws ArchiveError when the file is cut
 * short or damaged (gzip checksum, tar header checksum).
 */
export async function readTarGz(
  path: string,
  onMember: (member: TarMember) => Promise<MemberSink | undefined>,
): Promise<void> {
  let pending: Buffer = Buffer.alloc(0);
  let state: State = { kind: 'header' };
  let paxPath: string | undefined;
  let zeroBlocks = 0;
  let ended = false;
  const source = createReadStream(path).pipe(createGunzip());
  try {
    for await (const chunk of source) {
      if (ended) continue;
      pending =
        pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
      for (;;) {
        if (state.kind === 'header') {
          if (pending.length < BLOCK) break;
          const block = pending.subarray(0, BLOCK);
          pending = pending.subarray(BLOCK);
          if (block.every((byte) => byte === 0)) {
            if (++zeroBlocks === 2) ended = true;
            if (ended) break;
            continue;
          }
          zeroBlocks = 0;
          const header = parseHeader(block);
          const pad = (BLOCK - (header.size % BLOCK)) % BLOCK;
          if (header.type === 'x') {
            state = { kind: 'pax', left: header.size, pad, parts: [] };
          } else {
            const name = paxPath ?? header.name;
            paxPath = undefined;
            const isFile = header.type === '0' || header.type === '\0';
            const sink = isFile ? await onMember({ name, size: header.size }) : undefined;
            state = { kind: 'body', left: header.size, pad, sink };
          }
        }
        const take = Math.min(state.left, pending.length);
        const part = pending.subarray(0, take);
        pending = pending.subarray(take);
        state.left -= take;
        if (state.kind === 'pax') state.parts.push(part);
        else if (part.length > 0) await state.sink?.write(part);
        if (state.left > 0) break;
        // The padding up to the next 512-byte block may arrive in a later chunk.
        const skip = Math.min(state.pad, pending.length);
        pending = pending.subarray(skip);
        state.pad -= skip;
        if (state.pad > 0) break;
        if (state.kind === 'pax') paxPath = paxValue(Buffer.concat(state.parts), 'path');
        else await state.sink?.end();
        state = { kind: 'header' };
      }
    }
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    if (isZlib(error, 'Z_BUF_ERROR') || /unexpected end/i.test(messageOf(error)))
      throw incomplete(path, error);
    if (isZlib(error)) {
      throw new ArchiveError(
        'archive_corrupt',
        `${path} is damaged or was changed after it was written (${messageOf(error)}).`,
        error,
      );
    }
    throw error;
  }
  if (!ended) throw incomplete(path);
}

function incomplete(path: string, cause?: unknown): ArchiveError {
  return new ArchiveError(
    'archive_incomplete',
    `${path} ends before its end: the file was cut short (an interrupted copy or a full disk). Copy the whole file again.`,
    cause,
  );
}

function isZlib(error: unknown, code?: string): boolean {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string')
    return false;
  return code === undefined ? error.code.startsWith('Z_') : error.code === code;
}

function parseHeader(block: Buffer): { name: string; size: number; type: string } {
  const stored = parseInt(text(block, 148, 8).trim() || 'x', 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  if (stored !== sum)
    throw new ArchiveError('archive_corrupt', 'An archive header is damaged (checksum mismatch).');
  const name = text(block, 0, 100);
  const prefix =
    block.subarray(257, 262).toString('ascii') === 'ustar' ? text(block, 345, 155) : '';
  const size = parseInt(text(block, 124, 12).trim() || '0', 8);
  if (!Number.isSafeInteger(size) || size < 0)
    throw new ArchiveError('archive_corrupt', 'An archive header has an impossible size.');
  return {
    name: prefix ? `${prefix}/${name}` : name,
    size,
    type: String.fromCharCode(block[156] ?? 0),
  };
}

function text(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function paxValue(body: Buffer, key: string): string | undefined {
  let rest = body;
  while (rest.length > 0) {
    const space = rest.indexOf(0x20);
    const length = parseInt(rest.subarray(0, space).toString('ascii'), 10);
    if (space < 0 || !Number.isSafeInteger(length) || length <= 0) return undefined;
    const record = rest.subarray(space + 1, length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (record.slice(0, eq) === key) return record.slice(eq + 1);
    rest = rest.subarray(length);
  }
  return undefined;
}
