import { Inject, Injectable } from '@nestjs/common';
import { DomainError, fold, type Actor, type Decider, type DomainEvent } from '@bj/kernel';
import { WrongExpectedVersionError, type EventStore, type StoredEvent } from '@bj/event-store';
import { CLOCK, EVENT_STORE, ID_GENERATOR, type Clock, type IdGenerator } from './runtime';
import { ProjectionHost } from './projection-host';
import { ReactionHost } from './reaction-host';

export interface CommandOutcome {
  readonly events: readonly StoredEvent[];
  readonly streamVersion: number;
  readonly globalPosition: number;
}

export interface RunOptions {
  readonly correlationId?: string;
  readonly causationId?: string;
  /** Strip the actor from the event metadata (secret ballots: who voted how is never recorded). */
  readonly anonymous?: boolean;
  /**
   * By default a command whose events set off a reaction of this process answers after the
   * reaction has run (and the read models have seen its events), so the client sees what follows
   * (a recommendation answers with the centre's review opened). Reactions run their own commands
   * with this false (a reaction must not wait for itself).
   */
  readonly awaitReactions?: boolean;
  /** Deterministic event ids (e.g. derived from the causing event) make a repeated reaction a no-op. */
  readonly eventIds?: readonly string[];
}

const MAX_ATTEMPTS = 5;
/** How many streams' folded states are kept per decider (least recently used go first). */
const CACHED_STREAMS = 20_000;

interface Folded {
  readonly version: number;
  readonly state: unknown;
}

/**
 * The one way commands reach the log: load the stream, fold it, decide, append at the version
 * read. Commands on one stream in this process take turns from loading to appending, so they do
 * not refuse each other (the public objecting to one notice at once, a committee's members
 * voting at once); commands on different streams run together and share commits. An append of
 * another process in between makes the store refuse; the command is then decided again on the
 * new state (the rules are re-checked, never bypassed). A refused command appends nothing.
 * Waits until the read models have seen the new events, so a client reads its own writes.
 */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    private readonly projections: ProjectionHost,
    private readonly reactions: ReactionHost,
  ) {}

  private readonly folded = new WeakMap<object, Map<string, Folded>>();
  /** Per stream, the turn of the last command in line: it settles when that command has appended (or failed). */
  private readonly turns = new Map<string, Promise<void>>();

  now(): string {
    return this.clock.now();
  }

  newId(): string {
    return this.ids.next();
  }

  /**
   * The stream's state: the folded state cached from the last time (states are immutable), plus
   * the events appended since, so a long stream (a meeting's ballots) is not folded from its
   * start for every command. A command's own append leaves its state cached at the new version,
   * so the next command reads only what others appended since (usually nothing).
   */
  async load<S, E extends DomainEvent>(streamId: string, decider: Pick<Decider<never, E, S>, 'initialState' | 'evolve'>): Promise<{ state: S; version: number }> {
    const cached = this.folded.get(decider)?.get(streamId);
    const events = await this.store.readStream(streamId, cached ? { fromVersion: cached.version + 1 } : undefined);
    const state = cached ? events.reduce((s, e) => decider.evolve(s, e as unknown as E), cached.state as S) : fold(decider, events as unknown as E[]);
    const version = events.length === 0 ? (cached?.version ?? 0) : events[events.length - 1].streamVersion;
    this.remember(streamId, decider, version, state);
    return { state, version };
  }

  async run<C, E extends DomainEvent, S>(
    streamId: string,
    decider: Decider<C, E, S>,
    makeCommand: (state: S) => C,
    actor: Actor,
    options: RunOptions = {},
  ): Promise<CommandOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        const decided = await this.afterEarlierCommands(streamId, () => this.decideAndAppend(streamId, decider, makeCommand, actor, options));
        const { version, events, result } = decided;
        if (!result) return { events: [], streamVersion: version, globalPosition: await this.store.headPosition() };
        await this.projections.waitFor(result.globalPosition);
        // wait for what the events set off in this process (and its read models), only when something reacts to them
        if (options.awaitReactions !== false && this.reactions.reactsToAny(events.map((e) => e.type))) {
          await this.reactions.waitFor(result.globalPosition);
          await this.projections.waitFor(await this.store.headPosition());
        }
        return { events: result.events, streamVersion: result.streamVersion, globalPosition: result.globalPosition };
      } catch (e) {
        if (e instanceof WrongExpectedVersionError && attempt < MAX_ATTEMPTS) continue;
        if (e instanceof WrongExpectedVersionError) {
          throw DomainError.conflict(`${streamId} kept changing while this command was decided; try again`, 'CONCURRENT_CHANGE');
        }
        throw e;
      }
    }
  }

  /**
   * Runs `work` once the commands on `streamId` that came before it in this process have settled.
   * The turn ends when `work` does (its append), not when the read models or reactions have
   * caught up: a reaction may append to the same stream while its command waits for it.
   */
  private async afterEarlierCommands<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const before = this.turns.get(streamId);
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    this.turns.set(streamId, mine);
    try {
      if (before) await before;
      return await work();
    } finally {
      done();
      if (this.turns.get(streamId) === mine) this.turns.delete(streamId);
    }
  }

  /** Loads, decides and appends at the version loaded; a decision of no events appends nothing and gives the version loaded. */
  private async decideAndAppend<C, E extends DomainEvent, S>(streamId: string, decider: Decider<C, E, S>, makeCommand: (state: S) => C, actor: Actor, options: RunOptions) {
    const { state, version } = await this.load(streamId, decider);
    const events = decider.decide(makeCommand(state), state);
    if (events.length === 0) return { version, events };
    const occurredAt = this.clock.now();
    const correlationId = options.correlationId ?? this.ids.next();
    const result = await this.store.append(
      streamId,
      events.map((e, i) => ({
        eventId: options.eventIds?.[i] ?? this.ids.next(),
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: {
          actorId: options.anonymous ? 'ANONYMOUS' : actor.id,
          actorRole: actor.role,
          correlationId,
          ...(options.causationId ? { causationId: options.causationId } : {}),
          occurredAt,
        },
      })),
      version,
    );
    // appended right after the version loaded (not an idempotent retry of events stored before):
    // the stream's next command starts from the state these events leave, without reading them back
    if (result.streamVersion === version + events.length && result.events[0]?.streamVersion === version + 1) {
      this.remember(streamId, decider, version + events.length, result.events.reduce((s, e) => decider.evolve(s, e as unknown as E), state));
    }
    return { version, events, result };
  }

  /** Keeps a stream's folded state at a version, the most recently used streams first. */
  private remember(streamId: string, decider: object, version: number, state: unknown): void {
    let cache = this.folded.get(decider);
    if (!cache) this.folded.set(decider, (cache = new Map()));
    cache.delete(streamId);
    cache.set(streamId, { version, state });
    if (cache.size > CACHED_STREAMS) cache.delete(cache.keys().next().value as string);
  }
}
