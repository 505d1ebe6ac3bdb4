import { eventTypesOf, type DomainEvent } from '@bj/kernel';

/** The declaration document as submitted (shared/spec/declaration.schema.json); validated by @bj/eligibility. */
export type DeclarationDocument = Record<string, unknown>;

export interface DeclarationIdentity {
  readonly declarationId: string;
  readonly sessionYear: number;
  /** The applicant's user id: only they may edit, submit or withdraw. */
  readonly ownerId: string;
}

export type DeclarationEvent =
  | DomainEvent<'DeclarationDrafted', DeclarationIdentity & { document: DeclarationDocument }>
  | DomainEvent<'DeclarationEdited', { document: DeclarationDocument }>
  // 证明材料: the file is stored by content; its SHA-256 in the log makes it as tamper-evident as the log
  | DomainEvent<'EvidenceAttached', EvidenceFile>
  // 个人申报
  | DomainEvent<'DeclarationSubmitted', { document: DeclarationDocument; employerCreditCode: string; applicantIdNumber: string; submittedOn: string }>
  // 自动预审: the automatic pre-check, attached for the centre's reviewers
  | DomainEvent<'EligibilityPreChecked', { report: EligibilitySummary & Record<string, unknown> }>
  | DomainEvent<'DeclarationWithdrawn', { reason: string }>
  // 单位内部公示
  | DomainEvent<'EmployerPublicityStarted', { firstDay: string; lastDay: string; workingDays: number; countPublicationDay: boolean }>
  | DomainEvent<'PublicityObjectionRaised', { objectionId: string; raisedBy: string; text: string }>
  | DomainEvent<'PublicityObjectionResolved', { objectionId: string; outcome: 'UPHELD' | 'DISMISSED'; resolution: string }>
  // 单位推荐
  | DomainEvent<'EmployerRecommended', { opinion: string; recommendedOn: string }>
  | DomainEvent<'EmployerDeclined', { reasons: string }>
  // 补正: the centre returned the declaration once for correction; the applicant resubmits
  | DomainEvent<'CorrectionRequested', { reasons: string; reviewId: string }>
  | DomainEvent<'DeclarationResubmitted', { document: DeclarationDocument; resubmittedOn: string }>;

export interface EvidenceFile {
  /** The item the file supports, as a JSON pointer into the declaration: /performance/0, /achievements/2, /education/1 … */
  readonly item: string;
  readonly sha256: string;
  readonly size: number;
  readonly contentType: 'application/pdf' | 'image/png' | 'image/jpeg';
  readonly fileName: string;
}

export interface EligibilitySummary {
  readonly eligible: boolean;
  readonly route: string | null;
}

export const DECLARATION_EVENT_SCHEMA_VERSION = 1;
export const declarationStreamId = (declarationId: string) => `declaration-${declarationId}`;

/** Every type of declaration event. */
export const DECLARATION_EVENT_TYPES = eventTypesOf<DeclarationEvent['type']>({
  DeclarationDrafted: true,
  DeclarationEdited: true,
  EvidenceAttached: true,
  DeclarationSubmitted: true,
  EligibilityPreChecked: true,
  DeclarationWithdrawn: true,
  EmployerPublicityStarted: true,
  PublicityObjectionRaised: true,
  PublicityObjectionResolved: true,
  EmployerRecommended: true,
  EmployerDeclined: true,
  CorrectionRequested: true,
  DeclarationResubmitted: true,
});
