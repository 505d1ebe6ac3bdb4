// 申报全程记录: who did what, when, in which role, with the reasons given — from the events alone.
// Secret ballot: single ballots never appear; the trail shows attendance, ballots issued and the tally.
import { isMeetingStream, namesApplication } from './application-events';
import { dataOf, isRecord, type AuditedEvent } from './audited-event';

export interface TrailEntry {
  readonly globalPosition: number;
  readonly recordedAt: string;
  /** Business time of the act. */
  readonly occurredAt: string;
  readonly streamId: string;
  readonly type: string;
  readonly actorId: string;
  readonly actorRole: string;
  /** What happened, in one line. */
  readonly summary: string;
  /** The reasons, remarks, opinions or findings given with the act. */
  readonly reasons: readonly string[];
}

export interface ApplicationTrail {
  readonly applicationId: string;
  readonly entries: readonly TrailEntry[];
}

/** Members whose text is a reason given for the act. */
const REASON_FIELDS = ['reason', 'reasons', 'remarks', 'grounds', 'opinion', 'employerOpinion', 'findings', 'resolution', 'text', 'content', 'summary', 'details'];

function reasonsOf(data: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const field of REASON_FIELDS) {
    const value = data[field];
    if (typeof value === 'string' && value.trim()) out.push(`${field}: ${value}`);
    else if (Array.isArray(value)) {
      for (const item of value) {
        if (typeof item === 'string') out.push(`${field}: ${item}`);
        else if (isRecord(item)) {
          const where = item['clause'] ?? item['path'];
          const why = item['reason'] ?? item['details'];
          if (typeof why === 'string') out.push(`${field}: ${typeof where === 'string' ? `${where}: ` : ''}${why}`);
        }
      }
    }
  }
  return out;
}

function summaryOf(event: AuditedEvent, applicationId: string): string {
  const d = dataOf(event);
  const n = (key: string) => (Array.isArray(d[key]) ? (d[key] as unknown[]).length : 0);
  switch (event.type) {
    case 'DeclarationDrafted':
      return `declaration drafted for the ${String(d['sessionYear'])} session`;
    case 'DeclarationSubmitted':
      return `declaration submitted on ${String(d['submittedOn'])} to employer ${String(d['employerCreditCode'])}`;
    case 'EligibilityPreChecked': {
      const report = dataOf({ data: d['report'] });
      return `automatic pre-check: ${report['eligible'] ? 'eligible' : 'not eligible'}${report['route'] ? ` (${String(report['route'])})` : ''}`;
    }
    case 'EvidenceAttached':
      return `evidence attached for ${String(d['item'])}: ${String(d['fileName'])} (sha256 ${String(d['sha256']).slice(0, 12)}…)`;
    case 'EmployerPublicityStarted':
      return `employer publicity ${String(d['firstDay'])} to ${String(d['lastDay'])} (${String(d['workingDays'])} working days)`;
    case 'EmployerRecommended':
      return `employer recommended on ${String(d['recommendedOn'])}`;
    case 'ReviewOpened':
      return `review opened at the centre (level ${String(d['level'])}, direction ${String(d['direction'])})`;
    case 'ApplicationAccepted':
      return `accepted by reviewer ${String(d['reviewerId'])} via ${String(d['via'])}${d['overridesAutomaticCheck'] ? ', overriding the automatic check' : ''}`;
    case 'ApplicationReturnedForCorrection':
      return `returned for correction by ${String(d['reviewerId'])}${d['correctBy'] ? `, to correct by ${String(d['correctBy'])}` : ''}`;
    case 'ApplicationRejected':
      return `rejected by reviewer ${String(d['reviewerId'])}`;
    case 'RecheckDecided':
      return `recheck decided by ${String(d['reviewerId'])}: ${String(d['outcome'])}`;
    case 'ApplicationLockedForVote':
      return `locked for the vote of meeting ${String(d['meetingId'])}`;
    case 'ApplicationWithdrawn':
      return `withdrawn (was ${String(d['statusBefore'])})`;
    case 'PanelOpened':
      return `expert panel opened`;
    case 'ExpertRecused':
      return `expert ${String(d['expertId'])} recused (${String(d['grounds'])}${d['conflictType'] ? `, ${String(d['conflictType'])}` : ''})`;
    case 'PanelOpinionFormed':
      return `panel opinion: aggregate ${String(d['aggregate'])} (pass line ${String(d['passLine'])}) → ${String(d['recommendation'])}${d['flaggedForDiscussion'] ? ', flagged for discussion' : ''}`;
    case 'ScoreSubmitted':
      return `expert ${String(d['expertId'])} scored ${String(d['total'])}`;
    case 'ExpertsAssigned':
      return `experts assigned (round ${String(d['round'])}): ${(Array.isArray(d['assigned']) ? d['assigned'] : []).map((a) => String(dataOf({ data: a })['expertId'])).join(', ')}`;
    case 'MeetingScheduled':
      return `on the agenda of meeting ${String(d['meetingId'])} (committee ${String(d['committeeId'])}, ${n('members')} members) for ${String(d['scheduledFor'])}`;
    case 'AttendanceRegistered':
      return `attendance: member ${String(d['memberId'])} present`;
    case 'MeetingOpened':
      return `meeting opened: ${n('presentMemberIds')} of ${String(d['membersTotal'])} members present (quorum ${String(d['quorumRequired'])})`;
    case 'BallotsIssued': {
      const recused = (Array.isArray(d['recusals']) ? (d['recusals'] as unknown[]) : []).map((r) => dataOf({ data: r })).filter((r) => r['candidateId'] === applicationId);
      return `ballot round ${String(d['round'])} (${n('candidateIds')} candidate${n('candidateIds') === 1 ? '' : 's'} on the sheet): ${String(d['ballotsIssued'])} sheets issued to members present; ${recused.length} recused${recused.length ? ` (${recused.map((r) => String(r['memberId'])).join(', ')})` : ''}; ${String(d['requiredYes'])} yes needed`;
    }
    case 'VotingClosed': {
      const t = dataOf({ data: d['tally'] });
      return `voting closed: ${String(t['yes'])} yes, ${String(t['no'])} no, ${String(t['abstain'])} abstain; ${String(t['ballotsCast'])} of ${String(t['ballotsIssued'])} ballots cast; ${String(d['membersPresent'])} present, ${String(d['requiredYes'])} yes needed`;
    }
    case 'CandidatePassed':
    case 'CandidateFailed':
      return `${event.type === 'CandidatePassed' ? 'passed' : 'failed'} the committee vote (${String(d['yes'])} yes of ${String(d['requiredYes'])} needed) on ${String(d['decidedOn'])}`;
    case 'MeetingClosed':
      return `meeting closed: ${n('passed')} passed, ${n('failed')} failed, ${n('removed')} removed`;
    case 'ResultsSubmitted':
      return `results submitted to HRSS (submission ${String(d['submission'])})`;
    case 'ResultsAccepted':
      return `results accepted by HRSS on ${String(d['acceptedOn'])}`;
    case 'NoticePublished': {
      const period = dataOf({ data: d['period'] });
      return `on the public notice ${String(d['noticeId'])} (${String(d['siteLabel'] ?? d['site'])}) ${String(period['firstDay'])} to ${String(period['lastDay'])}`;
    }
    case 'NoticeObjectionRaised':
      return `objection ${String(d['objectionId'])} raised on ${String(d['raisedOn'])}`;
    case 'NoticeObjectionResolved':
      return `objection ${String(d['objectionId'])} ${String(d['outcome'])}`;
    case 'NoticeClosed': {
      const withheld = Array.isArray(d['withheld']) && d['withheld'].some((w) => dataOf({ data: w })['applicationId'] === applicationId);
      return `notice closed on ${String(d['closedOn'])}: ${withheld ? 'withheld by an upheld objection' : 'cleared'}`;
    }
    case 'ApplicantReadyForCertification':
      return `ready for certification (qualification date ${String(d['qualificationDate'])})`;
    case 'CertificateIssued':
      return `certificate ${String(d['certificateNumber'])} issued`;
    case 'CertificateRevoked':
      return `certificate ${String(d['certificateNumber'])} revoked from ${String(d['revokedAt'])}, barred until ${String(d['barUntil'])}`;
    default: {
      const outcome = d['outcome'] ?? d['status'];
      return `${event.type}${typeof outcome === 'string' ? `: ${outcome}` : ''}`;
    }
  }
}

