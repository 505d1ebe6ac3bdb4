import { randomBytes, randomInt } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { beijingDate, DomainError, echo, isIsoDate, type Actor } from '@bj/kernel';
import {
  centreReviewDecider,
  centreReviewStreamId,
  committeeMeetingDecider,
  committeeMeetingInitialState,
  committeeMeetingStreamId,
  candidatesAwaitingBallots,
  planBallotRounds,
  sha256Hex,
  type AnnouncedRecusal,
  type CommitteeMeetingCommand,
  type MeetingCandidate,
  type MeetingDefinition,
} from '@bj/session-domain';
import { COMMANDS_AT_ONCE, CommandRunner, forEachConcurrently } from '@bj/service-kit';
import { ReviewBoardProjection } from '../../board/review-board.projection';
import { SessionsProjection } from '../../sessions/sessions.projection';

/** A meeting's agenda when none is given: a long committee day. */
export const DEFAULT_AGENDA_SIZE = 300;

export class ScheduleMeetingCommand {
  constructor(
    readonly actor: Actor,
    readonly year: number,
    readonly committeeId: string,
    readonly scheduledFor?: string,
    /** At most this many candidates on the agenda; the rest wait for the committee's next meeting. */
    readonly agendaSize = DEFAULT_AGENDA_SIZE,
  ) {}
}

/**
 * 评委会会议: puts on the agenda the accepted applications of the committee's levels whose
 * panel has given its opinion (up to the agenda's size; the rest go to the next meeting), locks
 * each for the vote (no withdrawal after), and schedules.
 */
@CommandHandler(ScheduleMeetingCommand)
export class ScheduleMeetingHandler implements ICommandHandler<ScheduleMeetingCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly sessions: SessionsProjection,
    private readonly board: ReviewBoardProjection,
  ) {}

  async execute({ actor, year, committeeId, scheduledFor, agendaSize }: ScheduleMeetingCommand) {
    if (!Number.isInteger(agendaSize) || agendaSize < 1 || agendaSize > 1000) {
      throw DomainError.invalid([{ path: '/agendaSize', message: 'agendaSize must be a whole number from 1 to 1000' }]);
    }
    const session = this.sessions.require(year).session;
    const committee = session.committees.find((c) => c.committeeId === committeeId);
    if (!committee) throw DomainError.notFound(`The ${year} session has no committee ${echo(committeeId)}`, 'COMMITTEE_NOT_FOUND');
    if (actor.centre && actor.centre !== committee.centre) throw DomainError.forbidden(`Committee ${committeeId} is run by ${committee.centre}`, 'OTHER_CENTRE');
    const day = scheduledFor ?? beijingDate(this.runner.now());
    if (!isIsoDate(day)) throw DomainError.invalid([{ path: '/scheduledFor', message: 'scheduledFor must be a calendar date YYYY-MM-DD' }]);
    const candidates: MeetingCandidate[] = this.board
      .allApplications()
      .filter((r) => {
        const a = r.review.application;
        return a.year === year && (committee.levels as readonly string[]).includes(a.level) && r.review.status === 'ACCEPTED' && !r.review.lockedForMeetingId && r.panel.opinion && !r.decision;
      })
      .sort((a, b) => (a.applicationId < b.applicationId ? -1 : 1))
      .slice(0, agendaSize)
      .flatMap((r) => {
        const a = r.review.application;
        const o = r.panel.opinion;
        if (!o) return []; // kept out by the filter above
        return [{
          candidateId: a.applicationId,
          applicant: a.applicant,
          employer: { name: a.employer.name, creditCode: a.employer.creditCode },
          level: a.level,
          direction: a.direction,
          panelOpinion: { aggregate: o.aggregate, ruleCode: o.ruleCode, recommendation: o.recommendation, flaggedForDiscussion: o.flaggedForDiscussion },
          employerOpinion: a.employerOpinion,
        }];
      });
    if (candidates.length === 0) throw DomainError.rule('NO_CANDIDATES', `No application of committee ${committeeId} is ready for a vote (accepted, with the panel's opinion)`);
    const meetingId = this.runner.newId();
    const definition: MeetingDefinition = {
      meetingId,
      year,
      committeeId,
      centre: committee.centre,
      levels: committee.levels,
      members: committee.members,
      candidates,
      rules: { quorum: session.settings.quorum, passThreshold: session.settings.passThreshold, conflictTypes: session.settings.conflictTypes },
      scheduledFor: day,
    };
    const now = this.runner.now();
    // validate the whole meeting before any candidate is locked
    committeeMeetingDecider.decide({ type: 'ScheduleMeeting', actor, now, ...definition }, committeeMeetingInitialState());
    // each candidate's review is its own stream: the locks are decided at once and share commits
    await forEachConcurrently(candidates, COMMANDS_AT_ONCE, async (c) => {
      await this.runner.run(centreReviewStreamId(c.candidateId), centreReviewDecider, () => ({ type: 'LockForVote' as const, actor, now, meetingId }), actor);
    });
    await this.runner.run(committeeMeetingStreamId(meetingId), committeeMeetingDecider, () => ({ type: 'ScheduleMeeting' as const, actor, now, ...definition }), actor);
    return { meetingId, committeeId, candidates: candidates.map((c) => c.candidateId) };
  }
}

