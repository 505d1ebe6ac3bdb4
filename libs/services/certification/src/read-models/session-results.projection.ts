import { Injectable } from '@nestjs/common';
import { DomainError, echo, type Centre } from '@bj/kernel';
import type { StoredEvent } from '@bj/event-store';
import type { Projection } from '@bj/service-kit';
import {
  evolveSessionResults,
  sessionResultsInitialState,
  type NoticeClosed,
  type NoticeObjectionRaised,
  type NoticePublished,
  type ResultsAccepted,
  type ResultsSentBack,
  type SessionResultsEvent,
  type SessionResultsState,
} from '@bj/session-domain';

const PREFIX = 'session-results-';
const KNOWN = new Set<string>(['ResultsSubmitted', 'ResultsAccepted', 'ResultsSentBack', 'NoticePublished', 'NoticeObjectionRaised', 'NoticeObjectionResolved', 'NoticeClosed', 'ApplicantReadyForCertification']);

/** An objection to a notice as HRSS sees it; `contact` never leaves the internal views. */
export interface NoticeObjectionView extends Omit<NoticeObjectionRaised['data'], 'noticeId'> {
  readonly status: 'OPEN' | 'UPHELD' | 'DISMISSED';
  readonly findings?: string;
  readonly resolvedAt?: string;
}

/** One public notice (公示) and what happened to it. */
export type NoticeView = NoticePublished['data'] & {
  readonly streamId: string;
  readonly objections: readonly NoticeObjectionView[];
  readonly closed?: Omit<NoticeClosed['data'], 'noticeId'>;
};

/** A centre's results of a year: submission, acceptance (验收) and notices. */
export interface SessionResultsView {
  readonly streamId: string;
  readonly state: SessionResultsState;
  readonly acceptance?: ResultsAccepted['data'];
  readonly sendBacks: readonly ResultsSentBack['data'][];
  readonly submittedAt?: string;
}

/** The session-results streams (`session-results-<year>-<centre>`), folded with the domain's own evolve. */
@Injectable()
export class SessionResultsProjection implements Projection {
  readonly eventTypes = [...KNOWN];
  readonly name = 'certification.session-results';
  private readonly byStream = new Map<string, SessionResultsView>();
  private readonly notices = new Map<string, NoticeView>();

  apply(stored: StoredEvent): void {
    if (!stored.streamId.startsWith(PREFIX) || !KNOWN.has(stored.type)) return;
    const event = stored as unknown as SessionResultsEvent;
    const before: SessionResultsView = this.byStream.get(stored.streamId) ?? { streamId: stored.streamId, state: sessionResultsInitialState(), sendBacks: [] };
    let view: SessionResultsView = { ...before, state: evolveSessionResults(before.state, event) };
    switch (event.type) {
      case 'ResultsSubmitted':
        view = { ...view, acceptance: undefined, submittedAt: event.data.submittedAt };
        break;
      case 'ResultsAccepted':
        view = { ...view, acceptance: event.data };
        break;
      case 'ResultsSentBack':
        view = { ...view, sendBacks: [...view.sendBacks, event.data] };
        break;
      case 'NoticePublished':
        this.notices.set(event.data.noticeId, { ...event.data, streamId: stored.streamId, objections: [] });
        break;
      case 'NoticeObjectionRaised': {
        const { noticeId, ...objection } = event.data;
        this.changeNotice(noticeId, (n) => ({ ...n, objections: [...n.objections, { ...objection, status: 'OPEN' }] }));
        break;
      }
      case 'NoticeObjectionResolved':
        this.changeNotice(event.data.noticeId, (n) => ({
          ...n,
          objections: n.objections.map((o) => (o.objectionId === event.data.objectionId ? { ...o, status: event.data.outcome, findings: event.data.findings, resolvedAt: event.data.resolvedAt } : o)),
        }));
        break;
      case 'NoticeClosed': {
        const { noticeId, ...closed } = event.data;
        this.changeNotice(noticeId, (n) => ({ ...n, closed }));
        break;
      }
      case 'ApplicantReadyForCertification':
        break;
    }
    this.byStream.set(stored.streamId, view);
  }

  private changeNotice(noticeId: string, change: (n: NoticeView) => NoticeView): void {
    const n = this.notices.get(noticeId);
    if (n) this.notices.set(noticeId, change(n));
  }

  get(year: number, centre: Centre): SessionResultsView | undefined {
    return this.byStream.get(`${PREFIX}${year}-${centre}`);
  }

  notice(noticeId: string): NoticeView | undefined {
    return this.notices.get(noticeId);
  }

  requireNotice(noticeId: string): NoticeView {
    const n = this.notices.get(noticeId);
    if (!n) throw DomainError.notFound(`No notice ${echo(noticeId)}`, 'NOTICE_NOT_FOUND');
    return n;
  }

  allNotices(): NoticeView[] {
    return [...this.notices.values()].sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : a.noticeId.localeCompare(b.noticeId)));
  }
}
