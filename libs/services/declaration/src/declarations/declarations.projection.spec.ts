import type { DeclarationState } from '@bj/declaration-domain';
import { copyDeclarationState, STATE_KEYS, type DeclarationView } from './declarations.projection';
import { stepAt } from './progress';

describe('the declarations view', () => {
  it('takes every member of the declaration state but the document', () => {
    // a state whose every member is a marker of its own
    const marker = (key: string) => (key === 'eligibility' ? { eligible: true, route: 'marker of eligibility' } : `marker of ${key}`);
    const state = Object.fromEntries(STATE_KEYS.map((key) => [key, marker(key)])) as unknown as DeclarationState;
    const view = { declarationId: 'd-1', progress: [] } as unknown as DeclarationView;
    copyDeclarationState(view as { -readonly [K in keyof DeclarationView]: DeclarationView[K] }, { ...state, document: { any: 'text' } } as unknown as DeclarationState);
    for (const key of STATE_KEYS) expect({ key, value: view[key] }).toEqual({ key, value: marker(key) });
    expect('document' in view).toBe(false);
  });
});

describe('a step of the way', () => {
  it('carries its reason only when it has one', () => {
    expect(stepAt({ stage: 'ACCEPTED', label: '审核通过，进入专业评议' }, '2026-08-20T01:00:00.000Z')).toStrictEqual({ stage: 'ACCEPTED', label: '审核通过，进入专业评议', at: '2026-08-20T01:00:00.000Z' });
    expect(stepAt({ stage: 'RETURNED_FOR_CORRECTION', label: '退回补正', reason: '论文证明不清晰' }, '2026-08-20T01:00:00.000Z')).toStrictEqual({ stage: 'RETURNED_FOR_CORRECTION', label: '退回补正', at: '2026-08-20T01:00:00.000Z', reason: '论文证明不清晰' });
  });
});
