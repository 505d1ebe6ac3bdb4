// 评委会表决: one meeting of a committee voting by secret ballot (无记名投票), stream `committee-meeting-<meetingId>`.
import { Centres, Directions, DomainError, Levels, type Centre, type Decider, type Direction, type Level } from '@bj/kernel';
import { checkRelations, type CommitteeMember } from './annual-session';
import { ConflictTypes, conflictsBetween, isConflictType, type ConflictType } from './conflicts';
import { ProblemList, SHA256_HEX, ceilFraction, duplicates, eventFactory, requireRole, sha256Hex, today, type Fraction, type SessionCommand, type SessionEvent } from './shared';

export const committeeMeetingStreamId = (meetingId: string): string => `committee-meeting-${meetingId}`;

export const BallotChoices = ['YES', 'NO', 'ABSTAIN'] as const;
export type BallotChoice = (typeof BallotChoices)[number];

/** An application on the agenda; `candidateId` is the application's id. */
export interface MeetingCandidate {
  readonly candidateId: string;
  readonly applicant: { readonly name: string; readonly idNumber: string };
  readonly employer: { readonly name: string; readonly creditCode: string };
  readonly level: Level;
  readonly direction: Direction;
  /** The professional panel's opinion (专业评议组意见), which the committee sees. */
  readonly panelOpinion: { readonly aggregate: number; readonly ruleCode: string; readonly recommendation: 'RECOMMEND' | 'NOT_RECOMMEND'; readonly flaggedForDiscussion: boolean };
  /** 推荐意见 of the employer. */
  readonly employerOpinion?: string;
}

/** The session's voting settings, frozen when the meeting is scheduled. */
export interface MeetingRules {
  readonly quorum: Fraction;
  readonly passThreshold: Fraction;
  readonly conflictTypes: readonly ConflictType[];
}

export interface MeetingDefinition {
  readonly meetingId: string;
  readonly year: number;
  readonly committeeId: string;
  readonly centre: Centre;
  readonly levels: readonly Level[];
  /** The committee's members, as in the session. */
  readonly members: readonly CommitteeMember[];
  readonly candidates: readonly MeetingCandidate[];
  readonly rules: MeetingRules;
  readonly scheduledFor: string;
}

/** A recusal known outside the data (e.g. announced at the meeting), for one candidate. */
export interface AnnouncedRecusal {
  readonly candidateId: string;
  readonly memberId: string;
  readonly conflictType: ConflictType;
  readonly details: string;
}

export type ScheduleMeeting = SessionCommand<'ScheduleMeeting', MeetingDefinition>;
export type RegisterAttendance = SessionCommand<'RegisterAttendance', { readonly memberId: string }>;
export type OpenMeeting = SessionCommand<'OpenMeeting'>;
/** Takes a candidate off the agenda before its ballots are issued (e.g. the applicant withdrew). */
export type RemoveCandidate = SessionCommand<'RemoveCandidate', { readonly candidateId: string; readonly reason: string }>;
/**
 * One ballot round (一轮投票): a ballot sheet (选票) listing `candidateIds` for every member eligible
 * to vote on all of them. Candidates share a round only when they have the same eligible voters
 * (the same recusals), so that no sheet's content tells whose it is.
 */
export interface BallotRoundRequest {
  readonly candidateIds: readonly string[];
  /** SHA-256 hashes of the sheets' codes, one per eligible voter. */
  readonly codeHashes: readonly string[];
}
/**
 * Issues ballot sheets for one or more rounds. The codes are random, generated outside and handed
 * to the members unrecorded; the command carries only their SHA-256 hashes, as many per round as
 * `planBallotRounds` finds voters.
 */
export type IssueBallots = SessionCommand<'IssueBallots', { readonly rounds: readonly BallotRoundRequest[]; readonly announcedRecusals?: readonly AnnouncedRecusal[] }>;
/** One mark on a ballot sheet. */
export interface BallotMark {
  readonly candidateId: string;
  readonly choice: BallotChoice;
}
/**
 * Drops a ballot sheet in the box: its code and a mark for every candidate of its round. Carries
 * the code, never the member: the service must also strip the actor from this event's metadata.
 */
export type CastBallot = SessionCommand<'CastBallot', { readonly ballotCode: string; readonly choices: readonly BallotMark[] }>;
/** Opens the ballot box of a round (given by number, or by one of its candidates): every candidate of the round is decided. */
export type CloseVoting = SessionCommand<'CloseVoting', { readonly round: number } | { readonly candidateId: string }>;
export type CloseMeeting = SessionCommand<'CloseMeeting'>;
export type CommitteeMeetingCommand = ScheduleMeeting | RegisterAttendance | OpenMeeting | RemoveCandidate | IssueBallots | CastBallot | CloseVoting | CloseMeeting;

