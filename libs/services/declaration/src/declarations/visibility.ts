import { DomainError, echo, type Actor } from '@bj/kernel';
import type { DeclarationView } from './declarations.projection';

/**
 * Who may read a declaration: its applicant; its employer once submitted (matched by credit
 * code); the centres' staff and auditors once submitted. Everyone else: 403.
 */
export function canRead(actor: Actor, view: DeclarationView): boolean {
  const submitted = view.status !== 'DRAFT' && view.status !== 'NONE';
  switch (actor.role) {
    case 'APPLICANT':
      return actor.id === view.ownerId;
    case 'EMPLOYER':
      return submitted && !!actor.creditCode && actor.creditCode === view.employerCreditCode;
    case 'CENTRE_STAFF':
    case 'AUDITOR':
      return submitted;
    default:
      return false;
  }
}

export function requireReadable(actor: Actor, view: DeclarationView | undefined, id: string): DeclarationView {
  if (!view) throw DomainError.notFound(`No declaration ${echo(id)}`, 'DECLARATION_NOT_FOUND');
  if (!canRead(actor, view)) throw DomainError.forbidden('You may not see this declaration', 'NOT_VISIBLE');
  return view;
}
