// The peer, Emmett, loaded from tools/bench/node_modules (its own package, never a dependency of
// the product). Only the few members the benchmarks call are typed here, so the workspace
// type-checks whether or not the peer is installed.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const requireFromBench = createRequire(join(__dirname, 'package.json'));

export interface EmmettEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata?: Record<string, unknown>;
}

export interface EmmettReadEvent extends EmmettEvent {
  readonly metadata: Record<string, unknown> & { readonly globalPosition: bigint; readonly streamPosition: bigint };
}

export interface EmmettStore {
  appendToStream(streamName: string, events: EmmettEvent[], options?: { expectedStreamVersion?: bigint }): Promise<{ nextExpectedStreamVersion: bigint; lastEventGlobalPosition: bigint }>;
  readStream(streamName: string): Promise<{ events: EmmettReadEvent[]; currentStreamVersion: bigint; streamExists: boolean }>;
  close?(): Promise<void>;
}

export interface SQLiteConnection {
  close(): void;
}

interface BatchResult {
  readonly currentGlobalPosition: bigint;
  readonly messages: EmmettReadEvent[];
}

interface EmmettSqliteModule {
  getSQLiteEventStore(options: { fileName: string; connectionOptions?: { singleton: true; connection: SQLiteConnection } }): EmmettStore;
  sqliteConnection(options: { fileName: string }): SQLiteConnection;
  readMessagesBatch(connection: SQLiteConnection, options: { after: bigint; batchSize: number }): Promise<BatchResult>;
}

export interface DumboPool {
  readonly execute: unknown;
  close(): Promise<void>;
}

interface EmmettPostgresModule {
  getPostgreSQLEventStore(connectionString: string): EmmettStore & { close(): Promise<void> };
  readMessagesBatch(execute: unknown, options: { after: bigint; batchSize: number }): Promise<BatchResult>;
}

interface DumboModule {
  dumbo(options: { connectionString: string }): DumboPool;
}

export function peerInstalled(): boolean {
  try {
    requireFromBench.resolve('@event-driven-io/emmett-sqlite');
    requireFromBench.resolve('@event-driven-io/emmett-postgresql');
    return true;
  } catch {
    return false;
  }
}

export const emmettSqlite = (): EmmettSqliteModule => requireFromBench('@event-driven-io/emmett-sqlite') as EmmettSqliteModule;
export const emmettPostgres = (): EmmettPostgresModule => requireFromBench('@event-driven-io/emmett-postgresql') as EmmettPostgresModule;
export const dumbo = (): DumboModule => requireFromBench('@event-driven-io/dumbo') as DumboModule;
/** The installed version of a peer package (its package.json is not among its exports: read the file). */
export const peerVersion = (name: string): string =>
  (JSON.parse(readFileSync(join(dirname(requireFromBench.resolve(name)), '..', 'package.json'), 'utf8')) as { version: string }).version;
