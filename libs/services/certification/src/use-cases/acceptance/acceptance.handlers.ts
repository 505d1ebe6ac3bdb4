import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor, Centre } from '@bj/kernel';
import { sessionResultsDecider, sessionResultsStreamId, type AcceptanceChecks } from '@bj/session-domain';
import { CommandRunner } from '@bj/service-kit';

/** 验收: HRSS accepts a centre's results of the year, all four checks passed. */
export class AcceptResultsCommand {
  constructor(readonly actor: Actor, readonly year: number, readonly centre: Centre, readonly checks: AcceptanceChecks, readonly remarks?: string) {}
}

/** HRSS sends the results back to the centre, with reasons. */
export class SendBackResultsCommand {
  constructor(readonly actor: Actor, readonly year: number, readonly centre: Centre, readonly reasons: readonly string[], readonly checks?: Partial<AcceptanceChecks>) {}
}

@CommandHandler(AcceptResultsCommand)
export class AcceptResultsHandler implements ICommandHandler<AcceptResultsCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ actor, year, centre, checks, remarks }: AcceptResultsCommand) {
    const outcome = await this.runner.run(sessionResultsStreamId(year, centre), sessionResultsDecider, () => ({ type: 'AcceptResults' as const, actor, now: this.runner.now(), checks, remarks }), actor);
    return { year, centre, status: 'ACCEPTED', events: outcome.events.map((e) => e.type) };
  }
}

@CommandHandler(SendBackResultsCommand)
export class SendBackResultsHandler implements ICommandHandler<SendBackResultsCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ actor, year, centre, reasons, checks }: SendBackResultsCommand) {
    const outcome = await this.runner.run(sessionResultsStreamId(year, centre), sessionResultsDecider, () => ({ type: 'SendBackResults' as const, actor, now: this.runner.now(), reasons, checks }), actor);
    return { year, centre, status: 'SENT_BACK', events: outcome.events.map((e) => e.type) };
  }
}