/**
 * The trail of an application from the events kept by `applicationEventFilter` (in position
 * order). `BallotCast` events are never listed: their count shows in VotingClosed's tally.
 * Events of shared streams appear only when they name the candidate (or are the meeting's
 * attendance, opening and closing).
 */
export function applicationTrail(applicationId: string, events: readonly AuditedEvent[]): ApplicationTrail {
  const entries: TrailEntry[] = [];
  for (const event of events) {
    if (event.type === 'BallotCast') continue;
    const own = !isMeetingStream(event.streamId) && !event.streamId.startsWith('session-results-') && !event.streamId.startsWith('certificate-');
    if (!own && !namesApplication(event, applicationId)) continue;
    entries.push({
      globalPosition: event.globalPosition,
      recordedAt: event.recordedAt,
      occurredAt: event.metadata.occurredAt,
      streamId: event.streamId,
      type: event.type,
      actorId: event.metadata.actorId,
      actorRole: event.metadata.actorRole,
      summary: summaryOf(event, applicationId),
      reasons: reasonsOf(dataOf(event)),
    });
  }
  return { applicationId, entries };
}

const CSV_COLUMNS: readonly (keyof TrailEntry)[] = ['globalPosition', 'recordedAt', 'occurredAt', 'streamId', 'type', 'actorId', 'actorRole', 'summary', 'reasons'];

function csvCell(value: unknown): string {
  const text = Array.isArray(value) ? value.join(' | ') : String(value);
  // RFC 4180 quoting; a leading = + - @ is prefixed so that spreadsheets do not run it as a formula.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The trail as CSV (RFC 4180, CRLF line ends, a header row; reasons joined by " | "). */
export function trailToCsv(trail: ApplicationTrail): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const entry of trail.entries) lines.push(CSV_COLUMNS.map((c) => csvCell(entry[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
