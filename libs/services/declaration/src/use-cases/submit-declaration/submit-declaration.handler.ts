import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, echo, type Actor } from '@bj/kernel';
import { declarationDecider, declarationDocuments, declarationStreamId } from '@bj/declaration-domain';
import { CommandRunner } from '@bj/service-kit';
import { DeclarationsProjection } from '../../declarations/declarations.projection';
import { SessionTermsProjection } from '../../declarations/session-terms.projection';
import { ApplicationBarsProjection } from '../../declarations/application-bars.projection';

export class SubmitDeclarationCommand {
  constructor(readonly actor: Actor, readonly declarationId: string) {}
}

/** 个人申报: validates, checks the window and any bar, runs the automatic pre-check and records both. */
@CommandHandler(SubmitDeclarationCommand)
export class SubmitDeclarationHandler implements ICommandHandler<SubmitDeclarationCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly sessions: SessionTermsProjection,
    private readonly bars: ApplicationBarsProjection,
    private readonly declarations: DeclarationsProjection,
  ) {}

  async execute({ actor, declarationId }: SubmitDeclarationCommand) {
    const outcome = await this.runner.run(
      declarationStreamId(declarationId),
      declarationDecider,
      (state) => {
        if (state.sessionYear === undefined) throw DomainError.notFound(`No declaration ${echo(declarationId)}`, 'DECLARATION_NOT_FOUND');
        const idNumber = String(((state.document?.['applicant'] ?? {}) as Record<string, unknown>)['idNumber'] ?? '');
        return { type: 'SubmitDeclaration' as const, actor, now: this.runner.now(), session: this.sessions.require(state.sessionYear), barredUntil: this.bars.barredUntil(idNumber) };
      },
      actor,
    );
    const view = this.declarations.get(declarationId);
    return { declarationId, status: view?.status, eligibility: declarationDocuments(outcome.events).eligibilityReport };
  }
}
