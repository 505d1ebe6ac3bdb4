import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@bj/kernel';
import { declarationDecider, declarationStreamId } from '@bj/declaration-domain';
import { CommandRunner } from '@bj/service-kit';

export class EditDeclarationCommand {
  constructor(readonly actor: Actor, readonly declarationId: string, readonly declaration: unknown) {}
}

@CommandHandler(EditDeclarationCommand)
export class EditDeclarationHandler implements ICommandHandler<EditDeclarationCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ actor, declarationId, declaration }: EditDeclarationCommand) {
    await this.runner.run(declarationStreamId(declarationId), declarationDecider, () => ({ type: 'EditDeclaration' as const, actor, now: this.runner.now(), document: declaration }), actor);
    return { declarationId };
  }
}
