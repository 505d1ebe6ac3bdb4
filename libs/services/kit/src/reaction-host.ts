import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { isDomainError } from '@bj/kernel';
import { startCatchUpSubscription, type EventStore, type StoredEvent } from '@bj/event-store';
import { COMMANDS_AT_ONCE } from './concurrency';
import { EVENT_STORE } from './runtime';

/**
 * A process step that turns one service's event into another service's command (a process
 * manager): EmployerRecommended → the centre's review opens, CorrectionRequested → …
 * Reactions must be idempotent: delivery is at least once.
 */
export interface Reaction {
  readonly name: string;
  readonly eventTypes: readonly string[];
  /**
   * What the event is about, for ordering: the reactions to events about the same subject run
   * one after another, in log order; others run at the same time. Default: the event's stream.
   */
  subjectOf?(event: StoredEvent): string;
  react(event: StoredEvent): Promise<void>;
}

/** The subject of the reactions to a declaration's events and to its application's (both have the application's id). */
export const applicationSubject = (applicationId: string): string => `application:${applicationId}`;


/**
 * Runs the reactions of this process from the global log with a durable checkpoint (embedded
 * mode; in distributed mode the same reactions are fed from Kafka). Events about different
 * subjects (applications) are reacted to at the same time, those about one subject in log
 * order. A reaction refused by the domain (the step no longer applies, e.g. the declaration was
 * withdrawn meanwhile) is logged and skipped: the refusal wrote nothing.
 */
@Injectable()
export class ReactionHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Reactions');
  private readonly reactions: Reaction[] = [];
  private subscription?: ReturnType<typeof startCatchUpSubscription>;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  register(reaction: Reaction): void {
    this.reactions.push(reaction);
  }

  get count(): number {
    return this.reactions.length;
  }

  /**
   * Embedded mode: follow the shared log. In distributed mode the reactions are fed from Kafka
   * instead (each service's consumer group calls `dispatch`), and start() is not called.
   */
  async start(name = 'reactions'): Promise<void> {
    if (this.subscription || this.reactions.length === 0) return;
    this.subscription = startCatchUpSubscription(this.store, {
      name,
      batchSize: 200,
      pollIntervalMs: 250,
      concurrency: COMMANDS_AT_ONCE, // events on distinct subjects at once: their commands share commits
      keysOf: (event) => this.subjectsOf(event),
      handler: (event) => this.dispatch(event),
      onError: (error, event) => this.logger.error(`reaction failed on ${event?.type} #${event?.globalPosition}: ${(error as Error).message}`),
    });
  }

  async dispatch(event: StoredEvent): Promise<void> {
    for (const reaction of this.reactions) {
      if (!reaction.eventTypes.includes(event.type)) continue;
      try {
        await reaction.react(event);
      } catch (e) {
        if (!isDomainError(e)) throw e;
        this.logger.warn(`${reaction.name} skipped ${event.type} #${event.globalPosition}: ${e.code} ${e.message}`);
      }
    }
  }

  /** The subjects of the reactions to this event (none when nothing reacts to it). */
  subjectsOf(event: StoredEvent): string[] {
    const subjects = this.reactions.filter((r) => r.eventTypes.includes(event.type)).map((r) => r.subjectOf?.(event) ?? event.streamId);
    return [...new Set(subjects)];
  }

  /** True when a reaction of this process reacts to one of these event types. */
  reactsToAny(types: readonly string[]): boolean {
    return this.reactions.some((r) => r.eventTypes.some((t) => types.includes(t)));
  }

  /** Resolves once every reaction has handled the events up to `position`. */
  async waitFor(position: number): Promise<void> {
    if (this.subscription) await this.subscription.caughtUp(position);
  }

  /** Stops before the shutdown hooks run, so that the event store is closed only after. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop().catch(() => undefined);
  }
}
