/**
 * A small writer of POSIX tar (ustar, with PAX headers for long or non-ASCII names) into a
 * gzip stream — enough for sitedesk's backups and client exports, which any `tar -xzf` opens.
 * No tar writer is among our dependencies (checked: only transitive tar-stream/tar-fs, which
 * we must not rely on), and the format needs ~100 lines.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';

const BLOCK = 512;

/** One member being added: its path inside the archive, mode and modification time. */
export interface TarEntry {
  /** Path inside the archive with `/` separators, no leading `/`, no `..`. */
  name: string;
  /** Permission bits; default 0o600 (backups hold private data). */
  mode?: number;
  /** Modification time; default now. */
  mtime?: Date;
}

/** What was written for one member: its size in bytes and SHA-256 (hex) of its content. */
export interface WrittenMember {
  name: string;
  size: number;
  sha256: string;
}

/** Writes a `.tar.gz` file member by member; `finish()` writes the end blocks and closes it. */
export interface TarWriter {
  addBuffer(entry: TarEntry, data: Buffer): Promise<WrittenMember>;
  /** Streams a file from disk; its size is read from `size` (the caller stat()ed it). */
  addFile(entry: TarEntry, path: string, size: number): Promise<WrittenMember>;
  finish(): Promise<void>;
  /** Stops writing and closes the file without the end blocks (the caller deletes it). */
  abort(): Promise<void>;
}

/** Opens `path` for writing a gzip-compressed tar archive (file mode 0600). */
export function createTarGzWriter(path: string): TarWriter {
  const file = createWriteStream(path, { mode: 0o600 });
  const gzip = createGzip();
  gzip.pipe(file);
  let failure: Error | undefined;
  const remember = (error: Error): void => {
    failure ??= error;
  };
  file.on('error', remember);
  gzip.on('error', remember);

  const write = async (chunk: Buffer): Promise<void> => {
    if (failure) throw failure;
    if (!gzip.write(chunk)) await Promise.race([once(gzip, 'drain'), once(file, 'error')]);
    if (failure) throw failure;
  };
  const padding = async (size: number): Promise<void> => {
    const rest = size % BLOCK;
    if (rest !== 0) await write(Buffer.alloc(BLOCK - rest));
  };
  const headers = async (entry: TarEntry, size: number): Promise<void> => {
    for (const block of headerBlocks(entry, size)) await write(block);
  };
  const closed = (): Promise<void> =>
    new Promise((resolve, reject) => {
      file.once('close', () => (failure ? reject(failure) : resolve()));
      gzip.end();
    });

  return {
    async addBuffer(entry, data) {
      await headers(entry, data.length);
      await write(data);
      await padding(data.length);
      const sha256 = createHash('sha256').update(data).digest('hex');
      return { name: entry.name, size: data.length, sha256 };
    },
    async addFile(entry, path, size) {
      await headers(entry, size);
      const hash = createHash('sha256');
      let written = 0;
      for await (const chunk of createReadStream(path)) {
        const buffer = chunk as Buffer;
        // A file that grows while it is read is cut at its stat() size: the header is written.
        const part = buffer.subarray(0, Math.max(0, size - written));
        written += part.length;
        hash.update(part);
        if (part.length > 0) await write(part);
      }
      // A file that shrank meanwhile is filled with zeros to the size its header promised.
      if (written < size) {
        const zeros = Buffer.alloc(size - written);
        hash.update(zeros);
        await write(zeros);
      }
      await padding(size);
      return { name: entry.name, size, sha256: hash.digest('hex') };
    },
    async finish() {
      await write(Buffer.alloc(BLOCK * 2));
      await closed();
    },
    async abort() {
      gzip.unpipe(file);
      gzip.destroy();
      await new Promise<void>((resolve) => file.end(() => resolve()));
    },
  };
}

/** The header block(s) of one member: a PAX header first when the name does not fit ustar. */
export function headerBlocks(entry: TarEntry, size: number): Buffer[] {
  const name = entry.name;
  const mtime = Math.floor((entry.mtime ?? new Date()).getTime() / 1000);
  const mode = entry.mode ?? 0o600;
  const ascii = /^[\x20-\x7e]*$/.test(name);
  if (ascii && Buffer.byteLength(name) <= 100) return [ustar(name, size, mode, mtime, '0')];
  const record = paxRecord('path', name);
  const pax = ustar('PaxHeader', record.length, 0o644, mtime, 'x');
  const body = Buffer.concat([record, Buffer.alloc((BLOCK - (record.length % BLOCK)) % BLOCK)]);
  const short = name.replace(/[^\x20-\x7e]/g, '_').slice(-100);
  return [pax, body, ustar(short, size, mode, mtime, '0')];
}

/** "<length> key=value\n", where length counts the whole record including its own digits. */
function paxRecord(key: string, value: string): Buffer {
  const rest = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(rest) + 1;
  while (String(length).length + Buffer.byteLength(rest) !== length) length++;
  return Buffer.from(`${length}${rest}`);
}

function ustar(name: string, size: number, mode: number, mtime: number, type: string): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  octal(block, 100, 8, mode);
  octal(block, 108, 8, 0);
  octal(block, 116, 8, 0);
  octal(block, 124, 12, size);
  octal(block, 136, 12, mtime);
  block.write(type, 156, 1, 'ascii');
  block.write('ustar\u000000', 257, 8, 'binary');
  // The checksum is computed with its own field filled with spaces.
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(sum.toString(8).padStart(6, '0') + '\u0000 ', 148, 8, 'binary');
  return block;
}

function octal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(value.toString(8).padStart(length - 1, '0') + '\u0000', offset, length, 'ascii');
}
