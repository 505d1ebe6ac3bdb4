import { DomainError, type Direction, type EmployerKind, type Level } from '@bj/kernel';
import { annualStatistics, commentaryOf, daysBetween, ledgerOf, levelsOfCentre, marginBins, median, parseStatisticsFilter, scoreBins, yearsIn, type LoggedEvent } from './index';

// Hand-made log: events carry only what the statistics read. Business time 09:00 Beijing.
let position = 0;
const at = (date: string) => `${date}T01:00:00Z`;
const ev = (streamId: string, type: string, date: string, data: Record<string, unknown>) => ({ streamId, type, data, metadata: { occurredAt: at(date) }, globalPosition: ++position });

interface Path {
  id: string;
  year?: number;
  level?: Level;
  direction?: Direction;
  kind?: EmployerKind;
  /** How far the application goes. */
  until: 'declared' | 'recommended' | 'rejected' | 'returned-accepted' | 'accepted' | 'panel' | 'failed' | 'passed' | 'withheld' | 'certified' | 'revoked' | 'overturned';
  score?: number;
  yes?: number;
}

/** The events of one application's path through a year, dated as the session would. */
function pathEvents({ id, year = 2026, level = 'ENGINEER', direction = 'RESEARCH', kind = 'NON_PUBLIC_ENTERPRISE', until, score = 75, yes = 18 }: Path): LoggedEvent[] {
  const d = (md: string) => `${year}-${md}`;
  const document = { targetLevel: level, direction, employer: { name: '某单位', creditCode: 'X', kind } };
  const out = [
    ev(`declaration-${id}`, 'DeclarationDrafted', d('06-01'), { declarationId: id, sessionYear: year, ownerId: `u-${id}`, document }),
    ev(`declaration-${id}`, 'DeclarationSubmitted', d('06-10'), { document, employerCreditCode: 'X', applicantIdNumber: '1', submittedOn: d('06-10') }),
  ];
  if (until === 'declared') return out;
  out.push(ev(`declaration-${id}`, 'EmployerRecommended', d('08-10'), { opinion: '同意推荐', recommendedOn: d('08-10') }));
  out.push(ev(`centre-review-${id}`, 'ReviewOpened', d('08-10'), { applicationId: id, year, level, direction, employer: { kind } }));
  if (until === 'recommended') return out;
  if (until === 'rejected' || until === 'overturned') {
    out.push(ev(`centre-review-${id}`, 'ApplicationRejected', d('08-20'), { applicationId: id, grounds: [] }));
    if (until === 'rejected') return out;
    out.push(ev(`centre-review-${id}`, 'RecheckRequested', d('08-22'), { applicationId: id }));
    out.push(ev(`centre-review-${id}`, 'RecheckDecided', d('08-25'), { applicationId: id, outcome: 'OVERTURNED' }));
    out.push(ev(`centre-review-${id}`, 'ApplicationAccepted', d('08-25'), { applicationId: id, via: 'RECHECK' }));
    return out;
  }
  if (until === 'returned-accepted') {
    out.push(ev(`centre-review-${id}`, 'ApplicationReturnedForCorrection', d('08-20'), { applicationId: id, reasons: [] }));
    out.push(ev(`declaration-${id}`, 'DeclarationResubmitted', d('08-25'), { document, resubmittedOn: d('08-25') }));
    out.push(ev(`centre-review-${id}`, 'ApplicationAccepted', d('08-25'), { applicationId: id }));
    return out;
  }
  out.push(ev(`centre-review-${id}`, 'ApplicationAccepted', d('08-20'), { applicationId: id }));
  if (until === 'accepted') return out;
  out.push(ev(`expert-panel-${id}`, 'PanelOpinionFormed', d('09-07'), { applicationId: id, level, direction, aggregate: score }));
  if (until === 'panel') return out;
  out.push(ev('committee-meeting-m1', 'VotingClosed', d('10-20'), { meetingId: 'm1', candidateId: id, tally: { yes, no: 20 - yes, abstain: 0 }, requiredYes: 14 }));
  out.push(ev('committee-meeting-m1', yes >= 14 ? 'CandidatePassed' : 'CandidateFailed', d('10-20'), { candidateId: id, year, level, direction, yes, requiredYes: 14 }));
  if (until === 'failed' || until === 'passed') return out;
  out.push(ev(`session-results-${year}-X`, 'NoticeObjectionRaised', d('10-28'), { noticeId: 'n', objectionId: `o-${id}`, applicationId: id }));
  if (until === 'withheld') {
    out.push(ev(`session-results-${year}-X`, 'NoticeObjectionResolved', d('10-30'), { noticeId: 'n', objectionId: `o-${id}`, applicationId: id, outcome: 'UPHELD' }));
    return out;
  }
  out.push(ev(`session-results-${year}-X`, 'NoticeObjectionResolved', d('10-30'), { noticeId: 'n', objectionId: `o-${id}`, applicationId: id, outcome: 'DISMISSED' }));
  out.push(ev(`certificate-C${id}`, 'CertificateIssued', d('11-05'), { certificateNumber: `C${id}`, applicantId: id, sessionId: `s${year}`, content: { level, direction } }));
  if (until === 'revoked') out.push(ev(`certificate-C${id}`, 'CertificateRevoked', d('12-01'), { certificateNumber: `C${id}`, reason: '论文抄袭' }));
  return out;
}

