import { beijingDate, DomainError, echo, MAX_FREE_TEXT, type CommandContext, type Decider, type Problem, type PublicityRule } from '@bj/kernel';
import { evaluateEligibility, validateDeclaration } from '@bj/eligibility';
import { DECLARATION_EVENT_SCHEMA_VERSION as V, type DeclarationDocument, type DeclarationEvent, type EvidenceFile } from './declaration.events';
import { evolveDeclaration, initialDeclarationState, type DeclarationState } from './declaration.state';

/** What the declaration needs to know of the year's session (from the AnnualSession stream). */
export interface SessionTerms {
  readonly year: number;
  readonly declarationWindow: { readonly opensOn: string; readonly closesOn: string };
  readonly cutoffDate: string;
}

export type DeclarationCommand = CommandContext &
  (
    | { type: 'DraftDeclaration'; declarationId: string; sessionYear: number; document: unknown }
    | { type: 'EditDeclaration'; document: unknown }
    | { type: 'AttachEvidence'; file: EvidenceFile }
    | { type: 'SubmitDeclaration'; session: SessionTerms; barredUntil?: string }
    | { type: 'WithdrawDeclaration'; reason: string }
    | { type: 'StartEmployerPublicity'; period: { firstDay: string; lastDay: string }; rule: PublicityRule }
    | { type: 'RaisePublicityObjection'; objectionId: string; text: string }
    | { type: 'ResolvePublicityObjection'; objectionId: string; outcome: 'UPHELD' | 'DISMISSED'; resolution: string }
    | { type: 'RecommendDeclaration'; opinion: string }
    | { type: 'DeclineDeclaration'; reasons: string }
    | { type: 'RequestCorrection'; reasons: string; reviewId: string }
    | { type: 'ResubmitDeclaration'; document: unknown; session: SessionTerms }
  );

const ev = <T extends DeclarationEvent['type']>(type: T, data: Extract<DeclarationEvent, { type: T }>['data']) =>
  ({ type, schemaVersion: V, data }) as Extract<DeclarationEvent, { type: T }>;

/** Validates the document against the schema and the format rules; problems are reported under `/declaration`. */
function validDocument(document: unknown): DeclarationDocument {
  const result = validateDeclaration(document);
  if (!result.ok) {
    throw DomainError.invalid(
      result.problems.map((p: Problem) => ({ path: `/declaration${p.path}`, message: p.message })),
      `The declaration has ${result.problems.length} problem(s)`,
    );
  }
  return result.declaration as unknown as DeclarationDocument;
}


