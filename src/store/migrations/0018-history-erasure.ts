import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Final removal of a client (issue 21, docs/decisions/client-final-removal.md): the history
 * stays append-only, except that a client's entries may be deleted inside the transaction that
 * removes the client for good. That transaction writes a permit row into `history_erasures`,
 * deletes, and deletes the permit again before it commits, so no other session ever sees one
 * (a hand-run DELETE outside such a transaction is still refused). UPDATE stays forbidden.
 */
export function historyErasureMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('history_erasures')
        .addColumn('client_id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      if (dialect === 'sqlite') {
        await sql.raw('DROP TRIGGER history_no_delete').execute(db);
        await sql
          .raw(
            'CREATE TRIGGER history_no_delete BEFORE DELETE ON history ' +
              'WHEN NOT EXISTS (SELECT 1 FROM history_erasures) ' +
              "BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
          )
          .execute(db);
        return;
      }
      await sql
        .raw(
          'CREATE OR REPLACE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS ' +
            "$$ BEGIN IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM history_erasures) THEN " +
            "RETURN OLD; END IF; RAISE EXCEPTION 'history is append-only'; END $$",
        )
        .execute(db);
    },
  };
}
