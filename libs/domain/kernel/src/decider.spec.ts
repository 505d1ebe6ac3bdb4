import { DomainError } from './errors';
import { fold, inTurn, type Decider, type DomainEvent } from './decider';

type Added = DomainEvent<'Added', { readonly amount: number }>;
type Add = { readonly amount: number };
/** A counter that refuses to go above 10. */
const counter: Decider<Add, Added, number> = {
  initialState: () => 0,
  decide: ({ amount }, total) => {
    if (total + amount > 10) throw DomainError.rule('TOO_MUCH', `${total} + ${amount} is above 10`);
    return [{ type: 'Added', schemaVersion: 1, data: { amount } }];
  },
  evolve: (total, e) => total + e.data.amount,
};

describe('inTurn', () => {
  it('decides each command on the state the events before it made, and returns all their events', () => {
    // given 4, when 3 then 2 are added in turn
    const events = inTurn(counter).decide([{ amount: 3 }, { amount: 2 }], 4);
    expect(events.map((e) => e.data.amount)).toEqual([3, 2]);
    expect(fold(counter, events)).toBe(5);
  });

  it('refuses the whole list when a later command is refused on the state the earlier ones made', () => {
    // given 4: 3 alone is fine, and 4 alone is fine, but 3 then 4 goes above 10
    expect(counter.decide({ amount: 4 }, 4)).toHaveLength(1);
    expect(() => inTurn(counter).decide([{ amount: 3 }, { amount: 4 }], 4)).toThrow('7 + 4 is above 10');
  });

  it('folds as the decider it wraps', () => {
    const events = counter.decide({ amount: 2 }, 0);
    expect(fold(inTurn(counter), events)).toBe(fold(counter, events));
  });
});