export interface Recusal {
  readonly candidateId: string;
  readonly memberId: string;
  readonly conflictTypes: readonly ConflictType[];
  /** FROM_DATA: found from the member's employer and declared relations; ANNOUNCED: declared at the meeting. */
  readonly source: 'FROM_DATA' | 'ANNOUNCED';
  readonly details: string | null;
}

export interface Tally {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly ballotsIssued: number;
  readonly ballotsCast: number;
}

export interface PublishedBallot {
  readonly codeHash: string;
  readonly choice: BallotChoice;
}

export type MeetingScheduled = SessionEvent<'MeetingScheduled', MeetingDefinition & { readonly scheduledBy: string }>;
export type AttendanceRegistered = SessionEvent<'AttendanceRegistered', { readonly meetingId: string; readonly memberId: string; readonly registeredBy: string; readonly registeredAt: string }>;
export type MeetingOpened = SessionEvent<
  'MeetingOpened',
  { readonly meetingId: string; readonly membersTotal: number; readonly presentMemberIds: readonly string[]; readonly quorum: Fraction; readonly quorumRequired: number; readonly openedAt: string }
>;
export type CandidateRemoved = SessionEvent<'CandidateRemoved', { readonly meetingId: string; readonly candidateId: string; readonly reason: string; readonly removedAt: string }>;
export type BallotsIssued = SessionEvent<
  'BallotsIssued',
  {
    readonly meetingId: string;
    /** 1, 2, … in the order the meeting's rounds were issued. */
    readonly round: number;
    /** The candidates on the round's ballot sheet, in agenda order. */
    readonly candidateIds: readonly string[];
    readonly membersPresent: number;
    /** Who received a sheet: present members minus recusals, sorted. */
    readonly recipientMemberIds: readonly string[];
    /** Per candidate of the round: who recused and why. */
    readonly recusals: readonly Recusal[];
    /** The SHA-256 hashes of the ballot codes, sorted: nothing links a hash to a recipient. */
    readonly codeHashes: readonly string[];
    readonly ballotsIssued: number;
    readonly passThreshold: Fraction;
    /** ceil(passThreshold × membersPresent) */
    readonly requiredYes: number;
    readonly issuedAt: string;
  }
>;
/** Secret: the round, the hash of the sheet's code and its marks, never a member id. */
export type BallotCast = SessionEvent<'BallotCast', { readonly round: number; readonly codeHash: string; readonly choices: readonly BallotMark[] }>;
export type VotingClosed = SessionEvent<
  'VotingClosed',
  {
    readonly meetingId: string;
    readonly candidateId: string;
    readonly tally: Tally;
    /** Every ballot cast, sorted by code hash: a member can check their own with their code. */
    readonly ballots: readonly PublishedBallot[];
    readonly membersPresent: number;
    readonly passThreshold: Fraction;
    readonly requiredYes: number;
    readonly closedAt: string;
  }
>;
interface CandidateDecision {
  readonly meetingId: string;
  readonly candidateId: string;
  readonly year: number;
  readonly committeeId: string;
  readonly centre: Centre;
  readonly applicant: { readonly name: string; readonly idNumber: string };
  readonly employer: { readonly name: string; readonly creditCode: string };
  readonly level: Level;
  readonly direction: Direction;
  readonly yes: number;
  readonly requiredYes: number;
  readonly membersPresent: number;
  /** The day of the vote (Beijing date): the qualification date when the certificate is issued. */
  readonly decidedOn: string;
}
export type CandidatePassed = SessionEvent<'CandidatePassed', CandidateDecision>;
export type CandidateFailed = SessionEvent<'CandidateFailed', CandidateDecision>;
export type MeetingClosed = SessionEvent<
  'MeetingClosed',
  { readonly meetingId: string; readonly passed: readonly string[]; readonly failed: readonly string[]; readonly removed: readonly string[]; readonly closedAt: string }
>;
export type CommitteeMeetingEvent =
  | MeetingScheduled
  | AttendanceRegistered
  | MeetingOpened
  | CandidateRemoved
  | BallotsIssued
  | BallotCast
  | VotingClosed
  | CandidatePassed
  | CandidateFailed
  | MeetingClosed;

