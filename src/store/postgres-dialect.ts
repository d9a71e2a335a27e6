import {
  CompiledQuery,
  DataTypeNode,
  OperationNodeTransformer,
  PostgresDialect,
  PostgresDriver,
  type DatabaseConnection,
  type Driver,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PostgresDialectConfig,
  type QueryResult,
  type RootOperationNode,
  type TransactionSettings,
  type UnknownRow,
} from 'kysely';
import pg from 'pg';

/**
 * The key of the one advisory lock every write transaction takes (any constant: sitedesk owns
 * its database). "sitedesk" in ASCII, as a 64-bit number.
 */
export const WRITE_LOCK_KEY = 0x7369746564657368n;

/**
 * Kysely's PostgreSQL dialect with SQLite's write semantics. On SQLite every transaction starts
 * with `begin immediate` (statement-cache.ts): one writer at a time, so the service's
 * read-check-write transactions (settle a task from its publications, claim a digest, move a
 * schedule) never interleave. Under PostgreSQL's default READ COMMITTED two of them could each
 * miss the other's uncommitted rows; here each transaction takes one transaction-level advisory
 * lock right after `begin`, released by its commit or rollback. Reads outside a transaction
 * take no lock (as in SQLite's WAL mode). Finer locks can replace this one where throughput
 * needs it; correctness first.
 */
export class SerialWritesPostgresDialect extends PostgresDialect {
  readonly #config: PostgresDialectConfig;

  constructor(config: PostgresDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new SerialWritesDriver(this.#config);
  }
}

class SerialWritesDriver extends PostgresDriver {
  override async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    await super.beginTransaction(connection, settings);
    await connection.executeQuery(
      CompiledQuery.raw('select pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY.toString()]),
    );
  }
}

/**
 * The migrations declare whole numbers as `integer`, which SQLite stores in 64 bits but
 * PostgreSQL in 32: epoch milliseconds (call times, digest days, nonce expiry) would overflow.
 * On PostgreSQL every `integer` in a schema change becomes `bigint`, so the same migrations
 * keep the same range on both engines (and a later migration needs no thought about it).
 */
export const integersAsBigint: KyselyPlugin = {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return new IntegerToBigint().transformNode(args.node);
  },
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  },
};

class IntegerToBigint extends OperationNodeTransformer {
  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    return node.dataType === 'integer' ? DataTypeNode.create('bigint') : node;
  }
}

/**
 * How values come back from PostgreSQL: `bigint` (our integers, and every count) as a JS
 * number like SQLite gives (our values stay far below 2^53), `numeric` (sums, averages) too.
 * Per pool, not pg's global type table, so nothing else in the process is affected.
 */
export const sqliteLikeTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return Number;
    return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
  },
};
