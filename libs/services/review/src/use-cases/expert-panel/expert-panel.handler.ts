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
import { COMMANDS_AT_ONCE, CommandRunner, forEachConcurrently } from '@bj/service-kit';
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
  return assignPlannedPanel(runner, actor, planPanel(runner, sessions, board, record));
}

/** A panel's assignment as it will be appended, worked out (a dry run of the decider's rule) before anything is written. */
interface PanelPlan {
  readonly application: PanelApplication;
  readonly rules: PanelRules;
  readonly pool: readonly PoolExpert[];
  readonly seed: string;
  /** The experts the dry run assigned: the append assigns the same (same pool, same seed). */
  readonly assigned: readonly string[];
}

/**
 * The pool with each expert's load (from the board, plus `pendingLoad`: assignments planned but
 * not yet appended), a seed, and the dry run; NOT_ENOUGH_EXPERTS is refused here, before the
 * panel is opened.
 */
function planPanel(runner: CommandRunner, sessions: SessionsProjection, board: ReviewBoardProjection, record: ReviewedApplication, pendingLoad?: ReadonlyMap<string, number>): PanelPlan {
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
  const pool: PoolExpert[] = expertsOf(session, app.direction).map((e) => ({ ...e, load: board.loadOf(app.year, e.expertId) + (pendingLoad?.get(e.expertId) ?? 0) }));
  const seed = runner.newId();
  const { assigned } = assignExperts(application, pool, rules, seed, { alreadyAssigned: record.panel.assigned, recused: record.panel.recused });
  return { application, rules, pool, seed, assigned: assigned.map((a) => a.expertId) };
}

async function assignPlannedPanel(runner: CommandRunner, actor: Actor, { application, rules, pool, seed }: PanelPlan) {
  const now = runner.now();
  // a panel not yet open is opened in the same append as its experts are assigned
  const outcome = await runner.run(
    expertPanelStreamId(application.applicationId),
    openAndAssign,
    (state): ExpertPanelCommand[] => [
      ...(state.application ? [] : [{ type: 'OpenPanel' as const, actor, now, application, rules }]),
      { type: 'AssignExperts' as const, actor, now, pool, seed },
    ],
    actor,
  );
  const assignment = outcome.events.find((e) => e.type === 'ExpertsAssigned');
  const assigned = (assignment?.data as { assigned?: { expertId: string }[] } | undefined)?.assigned ?? [];
  return { applicationId: application.applicationId, panelId: application.panelId, assigned: assigned.map((a) => a.expertId), seed };
}

/**
 * Assigns a panel to every accepted application of the year (of the actor's centre) that lacks
 * one. The assignments are planned one after another, each counting the load of those planned
 * before it, so the balance is as if they were made in turn; then they are appended at once,
 * each panel its own stream, and share commits.
 */
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
    const refuse = (applicationId: string, e: unknown) => {
      if (!isDomainError(e)) throw e;
      refused.push({ applicationId, code: e.code, message: e.message });
    };
    const pendingLoad = new Map<string, number>();
    const plans: PanelPlan[] = [];
    for (const record of todo) {
      try {
        const plan = planPanel(this.runner, this.sessions, this.board, record, pendingLoad);
        for (const expertId of plan.assigned) pendingLoad.set(expertId, (pendingLoad.get(expertId) ?? 0) + 1);
        plans.push(plan);
      } catch (e) {
        refuse(record.applicationId, e);
      }
    }
    await forEachConcurrently(plans, COMMANDS_AT_ONCE, async (plan) => {
      try {
        await assignPlannedPanel(this.runner, actor, plan);
        assigned.push(plan.application.applicationId);
      } catch (e) {
        refuse(plan.application.applicationId, e);
      }
    });
    refused.sort((a, b) => (a.applicationId < b.applicationId ? -1 : 1));
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