export type CandidateVoteStatus = 'ON_AGENDA' | 'REMOVED' | 'VOTING' | 'PASSED' | 'FAILED';

export interface CandidateVote {
  readonly status: CandidateVoteStatus;
  /** The round the candidate is voted in; 0 until its ballots are issued. */
  readonly round: number;
}

export interface BallotRound {
  readonly round: number;
  readonly candidateIds: readonly string[];
  readonly codeHashes: readonly string[];
  readonly requiredYes: number;
  readonly ballotsIssued: number;
  /** codeHash → the marks of that sheet, by candidate. */
  readonly cast: Readonly<Record<string, Readonly<Record<string, BallotChoice>>>>;
  readonly closed: boolean;
}

export interface CommitteeMeetingState {
  readonly meeting: MeetingDefinition | null;
  readonly present: readonly string[];
  readonly opened: boolean;
  readonly closed: boolean;
  readonly votes: Readonly<Record<string, CandidateVote>>;
  /** The rounds in order: `rounds[n - 1]` is round n. */
  readonly rounds: readonly BallotRound[];
  /** Every code hash issued in this meeting → its round (a code is never reused). */
  readonly roundOfHash: Readonly<Record<string, number>>;
}

export const committeeMeetingInitialState = (): CommitteeMeetingState => ({ meeting: null, present: [], opened: false, closed: false, votes: {}, rounds: [], roundOfHash: {} });

const event = eventFactory<CommitteeMeetingEvent>();
const sorted = (xs: readonly string[]): string[] => [...xs].sort();

function validateSchedule(d: MeetingDefinition): void {
  const p = new ProblemList();
  p.text(d.meetingId, '/meetingId');
  p.integer(d.year, '/year', 2020, 2100);
  p.text(d.committeeId, '/committeeId');
  p.check(Centres.is(d.centre), '/centre', `must be one of ${Centres.values.join(', ')}`);
  p.date(d.scheduledFor, '/scheduledFor');
  const levelsOk = p.check(Array.isArray(d.levels) && d.levels.length > 0 && d.levels.every((l) => Levels.is(l)), '/levels', `must list the committee's levels (${Levels.values.join(', ')})`);
  if (p.check(Array.isArray(d.members) && d.members.length > 0, '/members', "must list the committee's members")) {
    d.members.forEach((m, i) => {
      p.text(m?.memberId, `/members/${i}/memberId`);
      p.text(m?.name, `/members/${i}/name`);
      checkRelations(p, m?.relations, `/members/${i}/relations`);
    });
    for (const x of duplicates(d.members.map((m) => m.memberId))) p.add('/members', `member ${x} is listed twice`);
  }
  if (p.check(Array.isArray(d.candidates) && d.candidates.length > 0, '/candidates', 'needs at least one candidate with a panel opinion')) {
    d.candidates.forEach((c, i) => {
      const path = `/candidates/${i}`;
      p.text(c?.candidateId, `${path}/candidateId`);
      p.text(c?.applicant?.name, `${path}/applicant/name`);
      p.text(c?.applicant?.idNumber, `${path}/applicant/idNumber`);
      p.text(c?.employer?.name, `${path}/employer/name`);
      p.text(c?.employer?.creditCode, `${path}/employer/creditCode`);
      p.check(Directions.is(c?.direction), `${path}/direction`, `must be one of ${Directions.values.join(', ')}`);
      if (levelsOk) p.check(d.levels.includes(c?.level), `${path}/level`, `must be one of this committee's levels (${d.levels.join(', ')})`);
      p.check(!!c?.panelOpinion && typeof c.panelOpinion.aggregate === 'number' && !!c.panelOpinion.ruleCode, `${path}/panelOpinion`, "is required: a candidate comes with its panel's opinion");
    });
    for (const x of duplicates(d.candidates.map((c) => c.candidateId))) p.add('/candidates', `candidate ${x} is listed twice`);
  }
  const r = d.rules;
  if (p.check(!!r && typeof r === 'object', '/rules', 'is required (quorum, passThreshold, conflictTypes)')) {
    for (const key of ['quorum', 'passThreshold'] as const) {
      const f = r[key];
      p.check(!!f && Number.isInteger(f.numerator) && Number.isInteger(f.denominator) && f.numerator > 0 && f.denominator >= f.numerator, `/rules/${key}`, 'must be a fraction {numerator, denominator} between 0 and 1');
    }
    p.check(Array.isArray(r.conflictTypes) && r.conflictTypes.every(isConflictType), '/rules/conflictTypes', `must list conflict types among ${ConflictTypes.join(', ')}`);
  }
  p.throwIfAny('The meeting cannot be scheduled');
}

