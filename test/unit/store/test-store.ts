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

let postgresSuite = false;

/**
 * Whether this file runs its harnesses on PostgreSQL; set while tests are collected, so
 * `it.skipIf(onPostgres())` works. For the few tests that count on SQLite answering within the
 * same tick (peak concurrency of a scripted connector, a loop woken by `clock.advance(0)`).
 */
export function onPostgres(): boolean {
  return postgresSuite;
}

/** Marks the file as a PostgreSQL run (use-postgres.ts does, before the shared files load). */
export function markPostgresSuite(): void {
  postgresSuite = true;
}
