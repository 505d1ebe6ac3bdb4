// The auditor's check of a committee meeting from its events alone: quorum, ballots, tally, outcome, secrecy.
import { conflictsBetween } from './conflicts';
import { ceilFraction } from './shared';
import { tallyBallots, type BallotChoice, type CommitteeMeetingEvent, type MeetingDefinition } from './committee-meeting';

export interface MeetingBreach {
  /** A stable code, e.g. QUORUM_NOT_MET, BALLOT_TO_ABSENT_MEMBER, TALLY_MISMATCH. */
  readonly code: string;
  readonly message: string;
  /** The index of the event where the breach shows. */
  readonly eventIndex: number;
  readonly candidateId?: string;
}

/** A meeting event as stored: metadata optional (when given, a ballot's actor is checked to be anonymous). */
export type AuditableMeetingEvent = CommitteeMeetingEvent & { readonly metadata?: { readonly actorId?: string } };

/** The actor id the service writes in the metadata of a ballot event instead of the voter. */
export const ANONYMOUS_ACTOR_ID = 'ANONYMOUS';

const BALLOT_CAST_FIELDS = ['choices', 'codeHash', 'round'];
const BALLOT_MARK_FIELDS = ['candidateId', 'choice'];

interface CandidateAudit {
  /** The round its ballots were issued in, 0 before. */
  round: number;
  requiredYes: number;
  closed: boolean;
  tallied: { yes: number } | null;
  decided: boolean;
}

interface RoundAudit {
  candidateIds: readonly string[];
  issued: Set<string>;
  /** codeHash → the sheet's marks by candidate. */
  cast: Map<string, Map<string, BallotChoice>>;
  closed: boolean;
}

/**
 * Replays a meeting's events and lists every breach of the rules: attendance only by members and
 * before opening; opening with a quorum; ballot sheets only to members present and not conflicted
 * by data, the same voters for every candidate of a round; as many code hashes as recipients,
 * never reused; each sheet cast at most once, with an issued code, before its round closed,
 * marking exactly the round's candidates; the published tally equal to the ballots; the outcome
 * following the threshold; no member id in a ballot event. An empty list means the meeting is clean.
 */
