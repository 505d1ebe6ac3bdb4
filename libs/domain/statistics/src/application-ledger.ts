// The facts the annual statistics need of each application, gathered from the global log in
// order: its classification (year, level, direction, employer kind) and the business date of
// each stage it reached. Pure: no clock, no I/O; the same events give the same ledger.
import { beijingDate, Directions, EmployerKinds, Levels, type Direction, type EmployerKind, type Level } from '@bj/kernel';

/** The part of a stored event the statistics read (a StoredEvent of @bj/event-store fits). */
export interface LoggedEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: { readonly occurredAt: string };
}

/** Business dates (Beijing calendar dates of `occurredAt`) of the stages an application reached. */
export interface StageDates {
  submitted?: string; // 个人申报
  recommended?: string; // 单位推荐
  accepted?: string; // 评审机构受理
  panelReviewed?: string; // 专业评议组评议
  voted?: string; // 评委会表决
  certified?: string; // 发放证书
}

export interface ApplicationFacts {
  readonly applicationId: string;
  year?: number;
  level?: Level;
  direction?: Direction;
  employerKind?: EmployerKind;
  dates: StageDates;
  declared: boolean;
  recommended: boolean;
  accepted: boolean;
  /** 补正: returned for correction at least once. */
  returned: boolean;
  /** 不予受理, net: false again once a recheck overturned it. */
  rejected: boolean;
  /** 复查: a rejection overturned on recheck. */
  rejectionOverturned: boolean;
  panelReviewed: boolean;
  /** The panel's aggregate score (评议组综合得分). */
  panelAggregate?: number;
  voted: boolean;
  /** yes − requiredYes of the vote (≥ 0 passes). */
  voteMargin?: number;
  passed: boolean;
  /** 公示异议: at least one objection to the notice was raised against the applicant. */
  objected: boolean;
  /** At least one of those objections was upheld (the applicant was withheld). */
  objectionUpheld: boolean;
  certified: boolean;
  revoked: boolean;
  certificateNumber?: string;
}

/** Every application seen in the log, and certificate numbers back to their applications. */
export interface StatisticsLedger {
  readonly applications: Map<string, ApplicationFacts>;
  readonly certificateHolders: Map<string, string>;
  /** The global position of the last event recorded (0: none). */
  lastPosition: number;
}

export function emptyStatisticsLedger(): StatisticsLedger {
  return { applications: new Map(), certificateHolders: new Map(), lastPosition: 0 };
}

const STREAM_PREFIXES = ['declaration-', 'centre-review-', 'expert-panel-'] as const;

type Data = Record<string, unknown>;

const text = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const record = (x: unknown): Data => (x !== null && typeof x === 'object' ? (x as Data) : {});

function facts(ledger: StatisticsLedger, applicationId: string): ApplicationFacts {
  let f = ledger.applications.get(applicationId);
  if (!f) {
    f = {
      applicationId,
      dates: {},
      declared: false,
      recommended: false,
      accepted: false,
      returned: false,
      rejected: false,
      rejectionOverturned: false,
      panelReviewed: false,
      voted: false,
      passed: false,
      objected: false,
      objectionUpheld: false,
      certified: false,
      revoked: false,
    };
    ledger.applications.set(applicationId, f);
  }
  return f;
}

/** Fills the classification; `override` when the source is the applicant's own (latest) declaration. */
function classify(f: ApplicationFacts, source: { year?: unknown; level?: unknown; direction?: unknown; employerKind?: unknown }, override: boolean) {
  if (typeof source.year === 'number' && Number.isInteger(source.year) && (override || f.year === undefined)) f.year = source.year;
  if (Levels.is(source.level) && (override || f.level === undefined)) f.level = source.level;
  if (Directions.is(source.direction) && (override || f.direction === undefined)) f.direction = source.direction;
  if (EmployerKinds.is(source.employerKind) && (override || f.employerKind === undefined)) f.employerKind = source.employerKind;
}

function fromDocument(f: ApplicationFacts, document: unknown) {
  const doc = record(document);
  classify(f, { level: doc['targetLevel'], direction: doc['direction'], employerKind: record(doc['employer'])['kind'] }, true);
}

/** The application a stream belongs to, for the per-application streams. */
function applicationOfStream(streamId: string): string | undefined {
  const prefix = STREAM_PREFIXES.find((p) => streamId.startsWith(p));
  return prefix ? streamId.slice(prefix.length) : undefined;
}

/** The event types recordEvent reads (the others change nothing but `lastPosition`). */
export const STATISTICS_EVENT_TYPES: readonly string[] = Object.freeze([
  'ApplicationAccepted',
  'ApplicationRejected',
  'ApplicationReturnedForCorrection',
  'CandidateFailed',
  'CandidatePassed',
  'CertificateIssued',
  'CertificateRevoked',
  'DeclarationDrafted',
  'DeclarationResubmitted',
  'DeclarationSubmitted',
  'EmployerRecommended',
  'NoticeObjectionRaised',
  'NoticeObjectionResolved',
  'PanelOpened',
  'PanelOpinionFormed',
  'RecheckDecided',
  'ReviewOpened',
  'VotingClosed',
]);

/**
 * Records one event of the global log (in log order) into the ledger. Events the statistics do
 * not count are ignored. Mutates and returns the ledger (a read model kept in memory).
 */
