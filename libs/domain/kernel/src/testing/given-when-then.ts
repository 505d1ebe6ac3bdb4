import { DomainError, type DomainErrorKind } from '../errors';
import type { Decider, DomainEvent } from '../decider';

/**
 * Given/when/then for deciders, without any framework:
 *   given(decider, [events]).when(command).then([events])
 *   given(decider, [events]).when(command).thenRefuses('PUBLICITY_NOT_FINISHED')
 * A refusal is a DomainError; a refused command produces no events by construction.
 */
export function given<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, history: readonly E[] = []) {
  const state = history.reduce((s, e) => decider.evolve(s, e), decider.initialState());
  return {
    state,
    when(command: C) {
      const run = () => decider.decide(command, state);
      return {
        then(expected: readonly Partial<E>[] | ((events: E[]) => void)): E[] {
          const events = run();
          if (typeof expected === 'function') expected(events);
          else expect(events).toEqual(expected.map((e) => expect.objectContaining(e)));
          return events;
        },
        thenRefuses(code: string, kind?: DomainErrorKind): DomainError {
          let error: unknown;
          try {
            const events = run();
            throw new Error(`expected a refusal ${code}, got events ${events.map((e) => e.type).join(', ')}`);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe(code);
          if (kind) expect((error as DomainError).kind).toBe(kind);
          return error as DomainError;
        },
      };
    },
  };
}
