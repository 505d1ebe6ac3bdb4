import type { DeclarationDocument, DeclarationEvent, EligibilitySummary, EvidenceFile } from './declaration.events';

export type DeclarationStatus =
  | 'NONE'
  | 'DRAFT'
  | 'SUBMITTED' // 已提交, waiting for the employer
  | 'IN_PUBLICITY' // 单位内部公示中
  | 'RECOMMENDED' // 单位已推荐, with the centre
  | 'DECLINED' // 单位不推荐
  | 'CORRECTION_REQUESTED' // 退回补正
  | 'WITHDRAWN';

export interface PublicityObjection {
  readonly objectionId: string;
  readonly raisedBy: string;
  readonly text: string;
  readonly outcome?: 'UPHELD' | 'DISMISSED';
  readonly resolution?: string;
}

export interface DeclarationState {
  readonly status: DeclarationStatus;
  readonly declarationId?: string;
  readonly sessionYear?: number;
  readonly ownerId?: string;
  readonly document?: DeclarationDocument;
  readonly employerCreditCode?: string;
  readonly eligibility?: EligibilitySummary;
  readonly publicity?: { firstDay: string; lastDay: string };
  readonly objections: readonly PublicityObjection[];
  readonly recommendation?: { opinion: string; recommendedOn: string };
  readonly correctionRequested: boolean;
  readonly evidence: readonly EvidenceFile[];
}

export const initialDeclarationState = (): DeclarationState => ({ status: 'NONE', objections: [], correctionRequested: false, evidence: [] });

export function evolveDeclaration(state: DeclarationState, event: DeclarationEvent): DeclarationState {
  switch (event.type) {
    case 'DeclarationDrafted':
      return { ...state, status: 'DRAFT', ...event.data };
    case 'DeclarationEdited':
      return { ...state, document: event.data.document };
    case 'EvidenceAttached':
      return { ...state, evidence: [...state.evidence, event.data] };
    case 'DeclarationSubmitted':
      return { ...state, status: 'SUBMITTED', document: event.data.document, employerCreditCode: event.data.employerCreditCode };
    case 'EligibilityPreChecked':
      return { ...state, eligibility: { eligible: event.data.report.eligible, route: event.data.report.route } };
    case 'DeclarationWithdrawn':
      return { ...state, status: 'WITHDRAWN' };
    case 'EmployerPublicityStarted':
      return { ...state, status: 'IN_PUBLICITY', publicity: { firstDay: event.data.firstDay, lastDay: event.data.lastDay } };
    case 'PublicityObjectionRaised':
      return { ...state, objections: [...state.objections, { objectionId: event.data.objectionId, raisedBy: event.data.raisedBy, text: event.data.text }] };
    case 'PublicityObjectionResolved':
      return {
        ...state,
        objections: state.objections.map((o) =>
          o.objectionId === event.data.objectionId ? { ...o, outcome: event.data.outcome, resolution: event.data.resolution } : o,
        ),
      };
    case 'EmployerRecommended':
      return { ...state, status: 'RECOMMENDED', recommendation: event.data };
    case 'EmployerDeclined':
      return { ...state, status: 'DECLINED' };
    case 'CorrectionRequested':
      return { ...state, status: 'CORRECTION_REQUESTED', correctionRequested: true };
    case 'DeclarationResubmitted':
      return { ...state, status: 'RECOMMENDED', document: event.data.document };
  }
}

/** The documents of a declaration, which the read models do not keep: the latest text and pre-check. */
export interface DeclarationDocuments {
  /** The latest version: drafted, edited, submitted or resubmitted. */
  readonly document?: DeclarationDocument;
  /** The latest automatic pre-check (自动预审) in full. */
  readonly eligibilityReport?: EligibilitySummary & Record<string, unknown>;
}

/** Reads the documents from a declaration's own events (its stream, in order). */
export function declarationDocuments(events: readonly { readonly type: string; readonly data: unknown }[]): DeclarationDocuments {
  let document: DeclarationDocument | undefined;
  let eligibilityReport: DeclarationDocuments['eligibilityReport'];
  for (const e of events) {
    const d = e as DeclarationEvent;
    if (d.type === 'DeclarationDrafted' || d.type === 'DeclarationEdited' || d.type === 'DeclarationSubmitted' || d.type === 'DeclarationResubmitted') document = d.data.document;
    else if (d.type === 'EligibilityPreChecked') eligibilityReport = d.data.report;
  }
  return { ...(document ? { document } : {}), ...(eligibilityReport ? { eligibilityReport } : {}) };
}