export function recordEvent(ledger: StatisticsLedger, event: LoggedEvent & { readonly globalPosition?: number }): StatisticsLedger {
  if (typeof event.globalPosition === 'number') ledger.lastPosition = event.globalPosition;
  const data = record(event.data);
  const on = beijingDate(event.metadata.occurredAt);
  const streamApplication = applicationOfStream(event.streamId);
  switch (event.type) {
    case 'DeclarationDrafted': {
      if (streamApplication) classify(facts(ledger, streamApplication), { year: data['sessionYear'] }, true);
      break;
    }
    case 'DeclarationSubmitted': {
      if (!streamApplication) break;
      const f = facts(ledger, streamApplication);
      fromDocument(f, data['document']);
      if (!f.declared) {
        f.declared = true;
        f.dates.submitted = on;
      }
      break;
    }
    case 'DeclarationResubmitted': {
      if (streamApplication) fromDocument(facts(ledger, streamApplication), data['document']);
      break;
    }
    case 'EmployerRecommended': {
      if (!streamApplication) break;
      const f = facts(ledger, streamApplication);
      if (!f.recommended) {
        f.recommended = true;
        f.dates.recommended = on;
      }
      break;
    }
    case 'ReviewOpened': {
      const id = text(data['applicationId']) ?? streamApplication;
      if (!id) break;
      classify(facts(ledger, id), { year: data['year'], level: data['level'], direction: data['direction'], employerKind: record(data['employer'])['kind'] }, false);
      break;
    }
    case 'ApplicationAccepted': {
      const id = text(data['applicationId']) ?? streamApplication;
      if (!id) break;
      const f = facts(ledger, id);
      if (!f.accepted) {
        f.accepted = true;
        f.dates.accepted = on;
      }
      break;
    }
    case 'ApplicationReturnedForCorrection': {
      const id = text(data['applicationId']) ?? streamApplication;
      if (id) facts(ledger, id).returned = true;
      break;
    }
    case 'ApplicationRejected': {
      const id = text(data['applicationId']) ?? streamApplication;
      if (id) facts(ledger, id).rejected = true;
      break;
    }
    case 'RecheckDecided': {
      const id = text(data['applicationId']) ?? streamApplication;
      if (id && data['outcome'] === 'OVERTURNED') {
        const f = facts(ledger, id);
        f.rejected = false;
        f.rejectionOverturned = true;
      }
      break;
    }
    case 'PanelOpened': {
      const application = record(data['application']);
      const id = text(application['applicationId']) ?? streamApplication;
      if (id) classify(facts(ledger, id), { year: application['year'], level: application['level'], direction: application['direction'] }, false);
      break;
    }
    case 'PanelOpinionFormed': {
      const id = text(data['applicationId']) ?? streamApplication;
      if (!id) break;
      const f = facts(ledger, id);
      classify(f, { level: data['level'], direction: data['direction'] }, false);
      f.panelReviewed = true;
      f.dates.panelReviewed = on;
      if (typeof data['aggregate'] === 'number') f.panelAggregate = data['aggregate'];
      break;
    }
    case 'VotingClosed': {
      const id = text(data['candidateId']);
      if (!id) break;
      const f = facts(ledger, id);
      f.voted = true;
      f.dates.voted = on;
      const yes = record(data['tally'])['yes'];
      if (typeof yes === 'number' && typeof data['requiredYes'] === 'number') f.voteMargin = yes - data['requiredYes'];
      break;
    }
    case 'CandidatePassed':
    case 'CandidateFailed': {
      const id = text(data['candidateId']);
      if (!id) break;
      const f = facts(ledger, id);
      classify(f, { year: data['year'], level: data['level'], direction: data['direction'] }, false);
      f.passed = event.type === 'CandidatePassed';
      break;
    }
    case 'NoticeObjectionRaised': {
      const id = text(data['applicationId']);
      if (id) facts(ledger, id).objected = true;
      break;
    }
    case 'NoticeObjectionResolved': {
      const id = text(data['applicationId']);
      if (id && data['outcome'] === 'UPHELD') facts(ledger, id).objectionUpheld = true;
      break;
    }
    case 'CertificateIssued': {
      const id = text(data['applicantId']);
      const number = text(data['certificateNumber']);
      if (!id || !number) break;
      const f = facts(ledger, id);
      const content = record(data['content']);
      classify(f, { level: content['level'], direction: content['direction'] }, false);
      f.certified = true;
      f.revoked = false;
      f.certificateNumber = number;
      f.dates.certified = on;
      ledger.certificateHolders.set(number, id);
      break;
    }
    case 'CertificateRevoked': {
      const number = text(data['certificateNumber']) ?? event.streamId.replace(/^certificate-/, '');
      const id = ledger.certificateHolders.get(number);
      if (id) facts(ledger, id).revoked = true;
      break;
    }
    default:
      break;
  }
  return ledger;
}

/** The ledger of a whole log (in order). */
export function ledgerOf(events: Iterable<LoggedEvent & { readonly globalPosition?: number }>): StatisticsLedger {
  const ledger = emptyStatisticsLedger();
  for (const e of events) recordEvent(ledger, e);
  return ledger;
}
