import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { DomainError, type Actor } from '@bj/kernel';
import type { AnnouncedRecusal, BallotChoice } from '@bj/session-domain';
import { CurrentActor, Roles } from '@bj/service-kit';
import { ReviewBoardProjection, type ScheduledMeeting } from '../../board/review-board.projection';
import { IssueBallotsCommand, MeetingActionCommand, ScheduleMeetingCommand } from './committee-meeting.handler';

function view(meetingId: string, s: ScheduledMeeting) {
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
    // tallies and published ballots (code hash + choice), never who voted how
    votes: s.votes,
  };
}

@ApiTags('committee meetings')
@ApiBearerAuth()
@Controller('api/v1/meetings')
export class CommitteeMeetingController {
  constructor(
    private readonly commands: CommandBus,
    private readonly board: ReviewBoardProjection,
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
  list(@CurrentActor() actor: Actor, @Query('year') year?: string) {
    return this.board
      .allMeetings()
      .filter(([, s]) => (!year || s.meeting.year === Number(year)) && this.mayRead(actor, s))
      .map(([id, s]) => ({ meetingId: id, year: s.meeting.year, committeeId: s.meeting.committeeId, scheduledFor: s.meeting.scheduledFor, opened: s.opened, closed: s.closed, candidates: s.meeting.candidates.length }));
  }

  @Get(':id')
  @Roles('CENTRE_STAFF', 'COMMITTEE_MEMBER', 'AUDITOR')
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const s = this.board.meeting(id);
    if (!s) throw DomainError.notFound(`No meeting ${id}`, 'MEETING_NOT_FOUND');
    if (!this.mayRead(actor, s)) throw DomainError.forbidden('Only the committee, its centre and auditors see this meeting', 'NOT_VISIBLE');
    return view(id, s);
  }

  private mayRead(actor: Actor, s: ScheduledMeeting): boolean {
    const m = s.meeting;
    if (actor.role === 'COMMITTEE_MEMBER') return m.members.some((x) => x.memberId === actor.id);
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

  @Post(':id/candidates/:candidateId/ballots')
  @HttpCode(200)
  @Roles('CENTRE_STAFF')
  @ApiBody({ schema: { type: 'object', properties: { announcedRecusals: { type: 'array', items: { type: 'object' } } } } })
  ballots(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('candidateId') candidateId: string, @Body() body: { announcedRecusals?: AnnouncedRecusal[] }) {
    return this.commands.execute(new IssueBallotsCommand(actor, id, candidateId, body?.announcedRecusals ?? []));
  }

  /** Casting carries the ballot code only; the member is not recorded. */
  @Post(':id/candidates/:candidateId/vote')
  @HttpCode(200)
  @Roles('COMMITTEE_MEMBER')
  @ApiBody({ schema: { type: 'object', required: ['ballotCode', 'choice'], properties: { ballotCode: { type: 'string' }, choice: { enum: ['YES', 'NO', 'ABSTAIN'] } } } })
  vote(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('candidateId') candidateId: string, @Body() body: { ballotCode: string; choice: BallotChoice }) {
    return this.commands.execute(new MeetingActionCommand(actor, id, { type: 'CastBallot', candidateId, ballotCode: body?.ballotCode, choice: body?.choice })).then(() => ({ meetingId: id, candidateId, recorded: true }));
  }

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