export function auditMeeting(events: readonly AuditableMeetingEvent[]): MeetingBreach[] {
  const breaches: MeetingBreach[] = [];
  const breach = (eventIndex: number, code: string, message: string, candidateId?: string) => breaches.push({ code, message, eventIndex, ...(candidateId ? { candidateId } : {}) });
  let meeting: MeetingDefinition | null = null;
  const present: string[] = [];
  let opened = false;
  let closed = false;
  const allHashes = new Set<string>();
  const candidates = new Map<string, CandidateAudit>();
  const rounds: RoundAudit[] = [];
  const memberIds = () => new Set(meeting?.members.map((x) => x.memberId) ?? []);

  for (const [i, e] of events.entries()) {
    if (e.type === 'MeetingScheduled') {
      if (meeting) breach(i, 'SCHEDULED_TWICE', 'The meeting is scheduled twice');
      const { scheduledBy: _by, ...definition } = e.data;
      meeting = definition;
      for (const c of definition.candidates) candidates.set(c.candidateId, { round: 0, requiredYes: 0, closed: false, tallied: null, decided: false });
      continue;
    }
    if (!meeting) {
      breach(i, 'EVENT_BEFORE_SCHEDULING', `${e.type} comes before the meeting was scheduled`);
      continue;
    }
    const m: MeetingDefinition = meeting;
    if (closed && e.type !== 'MeetingClosed') breach(i, 'EVENT_AFTER_CLOSE', `${e.type} comes after the meeting closed`);
    switch (e.type) {
      case 'AttendanceRegistered': {
        if (!memberIds().has(e.data.memberId)) breach(i, 'ATTENDANCE_BY_NON_MEMBER', `${e.data.memberId} is not a member`);
        if (present.includes(e.data.memberId)) breach(i, 'ATTENDANCE_TWICE', `${e.data.memberId} signed in twice`);
        if (opened) breach(i, 'ATTENDANCE_AFTER_OPENING', `${e.data.memberId} signed in after the meeting opened`);
        present.push(e.data.memberId);
        continue;
      }
      case 'MeetingOpened': {
        const required = ceilFraction(m.rules.quorum, m.members.length);
        if (present.length < required) breach(i, 'QUORUM_NOT_MET', `Opened with ${present.length} present; ${required} of ${m.members.length} needed`);
        if ([...e.data.presentMemberIds].sort().join() !== [...present].sort().join()) breach(i, 'ATTENDANCE_MISMATCH', 'The members listed present at opening differ from those who signed in');
        opened = true;
        continue;
      }
      case 'CandidateRemoved': {
        const c = candidates.get(e.data.candidateId);
        if (!c) breach(i, 'UNKNOWN_CANDIDATE', `${e.data.candidateId} is not on the agenda`, e.data.candidateId);
        else if (c.round > 0) breach(i, 'REMOVED_AFTER_BALLOTS', `${e.data.candidateId} was removed after its ballots were issued`, e.data.candidateId);
        continue;
      }
      case 'BallotsIssued': {
        const d = e.data;
        if (!opened) breach(i, 'BALLOTS_BEFORE_OPENING', `Ballots of round ${d.round} were issued before the meeting opened`);
        if (d.round !== rounds.length + 1) breach(i, 'ROUND_NUMBER_MISMATCH', `Round ${d.round} follows round ${rounds.length}`);
        const roundIds: string[] = [];
        for (const candidateId of d.candidateIds) {
          const c = candidates.get(candidateId);
          const candidate = m.candidates.find((x) => x.candidateId === candidateId);
          if (!c || !candidate) { breach(i, 'UNKNOWN_CANDIDATE', `${candidateId} is not on the agenda`, candidateId); continue; }
          if (c.round > 0) breach(i, 'BALLOTS_ISSUED_TWICE', `Ballots for ${candidateId} were issued twice`, candidateId);
          const recused = new Set(d.recusals.filter((r) => r.candidateId === candidateId).map((r) => r.memberId));
          for (const id of d.recipientMemberIds) {
            if (!present.includes(id)) breach(i, 'BALLOT_TO_ABSENT_MEMBER', `${id} received a ballot for ${candidateId} without being present`, candidateId);
            if (recused.has(id)) breach(i, 'BALLOT_TO_RECUSED_MEMBER', `${id} received a ballot for ${candidateId} while recused`, candidateId);
            const member = m.members.find((x) => x.memberId === id);
            if (member && conflictsBetween(member, candidate, m.rules.conflictTypes).length > 0) {
              breach(i, 'BALLOT_TO_CONFLICTED_MEMBER', `${id} received a ballot for ${candidateId} despite a conflict in the data`, candidateId);
            }
          }
          for (const id of present) {
            if (!recused.has(id) && !d.recipientMemberIds.includes(id)) breach(i, 'PRESENT_MEMBER_WITHOUT_BALLOT', `${id} was present, not recused, and got no ballot for ${candidateId}`, candidateId);
          }
          const requiredYes = ceilFraction(m.rules.passThreshold, present.length);
          if (d.requiredYes !== requiredYes) breach(i, 'THRESHOLD_MISMATCH', `requiredYes says ${d.requiredYes}; the threshold gives ${requiredYes}`, candidateId);
          candidates.set(candidateId, { ...c, round: d.round, requiredYes });
          roundIds.push(candidateId);
        }
        if (new Set(d.recipientMemberIds).size !== d.recipientMemberIds.length) breach(i, 'DUPLICATE_RECIPIENT', `A member received two ballot sheets in round ${d.round}`);
        if (d.codeHashes.length !== d.recipientMemberIds.length || d.ballotsIssued !== d.recipientMemberIds.length) {
          breach(i, 'BALLOT_COUNT_MISMATCH', `${d.recipientMemberIds.length} recipients, ${d.codeHashes.length} code hashes, ${d.ballotsIssued} counted as issued in round ${d.round}`);
        }
        for (const h of d.codeHashes) {
          if (allHashes.has(h)) breach(i, 'DUPLICATE_BALLOT_CODE', `A ballot code hash repeats (${h.slice(0, 12)}…)`);
          allHashes.add(h);
        }
        if (d.membersPresent !== present.length) breach(i, 'PRESENT_COUNT_MISMATCH', `membersPresent says ${d.membersPresent}; ${present.length} signed in`);
        rounds[d.round - 1] = { candidateIds: roundIds, issued: new Set(d.codeHashes), cast: new Map(), closed: false };
        continue;
      }
      case 'BallotCast': {
        const d = e.data;
        const extra = [...Object.keys(d).filter((k) => !BALLOT_CAST_FIELDS.includes(k)), ...(Array.isArray(d.choices) ? d.choices.flatMap((x) => Object.keys(x).filter((k) => !BALLOT_MARK_FIELDS.includes(k))) : [])];
        if (extra.length > 0) breach(i, 'BALLOT_NOT_SECRET', `A ballot event carries other fields than ${BALLOT_CAST_FIELDS.join(', ')} and marks of ${BALLOT_MARK_FIELDS.join(', ')}: ${extra.join(', ')}`);
        const ids = memberIds();
        const strings = [d.codeHash, ...(Array.isArray(d.choices) ? d.choices.flatMap((x) => Object.values(x)) : [])];
        if (strings.some((v) => typeof v === 'string' && ids.has(v))) breach(i, 'BALLOT_NOT_SECRET', 'A ballot event names a member');
        const actorId = e.metadata?.actorId;
        if (actorId !== undefined && actorId !== ANONYMOUS_ACTOR_ID && actorId !== '') breach(i, 'BALLOT_ACTOR_RECORDED', `A ballot event's metadata names its actor (${ids.has(actorId) ? 'a member' : 'someone'})`);
        const r = rounds[d.round - 1];
        if (!r) { breach(i, 'BALLOT_BEFORE_ISSUE', `A ballot of round ${d.round} was cast before that round's ballots were issued`); continue; }
        if (r.closed) breach(i, 'LATE_BALLOT', `A ballot of round ${d.round} was cast after its vote closed`);
        if (!r.issued.has(d.codeHash)) breach(i, 'UNKNOWN_BALLOT_CODE', `A ballot of round ${d.round} carries a code that was not issued for it`);
        const marks = new Map((d.choices ?? []).map((x) => [x.candidateId, x.choice]));
        if (marks.size !== r.candidateIds.length || r.candidateIds.some((id) => !marks.has(id))) breach(i, 'BALLOT_SHEET_INCOMPLETE', `A ballot of round ${d.round} does not mark exactly the round's ${r.candidateIds.length} candidates`);
        if (r.cast.has(d.codeHash)) breach(i, 'BALLOT_CAST_TWICE', `A ballot of round ${d.round} was cast twice with the same code`);
        else r.cast.set(d.codeHash, marks);
        continue;
      }
      case 'VotingClosed': {
        const d = e.data;
        const c = candidates.get(d.candidateId);
        const r = c && c.round > 0 ? rounds[c.round - 1] : undefined;
        if (!c || !r) { breach(i, 'CLOSE_WITHOUT_BALLOTS', `The vote on ${d.candidateId} closed without ballots issued`, d.candidateId); continue; }
        if (c.closed) breach(i, 'VOTING_CLOSED_TWICE', `The vote on ${d.candidateId} closed twice`, d.candidateId);
        const counted = [...r.cast.entries()]
          .flatMap(([codeHash, marks]) => {
            const choice = marks.get(d.candidateId);
            return choice ? [{ codeHash, choice }] : [];
          })
          .sort((a, b) => (a.codeHash < b.codeHash ? -1 : 1));
        const tally = tallyBallots(counted, r.issued.size);
        if (JSON.stringify(tally) !== JSON.stringify({ yes: d.tally.yes, no: d.tally.no, abstain: d.tally.abstain, ballotsIssued: d.tally.ballotsIssued, ballotsCast: d.tally.ballotsCast })) {
          breach(i, 'TALLY_MISMATCH', `The published tally of ${d.candidateId} (${JSON.stringify(d.tally)}) differs from the ballots cast (${JSON.stringify(tally)})`, d.candidateId);
        }
        if (JSON.stringify(counted) !== JSON.stringify(d.ballots.map((b) => ({ codeHash: b.codeHash, choice: b.choice })))) {
          breach(i, 'BALLOTS_MISMATCH', `The published ballots of ${d.candidateId} differ from the ballots cast`, d.candidateId);
        }
        if (d.requiredYes !== c.requiredYes) breach(i, 'THRESHOLD_MISMATCH', `requiredYes at close (${d.requiredYes}) differs from issue (${c.requiredYes})`, d.candidateId);
        candidates.set(d.candidateId, { ...c, closed: true, tallied: { yes: tally.yes } });
        r.closed = true;
        continue;
      }
      case 'CandidatePassed':
      case 'CandidateFailed': {
        const d = e.data;
        const c = candidates.get(d.candidateId);
        if (!c || !c.tallied) { breach(i, 'DECISION_WITHOUT_TALLY', `${e.type} for ${d.candidateId} without a closed vote`, d.candidateId); continue; }
        if (c.decided) breach(i, 'DECIDED_TWICE', `${d.candidateId} was decided twice`, d.candidateId);
        const passes = c.tallied.yes >= c.requiredYes;
        if (passes !== (e.type === 'CandidatePassed')) {
          breach(i, 'OUTCOME_MISMATCH', `${d.candidateId}: ${c.tallied.yes} yes of ${c.requiredYes} required means ${passes ? 'passed' : 'failed'}, the event says ${e.type}`, d.candidateId);
        }
        candidates.set(d.candidateId, { ...c, decided: true });
        continue;
      }
      case 'MeetingClosed': {
        for (const [id, c] of candidates) if (c.round > 0 && !c.decided) breach(i, 'CLOSED_WITH_OPEN_VOTE', `The meeting closed while the vote on ${id} was undecided`, id);
        closed = true;
        continue;
      }
    }
  }
  return breaches;
}