function requireMeeting(state: CommitteeMeetingState): MeetingDefinition {
  if (!state.meeting) throw DomainError.notFound('No such meeting', 'MEETING_NOT_SCHEDULED');
  return state.meeting;
}

function requireRunning(state: CommitteeMeetingState, what: string): MeetingDefinition {
  const meeting = requireMeeting(state);
  if (state.closed) throw DomainError.rule('MEETING_CLOSED', `${what} is not possible: the meeting is closed`);
  if (!state.opened) throw DomainError.rule('MEETING_NOT_OPEN', `${what} is not possible before the meeting is opened with a quorum`);
  return meeting;
}

function requireCandidate(meeting: MeetingDefinition, candidateId: string): MeetingCandidate {
  const c = meeting.candidates.find((x) => x.candidateId === candidateId);
  if (!c) throw DomainError.notFound(`Candidate ${candidateId} is not on the agenda of meeting ${meeting.meetingId}`, 'CANDIDATE_NOT_ON_AGENDA');
  return c;
}

/**
 * Who gets a ballot for a candidate: the members present, minus those who must recuse — from
 * data (same employer, declared relations, by the session's conflict types) or announced.
 */
export function eligibleVoters(state: CommitteeMeetingState, candidateId: string, announced: readonly AnnouncedRecusal[] = []): { recipients: string[]; recusals: Recusal[] } {
  const meeting = requireMeeting(state);
  const candidate = requireCandidate(meeting, candidateId);
  const recusals: Recusal[] = [];
  for (const memberId of sorted(state.present)) {
    const member = meeting.members.find((m) => m.memberId === memberId);
    if (!member) continue;
    const fromData = conflictsBetween(member, candidate, meeting.rules.conflictTypes);
    const told = announced.filter((a) => a.memberId === memberId && a.candidateId === candidateId);
    if (fromData.length > 0) recusals.push({ candidateId, memberId, conflictTypes: fromData, source: 'FROM_DATA', details: told.map((a) => a.details).join('; ') || null });
    else if (told.length > 0) recusals.push({ candidateId, memberId, conflictTypes: ConflictTypes.filter((t) => told.some((a) => a.conflictType === t)), source: 'ANNOUNCED', details: told.map((a) => a.details).join('; ') });
  }
  const recused = new Set(recusals.map((r) => r.memberId));
  return { recipients: sorted(state.present).filter((id) => !recused.has(id)), recusals };
}

export interface PlannedRound {
  readonly candidateIds: string[];
  readonly recipients: string[];
  readonly recusals: Recusal[];
}

/**
 * Groups candidates into ballot rounds by their eligible voters, keeping the given order: the
 * candidates nobody recuses for share one round; those with recusals go with others that have
 * exactly the same recusals.
 */
export function planBallotRounds(state: CommitteeMeetingState, candidateIds: readonly string[], announced: readonly AnnouncedRecusal[] = []): PlannedRound[] {
  const rounds = new Map<string, PlannedRound>();
  for (const candidateId of candidateIds) {
    const { recipients, recusals } = eligibleVoters(state, candidateId, announced);
    const key = recipients.join('\u0000');
    const round = rounds.get(key);
    if (round) {
      round.candidateIds.push(candidateId);
      round.recusals.push(...recusals);
    } else rounds.set(key, { candidateIds: [candidateId], recipients, recusals });
  }
  return [...rounds.values()];
}

/** The candidates of the agenda whose ballots are not issued yet, in agenda order. */
export function candidatesAwaitingBallots(state: CommitteeMeetingState): string[] {
  return (state.meeting?.candidates ?? []).map((c) => c.candidateId).filter((id) => state.votes[id]?.status === 'ON_AGENDA');
}

/** A candidate's round and the marks cast for it so far (secret: choices only, no codes). */
export function candidateBallots(state: CommitteeMeetingState, candidateId: string): { round: BallotRound | null; choices: BallotChoice[] } {
  const roundNo = state.votes[candidateId]?.round ?? 0;
  const round = roundNo > 0 ? state.rounds[roundNo - 1] : null;
  return { round, choices: round ? Object.values(round.cast).map((marks) => marks[candidateId]) : [] };
}

/** Counts ballots: the tally always equals the ballots. */
export function tallyBallots(ballots: readonly PublishedBallot[], ballotsIssued: number): Tally {
  return {
    yes: ballots.filter((b) => b.choice === 'YES').length,
    no: ballots.filter((b) => b.choice === 'NO').length,
    abstain: ballots.filter((b) => b.choice === 'ABSTAIN').length,
    ballotsIssued,
    ballotsCast: ballots.length,
  };
}

