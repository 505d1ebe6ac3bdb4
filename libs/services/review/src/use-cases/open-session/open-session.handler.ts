import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, type Actor } from '@bj/kernel';
import { annualSessionDecider, annualSessionStreamId, type SessionDefinition } from '@bj/session-domain';
import { CommandRunner } from '@bj/service-kit';

export class OpenSessionCommand {
  constructor(readonly actor: Actor, readonly definition: SessionDefinition) {}
}

/** 年度评审启动: a centre opens the year's session with its committees, panels and settings. */
@CommandHandler(OpenSessionCommand)
export class OpenSessionHandler implements ICommandHandler<OpenSessionCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ actor, definition }: OpenSessionCommand) {
    const year = definition?.year;
    if (!Number.isInteger(year)) throw DomainError.invalid([{ path: '/year', message: 'year is required, a whole number such as 2026' }]);
    await this.runner.run(annualSessionStreamId(year), annualSessionDecider, () => ({ ...definition, type: 'OpenSession' as const, actor, now: this.runner.now() }), actor);
    return { year };
  }
}
