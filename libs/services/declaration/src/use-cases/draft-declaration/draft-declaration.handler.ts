import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { beijingDate, parseYear } from '@bj/kernel';
import { declarationDecider, declarationStreamId } from '@bj/declaration-domain';
import { CommandRunner } from '@bj/service-kit';
import { SessionTermsProjection } from '../../declarations/session-terms.projection';
import { DraftDeclarationCommand } from './draft-declaration.command';

@CommandHandler(DraftDeclarationCommand)
export class DraftDeclarationHandler implements ICommandHandler<DraftDeclarationCommand, { declarationId: string }> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly sessions: SessionTermsProjection,
  ) {}

  async execute({ actor, declaration, sessionYear }: DraftDeclarationCommand) {
    const year = parseYear(sessionYear ?? this.sessions.latest()?.year ?? Number(beijingDate(this.runner.now()).slice(0, 4)), '/sessionYear');
    const declarationId = this.runner.newId();
    await this.runner.run(
      declarationStreamId(declarationId),
      declarationDecider,
      () => ({ type: 'DraftDeclaration' as const, actor, now: this.runner.now(), declarationId, sessionYear: year, document: declaration }),
      actor,
    );
    return { declarationId };
  }
}
