import { Logger } from '@nestjs/common';
import { DomainError } from '@bj/kernel';
import { batchItems, MAX_BATCH_ITEMS, requireText, runBatch } from './batch';

describe('batchItems', () => {
  const ids = (list: unknown) => batchItems<string>(list, 'declarationIds', (id) => requireText(id, '', 'a declarationId'), (id) => id);
  const problemsOf = (list: unknown) => {
    try {
      ids(list);
    } catch (e) {
      if (e instanceof DomainError) return e.problems.map((p) => p.path);
      throw e;
    }
    return [];
  };

  it('takes 1 to 500 well-formed items', () => {
    expect(ids(['a', 'b'])).toEqual(['a', 'b']);
    expect(ids(Array.from({ length: MAX_BATCH_ITEMS }, (_, i) => `d${i}`))).toHaveLength(MAX_BATCH_ITEMS);
  });

  it('refuses the whole list, naming the items: not a list, empty, too long, a bad item, an id twice', () => {
    expect(problemsOf(undefined)).toEqual(['/declarationIds']);
    expect(problemsOf([])).toEqual(['/declarationIds']);
    expect(problemsOf(Array.from({ length: MAX_BATCH_ITEMS + 1 }, (_, i) => `d${i}`))).toEqual(['/declarationIds']);
    expect(problemsOf(['a', 7, '  ', 'a'])).toEqual(['/declarationIds/1', '/declarationIds/2', '/declarationIds/3']);
  });
});

describe('runBatch', () => {
  it('answers every item in the order given, each with the status its own request would have had', async () => {
    const outcome = await runBatch(
      ['ok-1', 'refused', 'ok-2', 'missing'],
      (id) => ({ id }),
      async (id) => {
        await new Promise((resolve) => setTimeout(resolve, id === 'ok-1' ? 5 : 0)); // the first finishes last
        if (id === 'refused') throw DomainError.rule('PUBLICITY_NOT_FINISHED', 'The publicity runs until 2026-08-07');
        if (id === 'missing') throw DomainError.notFound('No declaration missing', 'DECLARATION_NOT_FOUND');
        return { done: id };
      },
    );
    expect(outcome.succeeded).toBe(2);
    expect(outcome.refused).toBe(2);
    expect(outcome.results.map((r) => [r.id, r.status, r.ok])).toEqual([
      ['ok-1', 200, true],
      ['refused', 422, false],
      ['ok-2', 200, true],
      ['missing', 404, false],
    ]);
    expect(outcome.results[1]).toMatchObject({ error: { code: 'PUBLICITY_NOT_FINISHED', message: 'The publicity runs until 2026-08-07' } });
  });

  it('answers an unexpected failure as a 500 without its stack, and logs it', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const outcome = await runBatch(['x'], (id) => ({ id }), async () => {
        throw new TypeError('cannot read properties of undefined');
      });
      expect(outcome.results[0]).toMatchObject({ status: 500, ok: false, error: { code: 'INTERNAL_ERROR' } });
      expect(JSON.stringify(outcome)).not.toContain('cannot read properties');
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});