export function decideCommitteeMeeting(command: CommitteeMeetingCommand, state: CommitteeMeetingState): CommitteeMeetingEvent[] {
  const at = command.now;
  switch (command.type) {
    case 'ScheduleMeeting': {
      requireRole(command, ['CENTRE_STAFF'], 'Scheduling a committee meeting');
      if (state.meeting) throw DomainError.conflict(`Meeting ${state.meeting.meetingId} is already scheduled`, 'MEETING_ALREADY_SCHEDULED');
      validateSchedule(command);
      const d = command;
      return [
        event('MeetingScheduled', {
          meetingId: d.meetingId,
          year: d.year,
          committeeId: d.committeeId,
          centre: d.centre,
          levels: d.levels,
          members: d.members,
          candidates: d.candidates,
          rules: { quorum: d.rules.quorum, passThreshold: d.rules.passThreshold, conflictTypes: d.rules.conflictTypes },
          scheduledFor: d.scheduledFor,
          scheduledBy: command.actor.id,
        }),
      ];
    }
    case 'RegisterAttendance': {
      requireRole(command, ['CENTRE_STAFF', 'COMMITTEE_MEMBER'], 'Registering attendance');
      const meeting = requireMeeting(state);
      if (state.closed) throw DomainError.rule('MEETING_CLOSED', 'The meeting is closed');
      if (state.opened) throw DomainError.rule('ATTENDANCE_CLOSED', 'Attendance is registered before the meeting opens; a late member takes no part in the vote');
      const { memberId } = command;
      if (command.actor.role === 'COMMITTEE_MEMBER' && command.actor.id !== memberId) {
        throw DomainError.forbidden('A member signs in only for themselves (no proxy)', 'NO_PROXY');
      }
      if (!meeting.members.some((m) => m.memberId === memberId)) throw DomainError.rule('NOT_A_MEMBER', `${memberId} is not a member of committee ${meeting.committeeId}`, [{ path: '/memberId', message: 'not a member' }]);
      if (state.present.includes(memberId)) throw DomainError.conflict(`${memberId} is already registered as present`, 'ALREADY_PRESENT');
      return [event('AttendanceRegistered', { meetingId: meeting.meetingId, memberId, registeredBy: command.actor.id, registeredAt: at })];
    }
    case 'OpenMeeting': {
      requireRole(command, ['CENTRE_STAFF'], 'Opening the meeting');
      const meeting = requireMeeting(state);
      if (state.closed) throw DomainError.rule('MEETING_CLOSED', 'The meeting is closed');
      if (state.opened) throw DomainError.conflict('The meeting is already open', 'MEETING_ALREADY_OPEN');
      const required = ceilFraction(meeting.rules.quorum, meeting.members.length);
      if (state.present.length < required) {
        throw DomainError.rule('QUORUM_NOT_MET', `The meeting needs ${required} of its ${meeting.members.length} members present (${meeting.rules.quorum.numerator}/${meeting.rules.quorum.denominator}); ${state.present.length} are present`);
      }
      return [event('MeetingOpened', { meetingId: meeting.meetingId, membersTotal: meeting.members.length, presentMemberIds: sorted(state.present), quorum: meeting.rules.quorum, quorumRequired: required, openedAt: at })];
    }
    case 'RemoveCandidate': {
      requireRole(command, ['CENTRE_STAFF'], 'Removing a candidate');
      const meeting = requireMeeting(state);
      if (state.closed) throw DomainError.rule('MEETING_CLOSED', 'The meeting is closed');
      requireCandidate(meeting, command.candidateId);
      const vote = state.votes[command.candidateId];
      if (vote.status !== 'ON_AGENDA') throw DomainError.rule('CANDIDATE_VOTE_STARTED', `Candidate ${command.candidateId} is ${vote.status}; only a candidate whose ballots are not issued can be removed`);
      const p = new ProblemList();
      p.text(command.reason, '/reason');
      p.throwIfAny('The candidate cannot be removed');
      return [event('CandidateRemoved', { meetingId: meeting.meetingId, candidateId: command.candidateId, reason: command.reason, removedAt: at })];
    }
    case 'IssueBallots': {
      requireRole(command, ['CENTRE_STAFF'], 'Issuing ballots');
      const meeting = requireRunning(state, 'Issuing ballots');
      const p = new ProblemList();
      const announced = command.announcedRecusals ?? [];
      const requested: readonly BallotRoundRequest[] = Array.isArray(command.rounds) ? command.rounds : [];
      if (p.check(requested.length > 0, '/rounds', 'must list at least one round: { candidateIds, codeHashes }')) {
        requested.forEach((r, i) => {
          if (p.check(Array.isArray(r?.candidateIds) && r.candidateIds.length > 0, `/rounds/${i}/candidateIds`, 'must list the candidates on this ballot sheet')) {
            r.candidateIds.forEach((id, j) => p.text(id, `/rounds/${i}/candidateIds/${j}`));
          }
          if (p.check(Array.isArray(r?.codeHashes), `/rounds/${i}/codeHashes`, 'must be a list of SHA-256 hashes')) {
            r.codeHashes.forEach((h, j) => p.check(typeof h === 'string' && SHA256_HEX.test(h), `/rounds/${i}/codeHashes/${j}`, 'must be a SHA-256 hash in lower-case hex (64 characters)'));
          }
        });
      }
      announced.forEach((a, i) => {
        p.check(state.present.includes(a?.memberId), `/announcedRecusals/${i}/memberId`, 'must be a member present');
        p.check(requested.some((r) => r?.candidateIds?.includes(a?.candidateId)), `/announcedRecusals/${i}/candidateId`, 'must be a candidate of the ballots being issued');
        p.check(isConflictType(a?.conflictType), `/announcedRecusals/${i}/conflictType`, `must be one of ${ConflictTypes.join(', ')}`);
        p.text(a?.details, `/announcedRecusals/${i}/details`);
      });
      p.throwIfAny('The ballots cannot be issued');
      const all = requested.flatMap((r) => r.candidateIds);
      const twice = duplicates(all);
      if (twice.length > 0) throw DomainError.invalid([{ path: '/rounds', message: `candidate ${twice[0]} is on two ballot sheets` }], `The ballots cannot be issued: candidate ${twice[0]} is on two ballot sheets`);
      for (const id of all) {
        requireCandidate(meeting, id);
        const status = state.votes[id].status;
        if (status !== 'ON_AGENDA') throw DomainError.rule('BALLOTS_ALREADY_ISSUED', `Candidate ${id} is ${status}; ballots are issued once`);
      }
      const allHashes = requested.flatMap((r) => r.codeHashes);
      if (duplicates(allHashes).length > 0 || allHashes.some((h) => state.roundOfHash[h] !== undefined)) {
        throw DomainError.rule('DUPLICATE_BALLOT_CODE', 'Every ballot code is unique within the meeting; a hash repeats', [{ path: '/rounds', message: 'code hashes must be unique and new' }]);
      }
      const requiredYes = ceilFraction(meeting.rules.passThreshold, state.present.length);
      return requested.map((r, i) => {
        const [round, ...others] = planBallotRounds(state, r.candidateIds, announced);
        if (others.length > 0) {
          throw DomainError.rule(
            'BALLOT_ROUND_MIXES_VOTERS',
            `Candidates ${round.candidateIds[0]} and ${others[0].candidateIds[0]} have different eligible voters (recusals); a ballot sheet lists only candidates with the same voters, so put them in separate rounds`,
            [{ path: `/rounds/${i}/candidateIds`, message: 'candidates with different recusals' }],
          );
        }
        if (round.recipients.length === 0) throw DomainError.rule('NO_ELIGIBLE_VOTERS', `Every member present must recuse for candidate ${round.candidateIds[0]}; no ballot can be issued`);
        if (r.codeHashes.length !== round.recipients.length) {
          throw DomainError.rule('BALLOT_COUNT_MISMATCH', `${round.recipients.length} members are eligible to vote on ${round.candidateIds.join(', ')}; ${r.codeHashes.length} ballot code hashes were given`, [
            { path: `/rounds/${i}/codeHashes`, message: `needs exactly ${round.recipients.length}` },
          ]);
        }
        return event('BallotsIssued', {
          meetingId: meeting.meetingId,
          round: state.rounds.length + i + 1,
          candidateIds: round.candidateIds,
          membersPresent: state.present.length,
          recipientMemberIds: round.recipients,
          recusals: round.recusals,
          codeHashes: sorted(r.codeHashes),
          ballotsIssued: round.recipients.length,
          passThreshold: meeting.rules.passThreshold,
          requiredYes,
          issuedAt: at,
        });
      });
    }
    case 'CastBallot': {
      requireRole(command, ['COMMITTEE_MEMBER'], 'Casting a ballot');
      requireMeeting(state);
      const p = new ProblemList();
      p.text(command.ballotCode, '/ballotCode');
      const marks: readonly BallotMark[] = Array.isArray(command.choices) ? command.choices : [];
      if (p.check(marks.length > 0, '/choices', 'must mark the candidates of the ballot sheet: [{ candidateId, choice }]')) {
        marks.forEach((m, i) => {
          p.text(m?.candidateId, `/choices/${i}/candidateId`);
          p.check(BallotChoices.includes(m?.choice), `/choices/${i}/choice`, `must be one of ${BallotChoices.join(', ')}`);
        });
        for (const x of duplicates(marks.map((m) => m?.candidateId))) p.add('/choices', `candidate ${x} is marked twice`);
      }
      p.throwIfAny('The ballot cannot be cast');
      const codeHash = sha256Hex(command.ballotCode);
      const roundNo = state.roundOfHash[codeHash];
      if (roundNo === undefined) throw DomainError.forbidden('The ballot code is not one issued in this meeting (no proxy or forged ballots)', 'UNKNOWN_BALLOT_CODE');
      const round = state.rounds[roundNo - 1];
      if (state.closed || round.closed) throw DomainError.rule('VOTING_CLOSED', `Voting in round ${roundNo} is closed; no late votes`);
      if (round.cast[codeHash]) throw DomainError.conflict('This ballot has already been cast; each ballot counts once', 'BALLOT_ALREADY_CAST');
      const marked = new Map(marks.map((m) => [m.candidateId, m.choice]));
      const q = new ProblemList();
      marks.forEach((m, i) => q.check(round.candidateIds.includes(m.candidateId), `/choices/${i}/candidateId`, `${m.candidateId} is not on this ballot sheet`));
      for (const id of round.candidateIds) q.check(marked.has(id), '/choices', `must mark ${id} (YES, NO or ABSTAIN)`);
      if (q.items.length > 0) {
        throw DomainError.rule('BALLOT_SHEET_INCOMPLETE', `The ballot sheet of round ${roundNo} lists ${round.candidateIds.length} candidate(s); mark every one of them and no other: ${q.items.map((x) => x.message).join('; ')}`, q.items);
      }
      // every candidate of the round is marked (checked above): the marks in the round's order
      const choices = round.candidateIds.flatMap((candidateId) => {
        const choice = marked.get(candidateId);
        return choice ? [{ candidateId, choice }] : [];
      });
      return [event('BallotCast', { round: roundNo, codeHash, choices })];
    }
    case 'CloseVoting': {
      requireRole(command, ['CENTRE_STAFF'], 'Closing the vote');
      const meeting = requireRunning(state, 'Closing the vote');
      let roundNo: number;
      if ('candidateId' in command) {
        requireCandidate(meeting, command.candidateId);
        const vote = state.votes[command.candidateId];
        if (vote.status === 'PASSED' || vote.status === 'FAILED') throw DomainError.rule('VOTING_CLOSED', `Voting on ${command.candidateId} is already closed`);
        if (vote.round === 0) throw DomainError.rule('VOTING_NOT_OPEN', `No ballots have been issued for ${command.candidateId}`);
        roundNo = vote.round;
      } else roundNo = command.round;
      const round = Number.isInteger(roundNo) ? state.rounds[roundNo - 1] : undefined;
      if (!round) throw DomainError.notFound(`Meeting ${meeting.meetingId} has no ballot round ${String(roundNo)}`, 'ROUND_NOT_FOUND');
      if (round.closed) throw DomainError.rule('VOTING_CLOSED', `Voting in round ${round.round} is already closed`);
      const sheets = Object.entries(round.cast).sort(([a], [b]) => (a < b ? -1 : 1));
      return round.candidateIds.flatMap((candidateId) => {
        const candidate = requireCandidate(meeting, candidateId);
        const ballots: PublishedBallot[] = sheets.map(([codeHash, marks]) => ({ codeHash, choice: marks[candidateId] }));
        const tally = tallyBallots(ballots, round.ballotsIssued);
        const decision: CandidateDecision = {
          meetingId: meeting.meetingId,
          candidateId,
          year: meeting.year,
          committeeId: meeting.committeeId,
          centre: meeting.centre,
          applicant: candidate.applicant,
          employer: candidate.employer,
          level: candidate.level,
          direction: candidate.direction,
          yes: tally.yes,
          requiredYes: round.requiredYes,
          membersPresent: state.present.length,
          decidedOn: today(command),
        };
        return [
          event('VotingClosed', { meetingId: meeting.meetingId, candidateId, tally, ballots, membersPresent: state.present.length, passThreshold: meeting.rules.passThreshold, requiredYes: round.requiredYes, closedAt: at }),
          tally.yes >= round.requiredYes ? event('CandidatePassed', decision) : event('CandidateFailed', decision),
        ];
      });
    }
    case 'CloseMeeting': {
      requireRole(command, ['CENTRE_STAFF'], 'Closing the meeting');
      const meeting = requireRunning(state, 'Closing the meeting');
      const open = meeting.candidates.filter((c) => ['ON_AGENDA', 'VOTING'].includes(state.votes[c.candidateId].status)).map((c) => c.candidateId);
      if (open.length > 0) throw DomainError.rule('CANDIDATES_UNDECIDED', `Candidates still without a result: ${open.join(', ')}; close their votes or remove them first`);
      const ids = (s: CandidateVoteStatus) => meeting.candidates.filter((c) => state.votes[c.candidateId].status === s).map((c) => c.candidateId);
      return [event('MeetingClosed', { meetingId: meeting.meetingId, passed: ids('PASSED'), failed: ids('FAILED'), removed: ids('REMOVED'), closedAt: at })];
    }
  }
}

