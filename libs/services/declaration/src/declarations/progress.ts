import type { ProjectedEvent } from '@bj/event-store';

/** One step of a declaration's way, as its applicant and employer follow it (dates and reasons, nothing secret). */
export interface ProgressStep {
  readonly stage: string;
  /** 中文 label shown to people. */
  readonly label: string;
  /** Business date (ISO instant) of the step. */
  readonly at: string;
  readonly reason?: string;
}

/**
 * A step at its date, as an object of one of two fixed shapes. (Spreading a step into a new
 * object gave each of them a hidden class of its own: tens of thousands, kept for years.)
 */
export function stepAt(step: Omit<ProgressStep, 'at'>, at: string): ProgressStep {
  return step.reason === undefined ? { stage: step.stage, label: step.label, at } : { stage: step.stage, label: step.label, at, reason: step.reason };
}

type D = Record<string, unknown>;
const join = (xs: unknown, f: (x: D) => string) => (Array.isArray(xs) ? (xs as D[]).map(f).join('；') : undefined);

/** The other services' event types that progressOf reads (for the others it answers undefined). */
export const PROGRESS_EVENT_TYPES: readonly string[] = Object.freeze([
  'ReviewOpened',
  'ApplicationAccepted',
  'ApplicationReturnedForCorrection',
  'ApplicationRejected',
  'RecheckRequested',
  'RecheckDecided',
  'ApplicationWithdrawn',
  'PanelOpinionFormed',
  'CandidatePassed',
  'CandidateFailed',
  'NoticePublished',
  'NoticeObjectionResolved',
  'ApplicantReadyForCertification',
  'CertificateIssued',
  'CertificateRevoked',
]);

/**
 * The application id an event of another service speaks of (the application id is the
 * declaration id), and the step it means for the applicant; undefined for events that do not
 * concern one application or that the applicant does not see (scores, ballots).
 */
export function progressOf(event: ProjectedEvent): { applicationIds: string[]; step: Omit<ProgressStep, 'at'> } | undefined {
  const d = event.data as D;
  const own = (prefix: string) => [event.streamId.slice(prefix.length)];
  switch (event.type) {
    case 'ReviewOpened':
      return { applicationIds: own('centre-review-'), step: { stage: 'CENTRE_REVIEW', label: '评审机构审核中' } };
    case 'ApplicationAccepted':
      return { applicationIds: own('centre-review-'), step: { stage: 'ACCEPTED', label: '审核通过，进入专业评议' } };
    case 'ApplicationReturnedForCorrection':
      return { applicationIds: own('centre-review-'), step: { stage: 'RETURNED_FOR_CORRECTION', label: '退回补正', reason: join(d['reasons'], (r) => String(r['reason'])) } };
    case 'ApplicationRejected':
      return { applicationIds: own('centre-review-'), step: { stage: 'REJECTED', label: '审核未通过', reason: join(d['grounds'], (g) => `${g['clause']}：${g['reason']}`) } };
    case 'RecheckRequested':
      return { applicationIds: own('centre-review-'), step: { stage: 'RECHECK_REQUESTED', label: '已申请复查' } };
    case 'RecheckDecided':
      return { applicationIds: own('centre-review-'), step: { stage: 'RECHECK_DECIDED', label: d['outcome'] === 'OVERTURNED' ? '复查：撤销原审核意见' : '复查：维持原审核意见', reason: String(d['reasons']) } };
    case 'ApplicationWithdrawn':
      return { applicationIds: own('centre-review-'), step: { stage: 'WITHDRAWN_FROM_REVIEW', label: '已撤回评审' } };
    case 'PanelOpinionFormed':
      return { applicationIds: own('expert-panel-'), step: { stage: 'PANEL_REVIEWED', label: '专业评议组评议完成，提交评委会' } };
    case 'CandidatePassed':
      return { applicationIds: [String(d['candidateId'])], step: { stage: 'PASSED_VOTE', label: '评委会表决通过' } };
    case 'CandidateFailed':
      return { applicationIds: [String(d['candidateId'])], step: { stage: 'FAILED_VOTE', label: '评委会表决未通过' } };
    case 'NoticePublished': {
      const period = d['period'] as { firstDay: string; lastDay: string };
      const ids = (d['entries'] as D[]).map((e) => String(e['applicationId']));
      return { applicationIds: ids, step: { stage: 'IN_PUBLIC_NOTICE', label: `评审结果公示中（${period.firstDay} 至 ${period.lastDay}，${String(d['siteLabel'] ?? '')}）` } };
    }
    case 'NoticeObjectionResolved':
      return d['outcome'] === 'UPHELD'
        ? { applicationIds: [String(d['applicationId'])], step: { stage: 'NOTICE_OBJECTION_UPHELD', label: '公示异议成立，暂缓发证', reason: String(d['findings']) } }
        : undefined;
    case 'ApplicantReadyForCertification':
      return { applicationIds: [String(d['applicationId'])], step: { stage: 'READY_FOR_CERTIFICATION', label: '公示期满，待发放证书' } };
    case 'CertificateIssued': {
      const content = (d['content'] ?? {}) as D;
      const id = d['applicationId'] ?? content['applicationId'];
      return id ? { applicationIds: [String(id)], step: { stage: 'CERTIFIED', label: `已发放职称证书（${String(content['certificateNumber'] ?? d['certificateNumber'] ?? '')}）` } } : undefined;
    }
    case 'CertificateRevoked': {
      const id = d['applicationId'];
      return id ? { applicationIds: [String(id)], step: { stage: 'REVOKED', label: '证书已撤销', reason: String(d['reason']) } } : undefined;
    }
    default:
      return undefined;
  }
}

/** The declaration service's own events as steps. */
export const DECLARATION_STEPS: Record<string, string> = {
  DeclarationDrafted: '草稿',
  DeclarationSubmitted: '已提交，等待单位审核',
  EmployerPublicityStarted: '单位内部公示中',
  EmployerRecommended: '单位已推荐',
  EmployerDeclined: '单位不予推荐',
  CorrectionRequested: '退回补正，请修改后重新提交',
  DeclarationResubmitted: '补正后已重新提交',
  DeclarationWithdrawn: '已撤回',
};
