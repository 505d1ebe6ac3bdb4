import type { DeclarationState } from '@bj/declaration-domain';
import { copyDeclarationState, STATE_KEYS, type DeclarationView } from './declarations.projection';

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
