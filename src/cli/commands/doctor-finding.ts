import { messageOf } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { openStore, type Store, type StoreConfig } from '../../store/index.js';

/** One line of the doctor's report. */
export interface Finding {
  check: string;
  status: 'ok' | 'warn' | 'fail';
  summary: string;
  notes: string[];
}

/**
 * Runs one doctor check on the database `where` names, always closing it. A database that
 * cannot be opened, or a check that throws, is a `fail` finding that says why, never a crash
 * of the doctor: the other checks still report.
 */
export async function inspectDatabase(
  where: StoreConfig,
  logger: Logger,
  /** The check's name, and its summary when the database cannot be opened or read (default: its file). */
  names: { check: string; cannotOpen: string; cannotRead?: string },
  inspect: (store: Store) => Promise<Finding>,
): Promise<Finding> {
  const failure = (summary: string, error: unknown): Finding => ({
    check: names.check,
    status: 'fail',
    summary,
    notes: [messageOf(error)],
  });
  let store: Store;
  try {
    store = await openStore(where, { logger });
  } catch (error) {
    return failure(names.cannotOpen, error);
  }
  try {
    return await inspect(store);
  } catch (error) {
    return failure(names.cannotRead ?? store.filename, error);
  } finally {
    await store.close();
  }
}
