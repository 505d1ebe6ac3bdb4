import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { GENESIS_HASH, type EventStore } from '@bj/event-store';
import { APP_CONFIG, CLOCK, EVENT_STORE, type AppConfig, type Clock } from '@bj/service-kit';
import { AUDIT_SETTINGS, type AuditSettings } from '../../audit-settings';
import { loadOrCreateCheckpointKey, signCheckpoint, writeCheckpointFile, type CheckpointKeyPair, type SignedCheckpoint } from '../../checkpoints/checkpoint';

/** The log as the store holds it now: its last position and that event's hash. */
export async function headOf(store: Pick<EventStore, 'headPosition' | 'readAll'>): Promise<{ position: number; hash: string }> {
  const position = await store.headPosition();
  if (position === 0) return { position: 0, hash: GENESIS_HASH };
  const [last] = await store.readAll({ after: position - 1, limit: 1 });
  return { position, hash: last.hash };
}

/** Signs checkpoints of the app's log, on demand and every `checkpointEveryMinutes`; writes each to the checkpoint folder. */
@Injectable()
export class CheckpointService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpoints');
  private keys?: CheckpointKeyPair;
  private timer?: NodeJS.Timeout;
  private lastSigned?: SignedCheckpoint;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.checkpointEveryMinutes <= 0) return;
    this.timer = setInterval(() => {
      this.signNow('scheduled').catch((e: unknown) => this.logger.error(`scheduled checkpoint failed: ${(e as Error).message}`));
    }, this.settings.checkpointEveryMinutes * 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  publicKeyPem(): string {
    return this.keyPair().publicKeyPem;
  }

  /** Signs the current head (skipped by the schedule when nothing was appended since the last one). */
  async signNow(reason: 'scheduled' | 'on-demand' = 'on-demand'): Promise<SignedCheckpoint> {
    const head = await headOf(this.store);
    if (reason === 'scheduled' && this.lastSigned?.payload.position === head.position) return this.lastSigned;
    const log = this.config.eventStore === 'postgres' ? `postgres:${this.config.databaseSchema}` : `sqlite:${join(this.config.dataDir, 'events.sqlite')}`;
    const checkpoint = signCheckpoint({ position: head.position, headHash: head.hash, time: this.clock.now(), log }, this.keyPair().privateKeyPem);
    const stamp = checkpoint.payload.time.replace(/[:.]/g, '-');
    writeCheckpointFile(join(this.settings.checkpointDir, `checkpoint-${String(head.position).padStart(10, '0')}-${stamp}.json`), checkpoint);
    writeCheckpointFile(join(this.settings.checkpointDir, 'latest.json'), checkpoint);
    this.lastSigned = checkpoint;
    return checkpoint;
  }

  private keyPair(): CheckpointKeyPair {
    this.keys ??= loadOrCreateCheckpointKey(this.settings.checkpointKeyFile);
    return this.keys;
  }
}
