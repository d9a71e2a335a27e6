/**
 * A RecipientStateStore in a JSON-lines file, for the crash test: each mark is one appended
 * line written synchronously, so it is on disk (in the kernel) the moment mark() resolves and
 * survives a SIGKILL of the process. The last line for an address wins.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type {
  RecipientRecord,
  RecipientStateStore,
} from '../../../src/connectors/mail/bulk-send.js';

/** The store kept in `path`. */
export function fileRecipientState(path: string): RecipientStateStore {
  return {
    async load() {
      const records = new Map<string, RecipientRecord>();
      if (!existsSync(path)) return records;
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        const { email, ...record } = JSON.parse(line) as RecipientRecord & { email: string };
        records.set(email, record);
      }
      return records;
    },
    async mark(email, record) {
      appendFileSync(path, `${JSON.stringify({ email, ...record })}\n`);
    },
  };
}
