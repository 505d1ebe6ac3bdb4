import type { Actor } from '@bj/kernel';

export class DraftDeclarationCommand {
  constructor(
    readonly actor: Actor,
    readonly declaration: unknown,
    readonly sessionYear?: number,
  ) {}
}