const log = (...paths: Path[]) => paths.flatMap(pathEvents);

describe('annual statistics from the log', () => {
  describe('given one application at each end of the path', () => {
    const ledger = ledgerOf(
      log(
        { id: 'a', until: 'declared' },
        { id: 'b', until: 'recommended' },
        { id: 'c', until: 'rejected' },
        { id: 'd', until: 'overturned' },
        { id: 'e', until: 'returned-accepted' },
        { id: 'f', until: 'panel', score: 58 },
        { id: 'g', until: 'failed', score: 41, yes: 4 },
        { id: 'h', until: 'passed', score: 75 },
        { id: 'i', until: 'withheld', score: 82 },
        { id: 'j', until: 'certified', score: 90 },
        { id: 'k', until: 'revoked', score: 100, yes: 20 },
      ),
    );
    const stats = annualStatistics(ledger, 2026);

    it('counts every stage once per application', () => {
      expect(stats.totals).toEqual({
        declared: 11,
        recommended: 10,
        accepted: 8, // d (overturned), e … k
        returned: 1,
        rejected: 1, // c; d's rejection was overturned on recheck
        panelReviewed: 6,
        voted: 5,
        passed: 4,
        objected: 3,
        objectionsUpheld: 1,
        certified: 2,
        revoked: 1,
      });
    });

    it('gives the pass rate over those voted on and the certification rate over those declared', () => {
      expect(stats.rates).toEqual({ passRate: 0.8, certificationRate: 0.1818 });
    });

    it('bins the panel aggregates by 10 points, 100 in the last bin', () => {
      expect(stats.scoreDistribution.map((b) => b.count)).toEqual([0, 0, 0, 0, 1, 1, 0, 1, 1, 2]);
      expect(stats.scoreDistribution[9]).toMatchObject({ from: 90, to: 100, label: '90–100' });
      expect(stats.meanScore).toBe(74.33);
    });

    it('counts vote margins (yes − requiredYes) from the lowest to the highest', () => {
      const bins = stats.voteMarginDistribution;
      expect(bins[0]).toEqual({ margin: -10, count: 1 });
      expect(bins.at(-1)).toEqual({ margin: 6, count: 1 });
      expect(bins.find((b) => b.margin === 4)).toEqual({ margin: 4, count: 3 });
      expect(bins.reduce((n, b) => n + b.count, 0)).toBe(5);
    });

    it('gives the median calendar days of each interval by business dates', () => {
      expect(Object.fromEntries(stats.medianDays.map((d) => [d.key, [d.medianDays, d.applications]]))).toEqual({
        SUBMISSION_TO_RECOMMENDATION: [61, 10],
        RECOMMENDATION_TO_ACCEPTANCE: [10, 8], // d and e took 15 days, the six others 10
        ACCEPTANCE_TO_PANEL_OPINION: [18, 6],
        PANEL_OPINION_TO_VOTE: [43, 5],
        VOTE_TO_CERTIFICATE: [16, 2],
      });
    });

    it('has no previous year to compare with', () => {
      expect(stats.previousYear).toBeNull();
      expect(stats.yearOverYear).toEqual([]);
    });

    it('writes commentary from the figures', () => {
      const text = commentaryOf(stats).join('\n');
      expect(text).toContain('2026年度共有11人申报');
      expect(text).toContain('发放证书2人');
      expect(text).toContain('表决通过率80.0%');
      expect(text).toContain('不予受理1人，退回补正1人');
      expect(text).toContain('证书被撤销1本');
    });
  });

  describe('given applications of both levels, directions and several employer kinds', () => {
    const ledger = ledgerOf(
      log(
        { id: 'r1', level: 'ENGINEER', direction: 'RESEARCH', kind: 'STATE_OWNED_ENTERPRISE', until: 'certified' },
        { id: 'r2', level: 'ENGINEER', direction: 'RESEARCH', kind: 'STATE_OWNED_ENTERPRISE', until: 'failed', yes: 4 },
        { id: 'a1', level: 'PROFESSORATE_SENIOR_ENGINEER', direction: 'APPLICATION', kind: 'PUBLIC_INSTITUTION', until: 'certified' },
        { id: 'a2', level: 'SENIOR_ENGINEER', direction: 'APPLICATION', kind: 'NON_PUBLIC_ENTERPRISE', until: 'declared' },
      ),
    );

    it('breaks the counts down per level, direction, employer kind and their combinations', () => {
      const stats = annualStatistics(ledger, 2026);
      expect(stats.byLevel.find((b) => b.key === 'ENGINEER')).toMatchObject({ label: '工程师', counts: { declared: 2, voted: 2, passed: 1, certified: 1 }, passRate: 0.5, certificationRate: 0.5 });
      expect(stats.byLevel.find((b) => b.key === 'ASSISTANT_ENGINEER')).toMatchObject({ counts: { declared: 0 }, passRate: null, certificationRate: null });
      expect(stats.byDirection.map((b) => [b.key, b.counts.declared, b.counts.certified])).toEqual([
        ['RESEARCH', 2, 1],
        ['APPLICATION', 2, 1],
      ]);
      expect(stats.byEmployerKind.find((b) => b.key === 'PUBLIC_INSTITUTION')).toMatchObject({ label: '事业单位', counts: { declared: 1, certified: 1 } });
      expect(stats.cells.map((c) => [c.level, c.direction, c.employerKind, c.counts.declared])).toEqual([
        ['ENGINEER', 'RESEARCH', 'STATE_OWNED_ENTERPRISE', 2],
        ['SENIOR_ENGINEER', 'APPLICATION', 'NON_PUBLIC_ENTERPRISE', 1],
        ['PROFESSORATE_SENIOR_ENGINEER', 'APPLICATION', 'PUBLIC_INSTITUTION', 1],
      ]);
    });

    it('filters by levels, direction and employer kind', () => {
      expect(annualStatistics(ledger, 2026, { levels: levelsOfCentre('BJ_PERSONNEL_EXAM_OFFICE') }).totals.declared).toBe(1);
      expect(annualStatistics(ledger, 2026, { levels: levelsOfCentre('BJ_INFO_INDUSTRY_CENTRE') }).totals.declared).toBe(3);
      expect(annualStatistics(ledger, 2026, { direction: 'APPLICATION' }).totals).toMatchObject({ declared: 2, certified: 1 });
      const soe = annualStatistics(ledger, 2026, { employerKind: 'STATE_OWNED_ENTERPRISE' });
      expect(soe.totals).toMatchObject({ declared: 2, passed: 1 });
      expect(soe.byEmployerKind.map((b) => b.key)).toEqual(['STATE_OWNED_ENTERPRISE']);
    });
  });

  describe('given two years', () => {
    const ledger = ledgerOf([
      ...log({ id: 'p1', year: 2025, until: 'certified' }, { id: 'p2', year: 2025, until: 'certified' }, { id: 'p3', year: 2025, until: 'failed', yes: 2 }, { id: 'p4', year: 2025, until: 'declared' }),
      ...log({ id: 'n1', year: 2026, until: 'certified' }, { id: 'n2', year: 2026, until: 'certified' }, { id: 'n3', year: 2026, until: 'certified' }, { id: 'n4', year: 2026, until: 'rejected' }, { id: 'n5', year: 2026, until: 'declared' }),
    ]);

    it('keeps each year apart', () => {
      expect(yearsIn(ledger)).toEqual([2025, 2026]);
      expect(annualStatistics(ledger, 2025).totals).toMatchObject({ declared: 4, certified: 2, voted: 3 });
      expect(annualStatistics(ledger, 2026).totals).toMatchObject({ declared: 5, certified: 3, voted: 3 });
    });

    it('compares each stage with the previous year', () => {
      const stats = annualStatistics(ledger, 2026);
      expect(stats.previousYear).toMatchObject({ year: 2025, totals: { declared: 4, certified: 2 }, rates: { passRate: 0.6667, certificationRate: 0.5 } });
      const yoy = Object.fromEntries(stats.yearOverYear.map((y) => [y.stage, y]));
      expect(yoy['declared']).toEqual({ stage: 'declared', label: '申报', current: 5, previous: 4, change: 1, changePercent: 25 });
      expect(yoy['certified']).toMatchObject({ current: 3, previous: 2, change: 1, changePercent: 50 });
      expect(yoy['rejected']).toMatchObject({ current: 1, previous: 0, change: 1, changePercent: null });
      expect(commentaryOf(stats).at(-1)).toBe('与2025年度相比，申报人数增加1人，取证人数增加1人。');
    });

    it('rebuilds any past year from the log alone, the same whatever came after', () => {
      const only2025 = ledgerOf(log({ id: 'p1', year: 2025, until: 'certified' }, { id: 'p2', year: 2025, until: 'certified' }, { id: 'p3', year: 2025, until: 'failed', yes: 2 }, { id: 'p4', year: 2025, until: 'declared' }));
      const { asOfPosition: _a, ...early } = annualStatistics(only2025, 2025);
      const { asOfPosition: _b, ...late } = annualStatistics(ledger, 2025);
      expect(late).toEqual(early);
    });
  });

  it('ignores events of applications it cannot place in a year, and unrelated events', () => {
    const ledger = ledgerOf([
      ev('committee-meeting-x', 'VotingClosed', '2026-10-20', { candidateId: 'ghost', tally: { yes: 1 }, requiredYes: 14 }),
      ev('annual-session-2026', 'SessionOpened', '2026-05-20', { year: 2026 }),
      ev('certificate-Z', 'CertificateRevoked', '2026-12-01', { certificateNumber: 'Z' }),
    ]);
    expect(annualStatistics(ledger, 2026).totals.voted).toBe(0);
    expect(yearsIn(ledger)).toEqual([]);
  });

  describe('helpers', () => {
    it('takes medians of odd and even counts', () => {
      expect(median([])).toBeNull();
      expect(median([5, 1, 3])).toBe(3);
      expect(median([4, 1, 3, 2])).toBe(2.5);
    });
    it('counts calendar days across months', () => expect(daysBetween('2026-06-10', '2026-08-10')).toBe(61));
    it('bins scores at the edges', () => expect(scoreBins([0, 9.99, 10, 99.5, 100]).map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 2]));
    it('always includes margin 0', () => expect(marginBins([3, 5])).toEqual([0, 1, 2, 3, 4, 5].map((margin) => ({ margin, count: margin === 3 || margin === 5 ? 1 : 0 }))));
  });

  describe('input', () => {
    it('parses filters and names each bad field', () => {
      expect(parseStatisticsFilter({ level: 'ENGINEER', direction: 'RESEARCH', employerKind: '' })).toEqual({ levels: ['ENGINEER'], direction: 'RESEARCH' });
      let error: unknown;
      try {
        parseStatisticsFilter({ level: 'BOSS', employerKind: 'PRIVATE' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).problems.map((p) => p.path)).toEqual(['/level', '/employerKind']);
    });
  });
});
