import fc from 'fast-check';
import { ceilFraction, sha256Hex } from './shared';
import {
  committeeMeetingDecider,
  committeeMeetingStreamId,
  eligibleVoters,
  planBallotRounds,
  type BallotChoice,
  type CastBallot,
  type IssueBallots,
  type CommitteeMeetingCommand,
  type CommitteeMeetingEvent,
  type MeetingCandidate,
  type MeetingDefinition,
  type VotingClosed,
} from './committee-meeting';
import { auditMeeting, type AuditableMeetingEvent } from './meeting-audit';
import { deciderSpec } from './testing/given-when-then';
import { EMPLOYER_A, EMPLOYER_B, LI, ZHANG, as, members, staff } from './testing/fixtures';
import { fold, type CommandContext } from '@bj/kernel';

const given = deciderSpec(committeeMeetingDecider);
const DAY = '2026-09-15';
const centre = () => staff(DAY);
const voter = () => as('COMMITTEE_MEMBER', 'session-voter', DAY);

const committeeMembers = members(25).map((m) =>
  m.memberId === 'm01' ? { ...m, employerCreditCode: EMPLOYER_A } : m.memberId === 'm02' ? { ...m, relations: [{ type: 'TEACHER_STUDENT' as const, name: LI.name }] } : m,
);
const candidate = (candidateId: string, applicant: { name: string; idNumber: string }, creditCode: string, level: MeetingCandidate['level']): MeetingCandidate => ({
  candidateId,
  applicant,
  employer: { name: `单位${creditCode.slice(-4)}`, creditCode },
  level,
  direction: 'RESEARCH',
  panelOpinion: { aggregate: 78.5, ruleCode: 'MEAN_V1', recommendation: 'RECOMMEND', flaggedForDiscussion: false },
  employerOpinion: '同意推荐',
});
const definition: MeetingDefinition = {
  meetingId: 'meet-1',
  year: 2026,
  committeeId: 'ai-senior',
  centre: 'BJ_INFO_INDUSTRY_CENTRE',
  levels: ['ASSISTANT_ENGINEER', 'ENGINEER', 'SENIOR_ENGINEER'],
  members: committeeMembers,
  candidates: [candidate('app-1', ZHANG, EMPLOYER_A, 'SENIOR_ENGINEER'), candidate('app-2', LI, EMPLOYER_B, 'ENGINEER')],
  rules: { quorum: { numerator: 2, denominator: 3 }, passThreshold: { numerator: 2, denominator: 3 }, conflictTypes: ['SAME_EMPLOYER', 'RELATIVE', 'TEACHER_STUDENT', 'CO_AUTHOR', 'CO_PROJECT'] },
  scheduledFor: DAY,
};

/** Runs commands one after the other, each decided on the state the previous ones left. */
function play(commands: readonly CommitteeMeetingCommand[], history: CommitteeMeetingEvent[] = []): CommitteeMeetingEvent[] {
  const events = [...history];
  for (const c of commands) events.push(...committeeMeetingDecider.decide(c, fold(committeeMeetingDecider, events)));
  return events;
}
const code = (candidateId: string, i: number) => `ballot-${candidateId}-${i}-Zq8r`;
const hashes = (candidateId: string, n: number) => Array.from({ length: n }, (_, i) => sha256Hex(code(candidateId, i)));
const attend = (ids: string[]): CommitteeMeetingCommand[] => ids.map((memberId) => ({ type: 'RegisterAttendance', ...centre(), memberId }));
const presentIds = (n: number) => committeeMembers.slice(0, n).map((m) => m.memberId);

