import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { DomainError, echo, parseYear, type Actor } from '@bj/kernel';
import { candidateBallots, committeeMeetingDecider, committeeMeetingStreamId, type AnnouncedRecusal, type BallotChoice, type BallotMark, type CommitteeMeetingState, type MeetingDefinition } from '@bj/session-domain';
import { CommandRunner, CurrentActor, Roles } from '@bj/service-kit';
import { ReviewBoardProjection, type MeetingSummary } from '../../board/review-board.projection';
import { IssueBallotsCommand, MeetingActionCommand, ScheduleMeetingCommand } from './committee-meeting.handler';

function view(meetingId: string, s: CommitteeMeetingState & { readonly meeting: MeetingDefinition }) {
  const m = s.meeting;
  return {
    meetingId,
    year: m.year,
    committeeId: m.committeeId,
    centre: m.centre,
    scheduledFor: m.scheduledFor,
    membersTotal: m.members.length,
    present: s.present,
    opened: s.opened,
    closed: s.closed,
    candidates: m.candidates.map((c) => ({ candidateId: c.candidateId, name: c.applicant.name, employer: c.employer.name, level: c.level, direction: c.direction, panelOpinion: c.panelOpinion, employerOpinion: c.employerOpinion })),
    // counts only while voting (the trend would leak); the published ballots come with each result
    votes: Object.fromEntries(
      m.candidates.map((c) => {
        const { round, choices } = candidateBallots(s, c.candidateId);
        return [c.candidateId, { status: s.votes[c.candidateId].status, round: round?.round ?? null, requiredYes: round?.requiredYes ?? null, ballotsIssued: round?.ballotsIssued ?? 0, ballotsCast: choices.length }];
      }),
    ),
    rounds: s.rounds.map((r) => ({ round: r.round, candidateIds: r.candidateIds, ballotsIssued: r.ballotsIssued, ballotsCast: Object.keys(r.cast).length, closed: r.closed })),
  };
}

const announcedRecusalsSchema = {
  type: 'array',
  items: { type: 'object', required: ['candidateId', 'memberId', 'conflictType', 'details'], properties: { candidateId: { type: 'string' }, memberId: { type: 'string' }, conflictType: { type: 'string' }, details: { type: 'string' } } },
};
const choiceSchema = { enum: ['YES', 'NO', 'ABSTAIN'] };

@ApiTags('committee meetings')
@ApiBearerAuth()
@Controller('api/v1/meetings')
export class CommitteeMeetingController {
  constructor(
    private readonly commands: CommandBus,
    private readonly board: ReviewBoardProjection,
    private readonly runner: CommandRunner,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('CENTRE_STAFF')
  @ApiBody({ schema: { type: 'object', required: ['year', 'committeeId'], properties: { year: { type: 'integer' }, committeeId: { type: 'string' }, scheduledFor: { type: 'string', format: 'date' }, agendaSize: { type: 'integer', default: 300, description: 'at most this many candidates; the rest go to the next meeting' } } } })
  schedule(@CurrentActor() actor: Actor, @Body() body: { year: number; committeeId: string; scheduledFor?: string; agendaSize?: number }) {
    if (!Number.isInteger(body?.year)) throw DomainError.invalid([{ path: '/year', message: 'year is required, a whole number' }]);
    if (typeof body?.committeeId !== 'string') throw DomainError.invalid([{ path: '/committeeId', message: 'committeeId is required' }]);
    return this.commands.execute(new ScheduleMeetingCommand(actor, body.year, body.committeeId, body.scheduledFor, body.agendaSize));
  }

  @Get()
  @Roles('CENTRE_STAFF', 'COMMITTEE_MEMBER', 'AUDITOR')
  list(@CurrentActor() actor: Actor, @Query('year') yearText?: string) {
    const year = yearText === undefined ? undefined : parseYear(yearText);
    return this.board
      .allMeetings()
      .filter((m) => (year === undefined || m.year === year) && this.mayRead(actor, m))
      .map((m) => ({ meetingId: m.meetingId, year: m.year, committeeId: m.committeeId, scheduledFor: m.scheduledFor, opened: m.opened, closed: m.closed, candidates: m.candidates }));
  }

  @Get(':id')
  @Roles('CENTRE_STAFF', 'COMMITTEE_MEMBER', 'AUDITOR')
  async get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const summary = this.board.meeting(id);
    if (!summary) throw DomainError.notFound(`No meeting ${echo(id)}`, 'MEETING_NOT_FOUND');
    if (!this.mayRead(actor, summary)) throw DomainError.forbidden('Only the committee, its centre and auditors see this meeting', 'NOT_VISIBLE');
    // the meeting's state, folded from its stream (cached by the runner, which folds only what is new)
    const { state } = await this.runner.load(committeeMeetingStreamId(id), committeeMeetingDecider);
    const { meeting } = state;
    if (!meeting) throw DomainError.notFound(`No meeting ${echo(id)}`, 'MEETING_NOT_FOUND');
    return view(id, { ...state, meeting });
  }

  private mayRead(actor: Actor, m: Readonly<MeetingSummary>): boolean {
    if (actor.role === 'COMMITTEE_MEMBER') return m.memberIds.includes(actor.id);
    if (actor.role === 'CENTRE_STAFF') return !actor.centre || actor.centre === m.centre;
    return actor.role === 'AUDITOR';
  }

