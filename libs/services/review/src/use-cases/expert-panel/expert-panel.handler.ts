import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, inTurn, isDomainError, type Actor } from '@bj/kernel';
import {
  assignExperts,
  expertPanelDecider,
  expertPanelStreamId,
  expertsOf,
  panelFor,
  type ExpertPanelCommand,
  type PanelApplication,
  type PanelRules,
  type PoolExpert,
} from '@bj/session-domain';
import { CommandRunner } from '@bj/service-kit';
import { ApplicationAccess } from '../../board/access';
import { ReviewBoardProjection, type ReviewedApplication } from '../../board/review-board.projection';
import { SessionsProjection } from '../../sessions/sessions.projection';

export class AssignExpertsCommand {
  constructor(readonly actor: Actor, readonly applicationId: string) {}
}

/** Opening a panel and assigning its experts, decided in turn and appended together. */
const openAndAssign = inTurn(expertPanelDecider);

export class AssignAllExpertsCommand {
  constructor(readonly actor: Actor, readonly year: number) {}
}

type Without<T> = T extends unknown ? Omit<T, 'actor' | 'now'> : never;
export class ExpertActionCommand {
  constructor(readonly actor: Actor, readonly applicationId: string, readonly action: Without<Extract<ExpertPanelCommand, { type: 'DeclareConflict' | 'Recuse' | 'SubmitScore' }>>) {}
}

/**
 * 专业评议组: opens the application's panel with the session's rules and assigns k experts of
 * its direction from the pool, conflicts as hard constraints, load balanced, seeded order.
 * The assignment is computed before anything is written, so a refusal leaves no half-open panel.
 */
@CommandHandler(AssignExpertsCommand)
export class AssignExpertsHandler implements ICommandHandler<AssignExpertsCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly access: ApplicationAccess,
    private readonly sessions: SessionsProjection,
    private readonly board: ReviewBoardProjection,
  ) {}

  async execute({ actor, applicationId }: AssignExpertsCommand) {
    const record = this.access.requireCentreFor(actor, applicationId);
    return assignPanel(this.runner, this.sessions, this.board, actor, record);
  }
}

export async function assignPanel(runner: CommandRunner, sessions: SessionsProjection, board: ReviewBoardProjection, actor: Actor, record: ReviewedApplication) {
  const app = record.review.application;
  if (record.review.status !== 'ACCEPTED') {
    throw DomainError.rule('NOT_ACCEPTED', `Experts are assigned to accepted applications; ${app.applicationId} is ${record.review.status}`);
  }
  const session = sessions.require(app.year);
  const settings = session.session.settings;
  const panel = panelFor(session, app.level, app.direction);
  const application: PanelApplication = {
    applicationId: app.applicationId,
    year: app.year,
    level: app.level,
    direction: app.direction,
    panelId: panel.panelId,
    applicant: app.applicant,
    employer: { name: app.employer.name, creditCode: app.employer.creditCode },
  };
  const rules: PanelRules = { ...settings.panel, conflictTypes: settings.conflictTypes };
  const pool: PoolExpert[] = expertsOf(session, app.direction).map((e) => ({ ...e, load: board.loadOf(app.year, e.expertId) }));
  const seed = runner.newId();
  // dry run: NOT_ENOUGH_EXPERTS is refused before the panel is opened
  assignExperts(application, pool, rules, seed, { alreadyAssigned: record.panel.assigned, recused: record.panel.recused });
  const stream = expertPanelStreamId(app.applicationId);
  const now = runner.now();
  // a panel not yet open is opened in the same append as its experts are assigned
  const outcome = await runner.run(
    stream,
    openAndAssign,
    (state): ExpertPanelCommand[] => [
      ...(state.application ? [] : [{ type: 'OpenPanel' as const, actor, now, application, rules }]),
      { type: 'AssignExperts' as const, actor, now, pool, seed },
    ],
    actor,
  );
  const assignment = outcome.events.find((e) => e.type === 'ExpertsAssigned');
  const assigned = (assignment?.data as { assigned?: { expertId: string }[] } | undefined)?.assigned ?? [];
  return { applicationId: app.applicationId, panelId: panel.panelId, assigned: assigned.map((a) => a.expertId), seed };
}

/** Assigns a panel to every accepted application of the year (of the actor's centre) that lacks one. */
@CommandHandler(AssignAllExpertsCommand)
export class AssignAllExpertsHandler implements ICommandHandler<AssignAllExpertsCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly access: ApplicationAccess,
    private readonly sessions: SessionsProjection,
    private readonly board: ReviewBoardProjection,
  ) {}

  async execute({ actor, year }: AssignAllExpertsCommand) {
    this.sessions.require(year);
    const todo = this.board
      .allApplications()
      .filter((r) => r.review.application.year === year && r.review.status === 'ACCEPTED' && this.access.canSee(actor, r))
      .filter((r) => !r.panel.rules || r.panel.assigned.length < r.panel.rules.size)
      .sort((a, b) => (a.applicationId < b.applicationId ? -1 : 1));
    const assigned: string[] = [];
    const refused: { applicationId: string; code: string; message: string }[] = [];
    for (const record of todo) {
      try {
        await assignPanel(this.runner, this.sessions, this.board, actor, this.board.application(record.applicationId) ?? record);
        assigned.push(record.applicationId);
      } catch (e) {
        if (!isDomainError(e)) throw e;
        refused.push({ applicationId: record.applicationId, code: e.code, message: e.message });
      }
    }
    return { year, assigned: assigned.length, refused };
  }
}

/** The expert's own acts on an application: declare a conflict (回避), recuse, submit the score. */
@CommandHandler(ExpertActionCommand)
export class ExpertActionHandler implements ICommandHandler<ExpertActionCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly access: ApplicationAccess,
  ) {}

  async execute({ actor, applicationId, action }: ExpertActionCommand) {
    this.access.require(actor, applicationId);
    const outcome = await this.runner.run(expertPanelStreamId(applicationId), expertPanelDecider, () => ({ ...action, actor, now: this.runner.now() }) as ExpertPanelCommand, actor);
    return { applicationId, events: outcome.events.map((e) => e.type) };
  }
}
