import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { beijingDate, DomainError, isIsoDate, type Actor, type Centre, type Decider, type WorkingDayCalendar } from '@bj/kernel';
import { nextWorkingDay, publicityPeriod } from '@bj/calendar';
import {
  checkNoticePeriod,
  NOTICE_SITE_OF_LEVEL,
  NoticeSites,
  sessionResultsDecider,
  sessionResultsStreamId,
  type NoticePeriod,
  type PublishNotice,
  type SessionResultsEvent,
  type SessionResultsState,
} from '@bj/session-domain';
import { CommandRunner, WORKING_DAY_CALENDAR } from '@bj/service-kit';
import { SessionSettingsProjection } from '../../read-models/session-settings.projection';

/** 公示: publish one notice per site among the levels that passed (ENGINEER and below: the centre's site; senior levels: HRSS's). */
export class PublishNoticesCommand {
  constructor(readonly actor: Actor, readonly year: number, readonly centre: Centre, readonly startOn?: string) {}
}

/** Decides several commands on one stream as one append: either every notice is published, or none. */
const publishAll: Decider<readonly PublishNotice[], SessionResultsEvent, SessionResultsState> = {
  initialState: sessionResultsDecider.initialState,
  evolve: sessionResultsDecider.evolve,
  decide(commands, state) {
    const events: SessionResultsEvent[] = [];
    let current = state;
    for (const command of commands) {
      for (const e of sessionResultsDecider.decide(command, current)) {
        events.push(e);
        current = sessionResultsDecider.evolve(current, e);
      }
    }
    return events;
  },
};

@CommandHandler(PublishNoticesCommand)
export class PublishNoticesHandler implements ICommandHandler<PublishNoticesCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly sessions: SessionSettingsProjection,
    @Inject(WORKING_DAY_CALENDAR) private readonly calendar: WorkingDayCalendar,
  ) {}

  async execute({ actor, year, centre, startOn }: PublishNoticesCommand) {
    const today = beijingDate(this.runner.now());
    const start = startOn ?? today;
    if (!isIsoDate(start)) throw DomainError.invalid([{ path: '/startOn', message: 'startOn must be a calendar date YYYY-MM-DD' }]);
    if (start < today) throw DomainError.invalid([{ path: '/startOn', message: `A notice cannot start in the past (today is ${today})` }]);
    const rule = this.sessions.require(year).publicity;
    // published on a working day; the period is counted on the official calendar by the session's rule
    const publishedOn = this.calendar.isWorkingDay(start) ? start : nextWorkingDay(start, this.calendar);
    const period: NoticePeriod = { firstDay: publishedOn, lastDay: publicityPeriod(publishedOn, rule, this.calendar).lastDay };
    const problems = checkNoticePeriod(period, rule, this.calendar);
    if (problems.length > 0) throw DomainError.rule('NOTICE_PERIOD_INVALID', `The notice period ${period.firstDay}–${period.lastDay} is wrong: ${problems.join('; ')}`);
    let published: { noticeId: string; site: string }[] = [];
    await this.runner.run(
      sessionResultsStreamId(year, centre),
      publishAll,
      (state) => {
        const sites = NoticeSites.filter((site) => state.passed.some((p) => NOTICE_SITE_OF_LEVEL[p.level] === site) && !state.notices.some((n) => n.site === site));
        if (state.status === 'ACCEPTED' && state.passed.length > 0 && sites.length === 0) {
          throw DomainError.conflict(`The ${year} results of ${centre} are already published on every site`, 'NOTICE_ALREADY_PUBLISHED');
        }
        // nothing to publish before acceptance: let the decider refuse with its own rule
        const commands = (sites.length > 0 ? sites : NoticeSites.slice(0, 1)).map((site) => ({
          type: 'PublishNotice' as const,
          actor,
          now: this.runner.now(),
          noticeId: this.runner.newId(),
          site,
          period,
          publicityRule: { workingDays: rule.workingDays, countPublicationDay: rule.countPublicationDay },
        }));
        published = commands.map((c) => ({ noticeId: c.noticeId, site: c.site }));
        return commands;
      },
      actor,
    );
    return { year, centre, period, notices: published };
  }
}