  /** 签到: the centre records who is present (or a member signs in themself). */
  @Post(':id/attendance')
  @HttpCode(200)
  @Roles('CENTRE_STAFF', 'COMMITTEE_MEMBER')
  @ApiBody({ schema: { type: 'object', properties: { memberId: { type: 'string' } } } })
  attend(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: { memberId?: string }) {
    const memberId = actor.role === 'COMMITTEE_MEMBER' ? actor.id : body?.memberId;
    if (actor.role === 'COMMITTEE_MEMBER' && body?.memberId && body.memberId !== actor.id) throw DomainError.forbidden('A member signs in only themself (no proxy)', 'NO_PROXY');
    return this.commands.execute(new MeetingActionCommand(actor, id, { type: 'RegisterAttendance', memberId: memberId as string }));
  }

  @Post(':id/open')
  @HttpCode(200)
  @Roles('CENTRE_STAFF')
  open(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.commands.execute(new MeetingActionCommand(actor, id, { type: 'OpenMeeting' }));
  }

  /**
   * 发放选票: ballot sheets for the given candidates (default: all awaiting), grouped in rounds of
   * candidates with the same eligible voters. Answers each round's recipients and its codes,
   * shuffled, to hand out like paper ballots.
   */
  @Post(':id/ballots')
  @HttpCode(200)
  @Roles('CENTRE_STAFF')
  @ApiBody({ schema: { type: 'object', properties: { candidateIds: { type: 'array', items: { type: 'string' } }, announcedRecusals: announcedRecusalsSchema } } })
  issueRounds(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: { candidateIds?: string[]; announcedRecusals?: AnnouncedRecusal[] }) {
    return this.commands.execute(new IssueBallotsCommand(actor, id, body?.candidateIds, body?.announcedRecusals ?? []));
  }

  /** 投票: a ballot sheet, its code and a mark for every candidate on it. The member is not recorded. */
  @Post(':id/votes')
  @HttpCode(200)
  @Roles('COMMITTEE_MEMBER')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['ballotCode', 'choices'],
      properties: { ballotCode: { type: 'string' }, choices: { type: 'array', items: { type: 'object', required: ['candidateId', 'choice'], properties: { candidateId: { type: 'string' }, choice: choiceSchema } } } },
    },
  })
  castSheet(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: { ballotCode: string; choices: BallotMark[] }) {
    return this.commands.execute(new MeetingActionCommand(actor, id, { type: 'CastBallot', ballotCode: body?.ballotCode, choices: body?.choices })).then(() => ({ meetingId: id, recorded: true }));
  }

  /** 唱票计票: opens the ballot box of a round and decides each of its candidates. */
  @Post(':id/rounds/:round/close')
  @HttpCode(200)
  @Roles('CENTRE_STAFF')
  closeRound(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('round') round: string) {
    if (!/^[1-9]\d{0,5}$/.test(round)) throw DomainError.invalid([{ path: '/round', message: 'round must be a whole number from 1' }]);
    return this.commands.execute(new MeetingActionCommand(actor, id, { type: 'CloseVoting', round: Number(round) }));
  }

  /** One candidate on its own ballot sheet (a round of one), e.g. a candidate discussed apart. */
  @Post(':id/candidates/:candidateId/ballots')
  @HttpCode(200)
  @Roles('CENTRE_STAFF')
  @ApiBody({ schema: { type: 'object', properties: { announcedRecusals: announcedRecusalsSchema } } })
  async ballots(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('candidateId') candidateId: string, @Body() body: { announcedRecusals?: Omit<AnnouncedRecusal, 'candidateId'>[] }) {
    const announced = Array.isArray(body?.announcedRecusals) ? body.announcedRecusals.map((a) => ({ ...a, candidateId })) : [];
    const { rounds } = await this.commands.execute(new IssueBallotsCommand(actor, id, [candidateId], announced));
    const [r] = rounds as { round: number; recipients: string[]; codes: string[] }[];
    return { meetingId: id, candidateId, round: r.round, ballots: r.codes.length, recipients: r.recipients, codes: r.codes };
  }

  /** The vote on a candidate alone on its ballot sheet. The member is not recorded. */
  @Post(':id/candidates/:candidateId/vote')
  @HttpCode(200)
  @Roles('COMMITTEE_MEMBER')
  @ApiBody({ schema: { type: 'object', required: ['ballotCode', 'choice'], properties: { ballotCode: { type: 'string' }, choice: choiceSchema } } })
  vote(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('candidateId') candidateId: string, @Body() body: { ballotCode: string; choice: BallotChoice }) {
    return this.commands
      .execute(new MeetingActionCommand(actor, id, { type: 'CastBallot', ballotCode: body?.ballotCode, choices: [{ candidateId, choice: body?.choice }] }))
      .then(() => ({ meetingId: id, candidateId, recorded: true }));
  }

  /** Closes the vote of the round the candidate is in (with every other candidate of that round). */
  @Post(':id/candidates/:candidateId/close')
  @HttpCode(200)
  @Roles('CENTRE_STAFF')
  closeVoting(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('candidateId') candidateId: string) {
    return this.commands.execute(new MeetingActionCommand(actor, id, { type: 'CloseVoting', candidateId }));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('CENTRE_STAFF')
  close(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.commands.execute(new MeetingActionCommand(actor, id, { type: 'CloseMeeting' }));
  }
}

