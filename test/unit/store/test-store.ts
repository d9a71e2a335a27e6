import { openStore, type Store } from '../../../src/store/index.js';

/**
 * Where the unit harnesses open their store: a fresh in-memory SQLite database by default. The
 * PostgreSQL suite (test/integration/postgres) swaps in a fresh PostgreSQL database for each
 * harness and runs the same test files against it.
 */
type StoreOpener = () => Promise<Store>;

let opener: StoreOpener | undefined;

/** A fresh, migrated store for one harness. */
export function openTestStore(): Promise<Store> {
  return opener ? opener() : openStore({ dataDir: ':memory:' });
}

/** Makes openTestStore use `open` (undefined: back to in-memory SQLite). */
export function useTestStores(open: StoreOpener | undefined): void {
  opener = open;
}
