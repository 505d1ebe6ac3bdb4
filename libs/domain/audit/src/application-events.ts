// Which events of the log concern one application (申报): its own streams, the meetings that
// voted on it, its year's results and notices, and its certificates.
import { Centres } from '@bj/kernel';
import { centreReviewStreamId, committeeMeetingStreamId, expertPanelStreamId, sessionResultsStreamId } from '@bj/session-domain';
import { declarationStreamId } from '@bj/declaration-domain';
import { dataOf, type AuditedEvent } from './audited-event';

const CERTIFICATE_STREAM_PREFIX = 'certificate-';

/**
 * A filter fed the log in position order that keeps the events concerning `applicationId`.
 * It learns as it reads: the year from the declaration or the review, the meetings from their
 * agenda (MeetingScheduled), the certificates from CertificateIssued. Shared streams (meetings,
 * results) are kept whole so that their state can be folded; the trail picks what names the candidate.
 */
export function applicationEventFilter(applicationId: string): (event: AuditedEvent) => boolean {
  const ownStreams = new Set([declarationStreamId(applicationId), centreReviewStreamId(applicationId), expertPanelStreamId(applicationId)]);
  const sharedStreams = new Set<string>();
  return (event) => {
    if (ownStreams.has(event.streamId)) {
      const data = dataOf(event);
      const year = event.type === 'DeclarationDrafted' ? data['sessionYear'] : event.type === 'ReviewOpened' ? data['year'] : undefined;
      if (typeof year === 'number') for (const centre of Centres.values) sharedStreams.add(sessionResultsStreamId(year, centre));
      return true;
    }
    if (sharedStreams.has(event.streamId)) return true;
    const data = dataOf(event);
    if (event.type === 'MeetingScheduled' && Array.isArray(data['candidates']) && data['candidates'].some((c) => dataOf({ data: c })['candidateId'] === applicationId)) {
      sharedStreams.add(event.streamId);
      return true;
    }
    if (event.type === 'CertificateIssued' && data['applicantId'] === applicationId && event.streamId.startsWith(CERTIFICATE_STREAM_PREFIX)) {
      sharedStreams.add(event.streamId);
      return true;
    }
    return false;
  };
}

/** True when an event of a shared stream names the candidate (or is about the meeting as a whole). */
export function namesApplication(event: AuditedEvent, applicationId: string): boolean {
  const data = dataOf(event);
  if (data['applicationId'] === applicationId || data['candidateId'] === applicationId || data['applicantId'] === applicationId) return true;
  const listed = (key: string) => Array.isArray(data[key]) && (data[key] as unknown[]).some((x) => x === applicationId || dataOf({ data: x })['applicationId'] === applicationId || dataOf({ data: x })['candidateId'] === applicationId);
  switch (event.type) {
    case 'MeetingScheduled':
      return listed('candidates');
    case 'BallotsIssued':
      return listed('candidateIds');
    case 'AttendanceRegistered':
    case 'MeetingOpened':
    case 'MeetingClosed':
      return true;
    case 'ResultsSubmitted':
      return listed('passed');
    case 'ResultsAccepted':
    case 'ResultsSentBack':
      return true;
    case 'NoticePublished':
      return listed('entries');
    case 'NoticeClosed':
      return listed('cleared') || listed('withheld');
    default:
      return false;
  }
}

export const isMeetingStream = (streamId: string) => streamId.startsWith(committeeMeetingStreamId(''));
export const isResultsStream = (streamId: string) => streamId.startsWith('session-results-');
export const isCertificateStream = (streamId: string) => streamId.startsWith(CERTIFICATE_STREAM_PREFIX);