const scheduled = play([{ type: 'ScheduleMeeting', ...centre(), ...definition }]);
const openWith = (n: number) => play([...attend(presentIds(n)), { type: 'OpenMeeting', ...centre() }], scheduled);
/** 19 present (m01…m19); m01 recuses for app-1 (same employer): 18 ballots for app-1, 18 for app-2 (m02 is LI's teacher). */
const opened = openWith(19);
/** Ballots for one candidate alone on its sheet (a round of one). */
const issue = (candidateId: string, n: number, announcedRecusals?: IssueBallots['announcedRecusals']): IssueBallots => ({ type: 'IssueBallots', ...centre(), rounds: [{ candidateIds: [candidateId], codeHashes: hashes(candidateId, n) }], ...(announcedRecusals ? { announcedRecusals } : {}) });
const issued = play([issue('app-1', 18)], opened);
const cast = (candidateId: string, i: number, choice: BallotChoice): CastBallot => ({ type: 'CastBallot', ...voter(), ballotCode: code(candidateId, i), choices: [{ candidateId, choice }] });
const closeVote = (candidateId: string): CommitteeMeetingCommand => ({ type: 'CloseVoting', ...centre(), candidateId });

describe('CommitteeMeeting', () => {
  it('names its stream by meeting', () => expect(committeeMeetingStreamId('meet-1')).toBe('committee-meeting-meet-1'));

  it('schedules with the committee’s members and candidates that have a panel opinion', () => {
    given([]).when({ type: 'ScheduleMeeting', ...centre(), ...definition }).then([{ type: 'MeetingScheduled', schemaVersion: 1, data: { ...definition, scheduledBy: 'staff-1' } }]);
    const e = given([])
      .when({ type: 'ScheduleMeeting', ...centre(), ...definition, candidates: [{ ...definition.candidates[0], level: 'PROFESSORATE_SENIOR_ENGINEER', panelOpinion: undefined as never }] })
      .thenThrows('INVALID_INPUT');
    expect(e.problems.map((p) => p.path)).toEqual(['/candidates/0/level', '/candidates/0/panelOpinion']);
  });

  describe('quorum and attendance', () => {
    it('refuses to open one member short of 2/3 (16 of 25; 17 needed)', () => {
      const e = given(play(attend(presentIds(16)), scheduled)).when({ type: 'OpenMeeting', ...centre() }).thenThrows('QUORUM_NOT_MET');
      expect(e.message).toContain('needs 17 of its 25 members');
    });

    it('opens with exactly 2/3 present, recording who', () => {
      given(play(attend(presentIds(17)), scheduled))
        .when({ type: 'OpenMeeting', ...centre() })
        .then([{ type: 'MeetingOpened', schemaVersion: 1, data: { meetingId: 'meet-1', membersTotal: 25, presentMemberIds: presentIds(17), quorum: { numerator: 2, denominator: 3 }, quorumRequired: 17, openedAt: `${DAY}T02:00:00.000Z` } }]);
    });

    it('refuses late sign-in, strangers, doubles and proxies', () => {
      given(opened).when({ type: 'RegisterAttendance', ...centre(), memberId: 'm20' }).thenThrows('ATTENDANCE_CLOSED');
      given(scheduled).when({ type: 'RegisterAttendance', ...centre(), memberId: 'x99' }).thenThrows('NOT_A_MEMBER');
      given(play(attend(['m03']), scheduled)).when({ type: 'RegisterAttendance', ...centre(), memberId: 'm03' }).thenThrows('ALREADY_PRESENT');
      given(scheduled).when({ type: 'RegisterAttendance', ...as('COMMITTEE_MEMBER', 'm04', DAY), memberId: 'm05' }).thenThrows('NO_PROXY');
    });
  });

  describe('ballots', () => {
    it('issues ballots to the present members minus those conflicted, storing only sorted hashes', () => {
      const state = fold(committeeMeetingDecider, opened);
      expect(eligibleVoters(state, 'app-1').recusals).toEqual([{ candidateId: 'app-1', memberId: 'm01', conflictTypes: ['SAME_EMPLOYER'], source: 'FROM_DATA', details: null }]);
      expect(eligibleVoters(state, 'app-2').recusals).toEqual([{ candidateId: 'app-2', memberId: 'm02', conflictTypes: ['TEACHER_STUDENT'], source: 'FROM_DATA', details: null }]);
      const codeHashes = hashes('app-1', 18);
      given(opened)
        .when({ type: 'IssueBallots', ...centre(), rounds: [{ candidateIds: ['app-1'], codeHashes }] })
        .then([
          {
            type: 'BallotsIssued',
            schemaVersion: 1,
            data: {
              meetingId: 'meet-1',
              round: 1,
              candidateIds: ['app-1'],
              membersPresent: 19,
              recipientMemberIds: presentIds(19).filter((id) => id !== 'm01'),
              recusals: [{ candidateId: 'app-1', memberId: 'm01', conflictTypes: ['SAME_EMPLOYER'], source: 'FROM_DATA', details: null }],
              codeHashes: [...codeHashes].sort(),
              ballotsIssued: 18,
              passThreshold: { numerator: 2, denominator: 3 },
              requiredYes: 13,
              issuedAt: `${DAY}T02:00:00.000Z`,
            },
          },
        ]);
    });

    it('takes recusals announced at the meeting', () => {
      given(opened)
        .when(issue('app-2', 17, [{ candidateId: 'app-2', memberId: 'm07', conflictType: 'CO_PROJECT', details: '同一项目组' }]))
        .thenMatches([{ type: 'BallotsIssued', data: { ballotsIssued: 17, recusals: [{ memberId: 'm02' }, { memberId: 'm07', source: 'ANNOUNCED', conflictTypes: ['CO_PROJECT'] }] } }]);
    });

    it('refuses a number of hashes different from the eligible members, a reused hash, ballots before opening or twice', () => {
      given(opened).when(issue('app-1', 19)).thenThrows('BALLOT_COUNT_MISMATCH');
      given(issued).when({ type: 'IssueBallots', ...centre(), rounds: [{ candidateIds: ['app-2'], codeHashes: [...hashes('app-2', 17), hashes('app-1', 1)[0]] }] }).thenThrows('DUPLICATE_BALLOT_CODE');
      given(play(attend(presentIds(19)), scheduled)).when(issue('app-1', 18)).thenThrows('MEETING_NOT_OPEN');
      given(issued).when({ type: 'IssueBallots', ...centre(), rounds: [{ candidateIds: ['app-1'], codeHashes: hashes('x', 18) }] }).thenThrows('BALLOTS_ALREADY_ISSUED');
      const e = given(opened).when({ type: 'IssueBallots', ...centre(), rounds: [{ candidateIds: ['app-1', 'app-1'], codeHashes: hashes('x', 18) }] }).thenThrows('INVALID_INPUT');
      expect(e.message).toContain('app-1 is on two ballot sheets');
      expect(given(opened).when({ type: 'IssueBallots', ...centre(), rounds: [] }).thenThrows('INVALID_INPUT').problems.map((p) => p.path)).toEqual(['/rounds']);
    });

    it('records a ballot as code hash and choice, never the member', () => {
      const { events } = given(issued).when(cast('app-1', 3, 'YES')).then([{ type: 'BallotCast', schemaVersion: 1, data: { round: 1, codeHash: sha256Hex(code('app-1', 3)), choices: [{ candidateId: 'app-1', choice: 'YES' }] } }]);
      const text = JSON.stringify(events);
      for (const m of committeeMembers) expect(text).not.toContain(`"${m.memberId}"`);
      expect(text).not.toContain('session-voter');
      expect(text).not.toContain(code('app-1', 3));
    });

    it('refuses a second ballot with the same code', () => {
      given(play([cast('app-1', 3, 'YES')], issued)).when(cast('app-1', 3, 'NO')).thenThrows('BALLOT_ALREADY_CAST');
    });

    it('refuses an unknown code (proxy or forged) and a code of another candidate', () => {
      given(issued).when({ ...cast('app-1', 0, 'YES'), ballotCode: 'guessed-code' }).thenThrows('UNKNOWN_BALLOT_CODE');
      const both = play([issue('app-2', 18)], issued);
      // app-1's sheet cannot vote on app-2
      given(both).when({ ...cast('app-2', 0, 'YES'), ballotCode: code('app-1', 0) }).thenThrows('BALLOT_SHEET_INCOMPLETE');
    });

    it('refuses a vote after close (no late votes) and before ballots are issued', () => {
      const closed = play([cast('app-1', 0, 'YES'), closeVote('app-1')], issued);
      given(closed).when(cast('app-1', 1, 'YES')).thenThrows('VOTING_CLOSED');
      given(issued).when(cast('app-2', 0, 'YES')).thenThrows('UNKNOWN_BALLOT_CODE');
      given(issued).when(closeVote('app-2')).thenThrows('VOTING_NOT_OPEN');
      given(issued).when({ type: 'CloseVoting', ...centre(), round: 2 }).thenThrows('ROUND_NOT_FOUND');
    });

    it('refuses a ballot cast by someone who is not a committee member', () => {
      given(issued).when({ ...cast('app-1', 0, 'YES'), ...staff(DAY) }).thenThrows('ROLE_NOT_ALLOWED');
    });
  });

  describe('ballot sheets of several candidates (rounds)', () => {
    const WANG = { name: '王芳', idNumber: '110105199003071234' };
    const ZHAO = { name: '赵磊', idNumber: '110105198807154321' };
    const EMPLOYER_C = '91110108MA00000003';
    const four: MeetingDefinition = { ...definition, candidates: [...definition.candidates, candidate('app-3', WANG, EMPLOYER_C, 'ENGINEER'), candidate('app-4', ZHAO, EMPLOYER_C, 'SENIOR_ENGINEER')] };
    const opened4 = play([...attend(presentIds(19)), { type: 'OpenMeeting', ...centre() }], play([{ type: 'ScheduleMeeting', ...centre(), ...four }]));
    const sheet = (round: number, i: number) => `sheet-${round}-${i}-Zq8r`;
    const sheets = (round: number, n: number) => Array.from({ length: n }, (_, i) => sha256Hex(sheet(round, i)));
    const rounds = play([{ type: 'IssueBallots', ...centre(), rounds: [{ candidateIds: ['app-3', 'app-4'], codeHashes: sheets(1, 19) }, { candidateIds: ['app-1'], codeHashes: sheets(2, 18) }] }], opened4);
    const mark = (i: number, app3: BallotChoice, app4: BallotChoice): CastBallot => ({ type: 'CastBallot', ...voter(), ballotCode: sheet(1, i), choices: [{ candidateId: 'app-4', choice: app4 }, { candidateId: 'app-3', choice: app3 }] });

    it('groups candidates with the same eligible voters on one sheet, keeping agenda order', () => {
      const planned = planBallotRounds(fold(committeeMeetingDecider, opened4), ['app-1', 'app-3', 'app-2', 'app-4']);
      expect(planned.map((r) => [r.candidateIds, r.recipients.length])).toEqual([
        [['app-1'], 18],
        [['app-3', 'app-4'], 19],
        [['app-2'], 18],
      ]);
    });

    it('issues several rounds in one command, numbered in order', () => {
      expect(rounds.filter((e) => e.type === 'BallotsIssued').map((e) => e.type === 'BallotsIssued' && [e.data.round, e.data.candidateIds, e.data.ballotsIssued])).toEqual([
        [1, ['app-3', 'app-4'], 19],
        [2, ['app-1'], 18],
      ]);
    });

    it('refuses a sheet that mixes candidates with different voters, since its content would tell whose it is', () => {
      const e = given(opened4).when({ type: 'IssueBallots', ...centre(), rounds: [{ candidateIds: ['app-3', 'app-1'], codeHashes: sheets(1, 19) }] }).thenThrows('BALLOT_ROUND_MIXES_VOTERS');
      expect(e.message).toContain('app-3 and app-1 have different eligible voters');
    });

    it('records one event per sheet, marks in round order, and refuses a sheet that misses or adds a candidate', () => {
      given(rounds)
        .when(mark(0, 'YES', 'NO'))
        .then([{ type: 'BallotCast', schemaVersion: 1, data: { round: 1, codeHash: sha256Hex(sheet(1, 0)), choices: [{ candidateId: 'app-3', choice: 'YES' }, { candidateId: 'app-4', choice: 'NO' }] } }]);
      const missing = given(rounds).when({ type: 'CastBallot', ...voter(), ballotCode: sheet(1, 1), choices: [{ candidateId: 'app-3', choice: 'YES' }] }).thenThrows('BALLOT_SHEET_INCOMPLETE');
      expect(missing.message).toContain('must mark app-4');
      const extra = given(rounds).when({ ...mark(1, 'YES', 'YES'), choices: [...mark(1, 'YES', 'YES').choices, { candidateId: 'app-1', choice: 'YES' }] }).thenThrows('BALLOT_SHEET_INCOMPLETE');
      expect(extra.problems).toEqual([{ path: '/choices/2/candidateId', message: 'app-1 is not on this ballot sheet' }]);
      const twice = given(rounds).when({ ...mark(1, 'YES', 'YES'), choices: [{ candidateId: 'app-3', choice: 'YES' }, { candidateId: 'app-3', choice: 'NO' }] }).thenThrows('INVALID_INPUT');
      expect(twice.problems).toEqual([{ path: '/choices', message: 'candidate app-3 is marked twice' }]);
      given(rounds).when({ ...mark(1, 'YES', 'YES'), choices: [{ candidateId: 'app-3', choice: 'MAYBE' as BallotChoice }, { candidateId: 'app-4', choice: 'YES' }] }).thenThrows('INVALID_INPUT');
    });

    it('decides every candidate of a round from the same sheets when its ballot box is opened, and the audit agrees', () => {
      // 13 of 19 present needed: app-3 gets 14 yes, app-4 gets 12
      const votes = Array.from({ length: 19 }, (_, i) => mark(i, i < 14 ? 'YES' : 'NO', i < 12 ? 'YES' : 'ABSTAIN'));
      const { events } = given(play(votes, rounds))
        .when({ type: 'CloseVoting', ...centre(), round: 1 })
        .thenMatches([
          { type: 'VotingClosed', data: { candidateId: 'app-3', tally: { yes: 14, no: 5, abstain: 0, ballotsIssued: 19, ballotsCast: 19 }, requiredYes: 13 } },
          { type: 'CandidatePassed', data: { candidateId: 'app-3', yes: 14 } },
          { type: 'VotingClosed', data: { candidateId: 'app-4', tally: { yes: 12, no: 0, abstain: 7, ballotsIssued: 19, ballotsCast: 19 } } },
          { type: 'CandidateFailed', data: { candidateId: 'app-4', yes: 12 } },
        ]);
      const history = [...play(votes, rounds), ...events];
      expect(auditMeeting(history)).toEqual([]);
      // round 2 is still open: a late sheet of round 1 is refused, round 2 still takes votes
      given(history).when(mark(0, 'NO', 'NO')).thenThrows('VOTING_CLOSED');
      given(history).when({ type: 'CastBallot', ...voter(), ballotCode: sheet(2, 0), choices: [{ candidateId: 'app-1', choice: 'YES' }] }).thenMatches([{ type: 'BallotCast', data: { round: 2 } }]);
      const trimmed = history.map((e) => (e.type === 'BallotCast' && e.data.codeHash === sha256Hex(sheet(1, 3)) ? { ...e, data: { ...e.data, choices: e.data.choices.slice(0, 1) } } : e));
      expect(auditMeeting(trimmed).map((b) => b.code)).toEqual(expect.arrayContaining(['BALLOT_SHEET_INCOMPLETE', 'TALLY_MISMATCH']));
    });
  });

  describe('closing the vote', () => {
    it('publishes tally and sorted ballots; passes with yes ≥ ceil(2/3 × present)', () => {
      const votes = [...Array.from({ length: 13 }, (_, i) => cast('app-1', i, 'YES')), cast('app-1', 13, 'NO'), cast('app-1', 14, 'ABSTAIN')];
      const { events } = given(play(votes, issued))
        .when(closeVote('app-1'))
        .thenMatches([
          { type: 'VotingClosed', data: { tally: { yes: 13, no: 1, abstain: 1, ballotsIssued: 18, ballotsCast: 15 }, membersPresent: 19, requiredYes: 13 } },
          { type: 'CandidatePassed', data: { candidateId: 'app-1', applicant: ZHANG, level: 'SENIOR_ENGINEER', yes: 13, requiredYes: 13, decidedOn: DAY, committeeId: 'ai-senior' } },
        ]);
      const ballots = (events[0] as VotingClosed).data.ballots;
      expect(ballots.map((b) => b.codeHash)).toEqual([...ballots.map((b) => b.codeHash)].sort());
    });

    it('fails one yes short', () => {
      const votes = Array.from({ length: 18 }, (_, i) => cast('app-1', i, i < 12 ? 'YES' : 'NO'));
      given(play(votes, issued))
        .when(closeVote('app-1'))
        .thenMatches([{ type: 'VotingClosed', data: { tally: { yes: 12, no: 6 } } }, { type: 'CandidateFailed', data: { yes: 12, requiredYes: 13 } }]);
    });

    it('closes the meeting only when every candidate is decided or removed', () => {
      const decided = play([cast('app-1', 0, 'YES'), closeVote('app-1')], issued);
      given(decided).when({ type: 'CloseMeeting', ...centre() }).thenThrows('CANDIDATES_UNDECIDED');
      const removed = play([{ type: 'RemoveCandidate', ...centre(), candidateId: 'app-2', reason: '申报人撤回' }], decided);
      const { events } = given(removed).when({ type: 'CloseMeeting', ...centre() }).thenMatches([{ type: 'MeetingClosed', data: { passed: [], failed: ['app-1'], removed: ['app-2'] } }]);
      given([...removed, ...events]).when(closeVote('app-1')).thenThrows('MEETING_CLOSED');
      given(issued).when({ type: 'RemoveCandidate', ...centre(), candidateId: 'app-1', reason: '撤回' }).thenThrows('CANDIDATE_VOTE_STARTED');
    });
  });

  describe('auditMeeting', () => {
    const full = play(
      [
        ...Array.from({ length: 18 }, (_, i) => cast('app-1', i, i % 4 === 0 ? 'NO' : 'YES')),
        closeVote('app-1'),
        issue('app-2', 18),
        cast('app-2', 0, 'ABSTAIN'),
        closeVote('app-2'),
        { type: 'CloseMeeting', ...centre() },
      ],
      issued,
    );
    const codes = (events: readonly { code: string }[]) => events.map((b) => b.code);

    it('finds nothing wrong in a meeting run by the rules', () => {
      expect(auditMeeting(full)).toEqual([]);
    });

    it('finds a ballot given to a conflicted member', () => {
      const tampered = full.map((e) =>
        e.type === 'BallotsIssued' && e.data.candidateIds.includes('app-1') ? { ...e, data: { ...e.data, recipientMemberIds: [...e.data.recipientMemberIds, 'm01'].sort(), recusals: [] } } : e,
      ) as CommitteeMeetingEvent[];
      expect(codes(auditMeeting(tampered))).toEqual(expect.arrayContaining(['BALLOT_TO_CONFLICTED_MEMBER', 'BALLOT_COUNT_MISMATCH']));
    });

    it('finds a ballot to an absent member, a forged tally, a ballot cast twice, and a voter named in metadata', () => {
      const tampered: AuditableMeetingEvent[] = full.map((e) => {
        if (e.type === 'BallotsIssued' && e.data.candidateIds.includes('app-2')) return { ...e, data: { ...e.data, recipientMemberIds: [...e.data.recipientMemberIds.filter((x) => x !== 'm03'), 'm24'].sort() } };
        if (e.type === 'VotingClosed' && e.data.candidateId === 'app-1') return { ...e, data: { ...e.data, tally: { ...e.data.tally, yes: e.data.tally.yes + 1 } } };
        return e;
      });
      const firstBallot = tampered.findIndex((e) => e.type === 'BallotCast');
      tampered.splice(firstBallot + 1, 0, tampered[firstBallot]);
      tampered[firstBallot] = { ...tampered[firstBallot], metadata: { actorId: 'm05' } } as AuditableMeetingEvent;
      expect(codes(auditMeeting(tampered))).toEqual(
        expect.arrayContaining(['BALLOT_TO_ABSENT_MEMBER', 'PRESENT_MEMBER_WITHOUT_BALLOT', 'TALLY_MISMATCH', 'BALLOT_CAST_TWICE', 'BALLOT_ACTOR_RECORDED']),
      );
    });

    it('finds an opening without quorum and a late ballot', () => {
      const unopened = openWith(17).map((e) => e);
      const withoutOne = unopened.filter((e) => !(e.type === 'AttendanceRegistered' && e.data.memberId === 'm17'));
      expect(codes(auditMeeting(withoutOne))).toContain('QUORUM_NOT_MET');
      const closeAt = full.findIndex((e) => e.type === 'VotingClosed');
      const late = [...full.slice(0, closeAt + 2), full.find((e) => e.type === 'BallotCast')!, ...full.slice(closeAt + 2)];
      expect(codes(auditMeeting(late))).toEqual(expect.arrayContaining(['LATE_BALLOT', 'BALLOT_CAST_TWICE']));
    });
  });

  it('property: for random attendance, conflicts and choices, the tally equals the ballots and passing follows the threshold', () => {
    fc.assert(
      fc.property(
        fc.record({
          size: fc.integer({ min: 3, max: 31 }),
          presentShare: fc.double({ min: 0, max: 1, noNaN: true }),
          conflicted: fc.array(fc.boolean(), { minLength: 31, maxLength: 31 }),
          choices: fc.array(fc.constantFrom<BallotChoice | null>('YES', 'NO', 'ABSTAIN', null), { minLength: 31, maxLength: 31 }),
          threshold: fc.constantFrom({ numerator: 2, denominator: 3 }, { numerator: 1, denominator: 2 }, { numerator: 3, denominator: 4 }),
        }),
        ({ size, presentShare, conflicted, choices, threshold }) => {
          const ms = members(size).map((m, i) => (conflicted[i] ? { ...m, employerCreditCode: EMPLOYER_A } : m));
          const def: MeetingDefinition = { ...definition, members: ms, rules: { ...definition.rules, passThreshold: threshold } };
          const quorum = ceilFraction(def.rules.quorum, size);
          const presentCount = quorum + Math.floor(presentShare * (size - quorum));
          const ctx: CommandContext = centre();
          let events = play([{ type: 'ScheduleMeeting', ...ctx, ...def }, ...ms.slice(0, presentCount).map((m) => ({ type: 'RegisterAttendance' as const, ...ctx, memberId: m.memberId })), { type: 'OpenMeeting', ...ctx }]);
          const eligible = eligibleVoters(fold(committeeMeetingDecider, events), 'app-1').recipients.length;
          if (eligible === 0) return;
          events = play([{ type: 'IssueBallots', ...ctx, rounds: [{ candidateIds: ['app-1'], codeHashes: hashes('app-1', eligible) }] }], events);
          const votes = choices.slice(0, eligible).flatMap((c, i) => (c ? [cast('app-1', i, c)] : []));
          events = play([...votes, { type: 'CloseVoting', ...ctx, candidateId: 'app-1' }], events);
          const closed = events.find((e): e is VotingClosed => e.type === 'VotingClosed')!;
          const cast_ = votes.map((v) => v.choices[0].choice);
          expect(closed.data.tally).toEqual({
            yes: cast_.filter((c) => c === 'YES').length,
            no: cast_.filter((c) => c === 'NO').length,
            abstain: cast_.filter((c) => c === 'ABSTAIN').length,
            ballotsIssued: eligible,
            ballotsCast: votes.length,
          });
          expect(closed.data.ballots).toHaveLength(votes.length);
          const required = Math.ceil((threshold.numerator * presentCount) / threshold.denominator - 1e-9);
          expect(closed.data.requiredYes).toBe(required);
          expect(events[events.length - 1].type).toBe(closed.data.tally.yes >= required ? 'CandidatePassed' : 'CandidateFailed');
          expect(auditMeeting(events)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