function requireText(value: unknown, field: string, min = 2): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (value !== undefined && value !== null && typeof value !== 'string') throw DomainError.invalid([{ path: `/${field}`, message: `${field} must be a text of at least ${min} characters, not ${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`}` }]);
  if (text.length < min) throw DomainError.invalid([{ path: `/${field}`, message: `${field} is required (at least ${min} characters)` }]);
  if (text.length > MAX_FREE_TEXT) throw DomainError.invalid([{ path: `/${field}`, message: `${field} must be at most ${MAX_FREE_TEXT.toLocaleString('en')} characters (it has ${text.length.toLocaleString('en')})` }]);
  return text;
}

function requireOwner(command: DeclarationCommand, state: DeclarationState) {
  if (state.status === 'NONE') throw DomainError.notFound('No such declaration', 'DECLARATION_NOT_FOUND');
  if (command.actor.role !== 'APPLICANT' || command.actor.id !== state.ownerId) {
    throw DomainError.forbidden('Only the applicant who drafted this declaration may do this', 'NOT_DECLARATION_OWNER');
  }
}

function requireEmployer(command: DeclarationCommand, state: DeclarationState) {
  if (state.status === 'NONE' || state.status === 'DRAFT') throw DomainError.notFound('No such declaration', 'DECLARATION_NOT_FOUND');
  if (command.actor.role !== 'EMPLOYER' || command.actor.creditCode !== state.employerCreditCode) {
    throw DomainError.forbidden("Only the applicant's own employer may do this", 'NOT_APPLICANTS_EMPLOYER');
  }
}

function requireStatus(state: DeclarationState, allowed: DeclarationState['status'][], action: string) {
  if (!allowed.includes(state.status)) {
    throw DomainError.rule('WRONG_STAGE', `Cannot ${action}: the declaration is ${state.status}, it must be ${allowed.join(' or ')}`);
  }
}

function requireWindow(session: SessionTerms, today: string) {
  const { opensOn, closesOn } = session.declarationWindow;
  if (today < opensOn || today > closesOn) {
    throw DomainError.rule('OUTSIDE_DECLARATION_WINDOW', `Declarations for ${session.year} are accepted from ${opensOn} to ${closesOn}; today is ${today}`);
  }
}

function field(document: DeclarationDocument, group: string, name: string): string {
  return String((document[group] as Record<string, unknown>)[name]);
}

export function decideDeclaration(command: DeclarationCommand, state: DeclarationState): DeclarationEvent[] {
  const today = beijingDate(command.now);
  switch (command.type) {
    case 'DraftDeclaration': {
      if (state.status !== 'NONE') throw DomainError.conflict('This declaration exists already', 'DECLARATION_EXISTS');
      if (command.actor.role !== 'APPLICANT') throw DomainError.forbidden('Only applicants draft declarations');
      const document = validDocument(command.document);
      return [ev('DeclarationDrafted', { declarationId: command.declarationId, sessionYear: command.sessionYear, ownerId: command.actor.id, document })];
    }
    case 'EditDeclaration': {
      requireOwner(command, state);
      requireStatus(state, ['DRAFT', 'CORRECTION_REQUESTED'], 'edit');
      return [ev('DeclarationEdited', { document: validDocument(command.document) })];
    }
    case 'AttachEvidence': {
      requireOwner(command, state);
      requireStatus(state, ['DRAFT', 'CORRECTION_REQUESTED'], 'attach evidence');
      const { item } = command.file;
      if (!evidenceItemExists(state.document ?? {}, item)) {
        throw DomainError.invalid([{ path: '/item', message: `The declaration has no item ${item} (use /performance/N, /achievements/N, /education/N, /titles/N or /awards/N)` }]);
      }
      if (state.evidence.some((e) => e.item === item && e.sha256 === command.file.sha256)) {
        throw DomainError.conflict(`This file is attached to ${item} already`, 'EVIDENCE_ALREADY_ATTACHED');
      }
      return [ev('EvidenceAttached', command.file)];
    }
    case 'SubmitDeclaration': {
      requireOwner(command, state);
      requireStatus(state, ['DRAFT'], 'submit');
      requireWindow(command.session, today);
      if (command.barredUntil && today <= command.barredUntil) {
        throw DomainError.rule('APPLICANT_BARRED', `The applicant is barred from applying until ${command.barredUntil} (a certificate was revoked for fraud)`);
      }
      const document = validDocument(state.document);
      const report = evaluateEligibility(document as never, command.session.cutoffDate);
      return [
        ev('DeclarationSubmitted', {
          document,
          employerCreditCode: field(document, 'employer', 'creditCode'),
          applicantIdNumber: field(document, 'applicant', 'idNumber'),
          submittedOn: today,
        }),
        ev('EligibilityPreChecked', { report: report as unknown as Extract<DeclarationEvent, { type: 'EligibilityPreChecked' }>['data']['report'] }),
      ];
    }
    case 'WithdrawDeclaration': {
      requireOwner(command, state);
      requireStatus(state, ['DRAFT', 'SUBMITTED', 'IN_PUBLICITY', 'RECOMMENDED', 'CORRECTION_REQUESTED'], 'withdraw');
      return [ev('DeclarationWithdrawn', { reason: requireText(command.reason, 'reason') })];
    }
    case 'StartEmployerPublicity': {
      requireEmployer(command, state);
      requireStatus(state, ['SUBMITTED'], 'start the internal publicity');
      return [ev('EmployerPublicityStarted', { ...command.period, workingDays: command.rule.workingDays, countPublicationDay: command.rule.countPublicationDay })];
    }
    case 'RaisePublicityObjection': {
      if (state.status === 'NONE' || state.status === 'DRAFT') throw DomainError.notFound('No such declaration', 'DECLARATION_NOT_FOUND');
      if (command.actor.creditCode !== state.employerCreditCode) {
        throw DomainError.forbidden('Only people of the same unit may object during its internal publicity', 'NOT_IN_UNIT');
      }
      requireStatus(state, ['IN_PUBLICITY'], 'object');
      if (state.publicity && today > state.publicity.lastDay) {
        throw DomainError.rule('PUBLICITY_ENDED', `The internal publicity ended on ${state.publicity.lastDay}`);
      }
      return [ev('PublicityObjectionRaised', { objectionId: command.objectionId, raisedBy: command.actor.id, text: requireText(command.text, 'text', 5) })];
    }
    case 'ResolvePublicityObjection': {
      requireEmployer(command, state);
      const objection = state.objections.find((o) => o.objectionId === command.objectionId);
      if (!objection) throw DomainError.notFound(`No objection ${echo(command.objectionId)} on this declaration`, 'OBJECTION_NOT_FOUND');
      if (objection.outcome) throw DomainError.rule('OBJECTION_ALREADY_RESOLVED', `Objection ${command.objectionId} was resolved already`);
      return [ev('PublicityObjectionResolved', { objectionId: command.objectionId, outcome: command.outcome, resolution: requireText(command.resolution, 'resolution') })];
    }
    case 'RecommendDeclaration': {
      requireEmployer(command, state);
      requireStatus(state, ['IN_PUBLICITY'], 'recommend');
      requirePublicityRun(state, today);
      if (state.objections.some((o) => o.outcome === 'UPHELD')) {
        throw DomainError.rule('OBJECTION_UPHELD', 'An objection raised during the publicity was upheld; the unit can only decline');
      }
      return [ev('EmployerRecommended', { opinion: requireText(command.opinion, 'opinion', 5), recommendedOn: today })];
    }
    case 'DeclineDeclaration': {
      requireEmployer(command, state);
      requireStatus(state, ['SUBMITTED', 'IN_PUBLICITY'], 'decline');
      return [ev('EmployerDeclined', { reasons: requireText(command.reasons, 'reasons', 5) })];
    }
    case 'RequestCorrection': {
      requireStatus(state, ['RECOMMENDED'], 'return for correction');
      if (state.correctionRequested) throw DomainError.rule('CORRECTION_ALREADY_REQUESTED', 'A declaration is returned for correction only once');
      return [ev('CorrectionRequested', { reasons: requireText(command.reasons, 'reasons'), reviewId: command.reviewId })];
    }
    case 'ResubmitDeclaration': {
      requireOwner(command, state);
      requireStatus(state, ['CORRECTION_REQUESTED'], 'resubmit');
      const document = validDocument(command.document);
      if (field(document, 'employer', 'creditCode') !== state.employerCreditCode) {
        throw DomainError.invalid([{ path: '/declaration/employer/creditCode', message: 'The employer cannot change in a correction' }]);
      }
      const report = evaluateEligibility(document as never, command.session.cutoffDate);
      return [
        ev('DeclarationResubmitted', { document, resubmittedOn: today }),
        ev('EligibilityPreChecked', { report: report as unknown as Extract<DeclarationEvent, { type: 'EligibilityPreChecked' }>['data']['report'] }),
      ];
    }
  }
}

const EVIDENCE_ITEM = /^\/(performance|achievements|education|titles|awards)\/(\d+)$/;
function evidenceItemExists(document: DeclarationDocument, item: string): boolean {
  const m = EVIDENCE_ITEM.exec(item);
  if (!m) return false;
  const list = document[m[1]];
  return Array.isArray(list) && Number(m[2]) < list.length;
}

function requirePublicityRun(state: DeclarationState, today: string) {
  if (!state.publicity) throw DomainError.rule('PUBLICITY_NOT_STARTED', 'The internal publicity has not started');
  if (today <= state.publicity.lastDay) {
    throw DomainError.rule(
      'PUBLICITY_NOT_FINISHED',
      `The internal publicity runs through ${state.publicity.lastDay} (its last working day); the unit may recommend from the next day, today is ${today}`,
    );
  }
  const open = state.objections.filter((o) => !o.outcome);
  if (open.length > 0) {
    throw DomainError.rule('OBJECTIONS_OPEN', `${open.length} objection(s) raised during the publicity are not resolved: ${open.map((o) => o.objectionId).join(', ')}`);
  }
}

export const declarationDecider: Decider<DeclarationCommand, DeclarationEvent, DeclarationState> = {
  initialState: initialDeclarationState,
  decide: decideDeclaration,
  evolve: evolveDeclaration,
};