export class IssueBallotsCommand {
  constructor(
    readonly actor: Actor,
    readonly meetingId: string,
    /** The candidates to vote on; absent: every candidate of the agenda whose ballots are not issued yet. */
    readonly candidateIds: readonly string[] | undefined,
    readonly announcedRecusals: readonly AnnouncedRecusal[] = [],
  ) {}
}

export interface IssuedRound {
  readonly round: number;
  readonly candidateIds: readonly string[];
  /** Who receives a sheet (sorted); the codes are not in the same order. */
  readonly recipients: readonly string[];
  /** The sheets' codes, shuffled, to be handed out like paper ballots. */
  readonly codes: readonly string[];
}

/**
 * 无记名投票: ballot sheets for the candidates, grouped in rounds of candidates with the same
 * eligible voters; one random code per voter and round. Only the codes' hashes are recorded; the
 * codes are returned shuffled, to be handed out like paper ballots, so no record links a code to
 * a member. All rounds are issued in one append, or none.
 */
@CommandHandler(IssueBallotsCommand)
export class IssueBallotsHandler implements ICommandHandler<IssueBallotsCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ actor, meetingId, candidateIds, announcedRecusals }: IssueBallotsCommand): Promise<{ meetingId: string; rounds: IssuedRound[] }> {
    if (candidateIds !== undefined && (!Array.isArray(candidateIds) || candidateIds.some((id) => typeof id !== 'string'))) {
      throw DomainError.invalid([{ path: '/candidateIds', message: 'candidateIds must be a list of candidate ids' }]);
    }
    if (!Array.isArray(announcedRecusals)) throw DomainError.invalid([{ path: '/announcedRecusals', message: 'announcedRecusals must be a list' }]);
    let planned: { candidateIds: string[]; recipients: string[]; codes: string[] }[] = [];
    let firstRound = 0;
    await this.runner.run(
      committeeMeetingStreamId(meetingId),
      committeeMeetingDecider,
      (state) => {
        if (!state.meeting) throw DomainError.notFound(`No meeting ${echo(meetingId)}`, 'MEETING_NOT_FOUND');
        const wanted = candidateIds ?? candidatesAwaitingBallots(state);
        if (wanted.length === 0) throw DomainError.rule('NO_CANDIDATES_AWAITING_BALLOTS', `Every candidate of meeting ${meetingId} already has its ballots (or was removed)`);
        for (const id of wanted) if (!state.votes[id]) throw DomainError.notFound(`Candidate ${id} is not on the agenda of meeting ${meetingId}`, 'CANDIDATE_NOT_ON_AGENDA');
        firstRound = state.rounds.length + 1;
        planned = planBallotRounds(state, wanted, announcedRecusals).map((r) => ({ candidateIds: r.candidateIds, recipients: r.recipients, codes: shuffledCodes(r.recipients.length) }));
        return {
          type: 'IssueBallots' as const,
          actor,
          now: this.runner.now(),
          rounds: planned.map((r) => ({ candidateIds: r.candidateIds, codeHashes: r.codes.map((c) => sha256Hex(c)) })),
          announcedRecusals,
        };
      },
      actor,
    );
    return { meetingId, rounds: planned.map((r, i) => ({ round: firstRound + i, ...r })) };
  }
}

function shuffledCodes(n: number): string[] {
  const codes = Array.from({ length: n }, () => randomBytes(12).toString('base64url'));
  for (let i = codes.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [codes[i], codes[j]] = [codes[j], codes[i]];
  }
  return codes;
}

type Without<T> = T extends unknown ? Omit<T, 'actor' | 'now'> : never;
export class MeetingActionCommand {
  constructor(
    readonly actor: Actor,
    readonly meetingId: string,
    readonly action: Without<Extract<CommitteeMeetingCommand, { type: 'RegisterAttendance' | 'OpenMeeting' | 'CastBallot' | 'CloseVoting' | 'CloseMeeting' | 'RemoveCandidate' }>>,
  ) {}
}

/** Attendance, opening, casting (anonymous: the member is stripped from the event), closing. */
@CommandHandler(MeetingActionCommand)
export class MeetingActionHandler implements ICommandHandler<MeetingActionCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ actor, meetingId, action }: MeetingActionCommand) {
    const anonymous = action.type === 'CastBallot';
    const outcome = await this.runner.run(
      committeeMeetingStreamId(meetingId),
      committeeMeetingDecider,
      (state) => {
        if (!state.meeting) throw DomainError.notFound(`No meeting ${echo(meetingId)}`, 'MEETING_NOT_FOUND');
        return { ...action, actor, now: this.runner.now() } as CommitteeMeetingCommand;
      },
      actor,
      { anonymous },
    );
    const decided = outcome.events.flatMap((e) => (e.type === 'CandidatePassed' || e.type === 'CandidateFailed' ? [[(e.data as { candidateId: string }).candidateId, e.type === 'CandidatePassed' ? 'PASSED' : 'FAILED'] as const] : []));
    return {
      meetingId,
      events: outcome.events.map((e) => e.type),
      ...(decided.length > 0 ? { decisions: Object.fromEntries(decided) } : {}),
      // a round of one candidate (the candidate's own endpoints): its decision alone
      ...(decided.length === 1 ? { decision: decided[0][1] } : {}),
    };
  }
}
