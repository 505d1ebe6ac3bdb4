import { Global, Inject, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import type { EventStore } from '@bj/event-store';
import type { TokenVerifier } from '@bj/auth';
import { ActorGuard } from './access';
import { CommandRunner } from './command-runner';
import type { AppConfig } from './config';
import { ErrorFilter } from './error-filter';
import { EndpointTable } from './endpoints';
import { HealthController, Readiness } from './health';
import { ProjectionHost } from './projection-host';
import { ReactionHost } from './reaction-host';
import { officialCalendar, WORKING_DAY_CALENDAR } from './calendar.provider';
import type { WorkingDayCalendar } from '@bj/kernel';
import { FileBlobStore, type BlobStore } from '@bj/blob-store';
import { join } from 'node:path';
import { APP_CONFIG, CLOCK, EVENT_STORE, ID_GENERATOR, TOKEN_VERIFIER, systemClock, uuidV7Ids, type Clock, type IdGenerator } from './runtime';

export interface ServiceKitOptions {
  readonly config: AppConfig;
  readonly store: EventStore;
  readonly verifier: TokenVerifier;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly calendar?: WorkingDayCalendar;
  /** Evidence files; default a folder `DATA_DIR/blobs`. */
  readonly blobs?: BlobStore;
  /** `log` (embedded): reactions follow the local log; `external` (distributed): a Kafka consumer calls ReactionHost.dispatch. */
  readonly reactionsFrom?: 'log' | 'external';
}

export const REACTIONS_FROM = Symbol('REACTIONS_FROM');
export const BLOB_STORE = Symbol('BLOB_STORE');

/** What every service shares: the store, the clock, identity, errors, projections and health. */
@Global()
@Module({})
export class ServiceKitModule implements OnApplicationBootstrap {
  constructor(
    private readonly projections: ProjectionHost,
    private readonly reactions: ReactionHost,
    @Inject(REACTIONS_FROM) private readonly reactionsFrom: 'log' | 'external',
  ) {}

  static forRoot(options: ServiceKitOptions): DynamicModule {
    return {
      module: ServiceKitModule,
      imports: [CqrsModule.forRoot(), TerminusModule.forRoot({ errorLogStyle: 'pretty', logger: false })],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: EVENT_STORE, useValue: options.store },
        { provide: TOKEN_VERIFIER, useValue: options.verifier },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: ID_GENERATOR, useValue: options.ids ?? uuidV7Ids },
        { provide: WORKING_DAY_CALENDAR, useFactory: () => options.calendar ?? officialCalendar() },
        { provide: BLOB_STORE, useFactory: () => options.blobs ?? new FileBlobStore(join(options.config.dataDir, 'blobs')) },
        { provide: REACTIONS_FROM, useValue: options.reactionsFrom ?? 'log' },
        { provide: APP_GUARD, useClass: ActorGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        EndpointTable,
        CommandRunner,
        ProjectionHost,
        ReactionHost,
        Readiness,
      ],
      exports: [EndpointTable, BLOB_STORE, WORKING_DAY_CALENDAR, APP_CONFIG, EVENT_STORE, TOKEN_VERIFIER, CLOCK, ID_GENERATOR, CommandRunner, ProjectionHost, ReactionHost, Readiness, CqrsModule],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projections.start();
    if (this.reactionsFrom === 'log') await this.reactions.start();
  }
}
