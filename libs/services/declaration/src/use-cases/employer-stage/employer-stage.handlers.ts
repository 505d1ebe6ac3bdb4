import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { beijingDate, DomainError, isIsoDate, type Actor, type WorkingDayCalendar } from '@bj/kernel';
import { publicityPeriod } from '@bj/calendar';
import { declarationDecider, declarationStreamId, type DeclarationCommand } from '@bj/declaration-domain';
import { CommandRunner, WORKING_DAY_CALENDAR } from '@bj/service-kit';
import { SessionTermsProjection } from '../../declarations/session-terms.projection';

type Without<T> = T extends unknown ? Omit<T, 'actor' | 'now'> : never;
/** A command of the employer stage on one declaration, as the HTTP layer builds it. */
export class EmployerStageCommand {
  constructor(
    readonly actor: Actor,
    readonly declarationId: string,
    readonly command: Without<Extract<DeclarationCommand, { type: 'RaisePublicityObjection' | 'ResolvePublicityObjection' | 'RecommendDeclaration' | 'DeclineDeclaration' }>>,
  ) {}
}

/** 异议, 推荐, 不推荐: one handler, since each only needs the declaration's own state. */
@CommandHandler(EmployerStageCommand)
export class EmployerStageHandler implements ICommandHandler<EmployerStageCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ actor, declarationId, command }: EmployerStageCommand) {
    const outcome = await this.runner.run(declarationStreamId(declarationId), declarationDecider, () => ({ ...command, actor, now: this.runner.now() }) as DeclarationCommand, actor);
    return { declarationId, events: outcome.events.map((e) => e.type) };
  }
}

export class StartPublicityCommand {
  constructor(readonly actor: Actor, readonly declarationId: string, readonly startOn?: string) {}
}

/** 单位内部公示: the period is counted on the official calendar by the session's publicity rule. */
@CommandHandler(StartPublicityCommand)
export class StartPublicityHandler implements ICommandHandler<StartPublicityCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly sessions: SessionTermsProjection,
    @Inject(WORKING_DAY_CALENDAR) private readonly calendar: WorkingDayCalendar,
  ) {}

  async execute({ actor, declarationId, startOn }: StartPublicityCommand) {
    const today = beijingDate(this.runner.now());
    const start = startOn ?? today;
    if (!isIsoDate(start)) throw DomainError.invalid([{ path: '/startOn', message: 'startOn must be a calendar date YYYY-MM-DD' }]);
    if (start < today) throw DomainError.invalid([{ path: '/startOn', message: `A publicity cannot start in the past (today is ${today})` }]);
    let period: { firstDay: string; lastDay: string } | undefined;
    await this.runner.run(
      declarationStreamId(declarationId),
      declarationDecider,
      (state) => {
        const rule = this.sessions.require(state.sessionYear ?? 0).publicity;
        period = publicityPeriod(start, rule, this.calendar);
        return { type: 'StartEmployerPublicity' as const, actor, now: this.runner.now(), period: { firstDay: period.firstDay, lastDay: period.lastDay }, rule };
      },
      actor,
    );
    return { declarationId, publicity: period };
  }
}