function withVote(state: CommitteeMeetingState, candidateId: string, change: Partial<CandidateVote>): CommitteeMeetingState {
  return { ...state, votes: { ...state.votes, [candidateId]: { ...state.votes[candidateId], ...change } } };
}

function withRound(state: CommitteeMeetingState, roundNo: number, change: (r: BallotRound) => BallotRound): CommitteeMeetingState {
  const rounds = [...state.rounds];
  rounds[roundNo - 1] = change(rounds[roundNo - 1]);
  return { ...state, rounds };
}

export function evolveCommitteeMeeting(state: CommitteeMeetingState, e: CommitteeMeetingEvent): CommitteeMeetingState {
  switch (e.type) {
    case 'MeetingScheduled': {
      const { scheduledBy: _by, ...meeting } = e.data;
      const votes = Object.fromEntries(meeting.candidates.map((c) => [c.candidateId, { status: 'ON_AGENDA', round: 0 } satisfies CandidateVote]));
      return { ...state, meeting, votes };
    }
    case 'AttendanceRegistered':
      return { ...state, present: [...state.present, e.data.memberId] };
    case 'MeetingOpened':
      return { ...state, opened: true };
    case 'CandidateRemoved':
      return withVote(state, e.data.candidateId, { status: 'REMOVED' });
    case 'BallotsIssued': {
      const d = e.data;
      const votes = { ...state.votes };
      for (const id of d.candidateIds) votes[id] = { status: 'VOTING', round: d.round };
      const roundOfHash = { ...state.roundOfHash };
      for (const h of d.codeHashes) roundOfHash[h] = d.round;
      const round: BallotRound = { round: d.round, candidateIds: d.candidateIds, codeHashes: d.codeHashes, requiredYes: d.requiredYes, ballotsIssued: d.ballotsIssued, cast: {}, closed: false };
      return { ...state, votes, roundOfHash, rounds: [...state.rounds, round] };
    }
    case 'BallotCast':
      return withRound(state, e.data.round, (r) => ({ ...r, cast: { ...r.cast, [e.data.codeHash]: Object.fromEntries(e.data.choices.map((m) => [m.candidateId, m.choice])) } }));
    case 'VotingClosed': {
      const roundNo = state.votes[e.data.candidateId]?.round ?? 0;
      return roundNo > 0 && !state.rounds[roundNo - 1].closed ? withRound(state, roundNo, (r) => ({ ...r, closed: true })) : state;
    }
    case 'CandidatePassed':
      return withVote(state, e.data.candidateId, { status: 'PASSED' });
    case 'CandidateFailed':
      return withVote(state, e.data.candidateId, { status: 'FAILED' });
    case 'MeetingClosed':
      return { ...state, closed: true };
  }
}

export const committeeMeetingDecider: Decider<CommitteeMeetingCommand, CommitteeMeetingEvent, CommitteeMeetingState> = {
  initialState: committeeMeetingInitialState,
  decide: decideCommitteeMeeting,
  evolve: evolveCommitteeMeeting,
};

/** Event types whose data and metadata must never name a member (the service runs them anonymously). */
export const SECRET_BALLOT_EVENT_TYPES: readonly CommitteeMeetingEvent['type'][] = ['BallotCast'];
