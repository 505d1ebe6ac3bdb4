import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@bj/kernel';
import { declarationDecider, declarationStreamId } from '@bj/declaration-domain';
import { CommandRunner } from '@bj/service-kit';

export class WithdrawDeclarationCommand {
  constructor(readonly actor: Actor, readonly declarationId: string, readonly reason: string) {}
}

@CommandHandler(WithdrawDeclarationCommand)
export class WithdrawDeclarationHandler implements ICommandHandler<WithdrawDeclarationCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ actor, declarationId, reason }: WithdrawDeclarationCommand) {
    await this.runner.run(declarationStreamId(declarationId), declarationDecider, () => ({ type: 'WithdrawDeclaration' as const, actor, now: this.runner.now(), reason }), actor);
    return { declarationId, status: 'WITHDRAWN' };
  }
}
