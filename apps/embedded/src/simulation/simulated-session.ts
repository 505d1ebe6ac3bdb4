// Drives one whole annual session through the services' HTTP API, as the real roles, on a
// hand-moved clock: declaration → employer publicity → centre review → expert panels → secret
// ballot → results → acceptance → public notice → certificates. Used by `npm run demo` and
// by the end-to-end test; every step goes through the same controllers and command handlers.
import type { Actor } from '@bj/kernel';
import { sessionDefinition } from '@bj/test-fixtures';
import { declarationOf } from './declarations';
import { generatePopulation, type Fate, type Population, type SimApplicant } from './population';

export interface HttpResult {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** How the simulation reaches the services: one HTTP call as an actor (null: anonymous). */
export interface SimulationPort {
  call(method: 'GET' | 'POST' | 'PUT', path: string, actor: Actor | null, body?: unknown): Promise<HttpResult>;
  /** Moves the business clock to 09:00 Beijing time of a date. */
  setDate(date: string): void;
}

export interface StageReport {
  readonly stage: string;
  readonly date: string;
  readonly requests: number;
  readonly ms: number;
  readonly summary: string;
}

export interface ApplicantOutcome {
  readonly applicant: SimApplicant;
  declarationId: string;
  /** What the system says at the end, read back from the services. */
  declarationStatus?: string;
  reviewStatus?: string;
  decision?: string;
  certificateNumber?: string;
  /** The stage where the applicant stopped, with the reason, or CERTIFIED. */
  finalStage?: string;
}

export interface SimulationResult {
  readonly year: number;
  readonly population: Population;
  readonly outcomes: ApplicantOutcome[];
  readonly stages: StageReport[];
}

export const CENTRE_STAFF: Record<string, Actor> = {
  BJ_INFO_INDUSTRY_CENTRE: { id: 'centre-staff-chen', role: 'CENTRE_STAFF', name: '陈静', centre: 'BJ_INFO_INDUSTRY_CENTRE' },
  BJ_PERSONNEL_EXAM_OFFICE: { id: 'centre-staff-zhou', role: 'CENTRE_STAFF', name: '周敏', centre: 'BJ_PERSONNEL_EXAM_OFFICE' },
};
const CENTRE_REVIEWER_2: Actor = { id: 'centre-staff-sun', role: 'CENTRE_STAFF', name: '孙伟', centre: 'BJ_INFO_INDUSTRY_CENTRE' };
export const HRSS: Actor = { id: 'hrss-officer-liu', role: 'HRSS_OFFICER', name: '刘洋' };
const centreOf = (a: SimApplicant) => (a.level === 'PROFESSORATE_SENIOR_ENGINEER' ? 'BJ_PERSONNEL_EXAM_OFFICE' : 'BJ_INFO_INDUSTRY_CENTRE');

export class SimulationError extends Error {}

/** Thrown past the stages after `stopAfter`'s, with what the session had done, and caught where it returns. */
class StoppedAfter extends Error {
  constructor(readonly result: SimulationResult) {
    super(`stopped after ${result.stages[result.stages.length - 1]?.stage}`);
  }
}

/** Above this many applicants, one in READ_BACK_SAMPLE (below it, every one) is also read back through the single views and checked against the lists. */
const READ_BACK_ALL_UP_TO = 200;
const READ_BACK_SAMPLE = 100;

/** The value, or a SimulationError saying what was missing. */
function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new SimulationError(`${what} is missing`);
  return value;
}


/** Items per batch request (the API takes at most 500). */
const BATCH = 200;

/** The items by `keyOf` (in the order each key first appears), each key's items cut into lists of at most BATCH. */
function listsBy<K, T>(items: readonly T[], keyOf: (item: T) => K): { key: K; part: T[] }[] {
  const byKey = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = byKey.get(key);
    if (list) list.push(item);
    else byKey.set(key, [item]);
  }
  return [...byKey.entries()].flatMap(([key, list]) => chunks(list, BATCH).map((part) => ({ key, part })));
}

/** The list cut into consecutive parts of at most `size`. */
function chunks<T>(list: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < list.length; i += size) parts.push(list.slice(i, i + size));
  return parts;
}

/**
 * Runs `task` on every item, at most `concurrency` at a time (each item's own steps stay in
 * order): applicants, employers and experts act at the same time, as they do in a real session.
 */
async function forEachConcurrently<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** The session's stages, in the order they run: the Chinese term, then the English one. */
export const SIMULATED_STAGES = [
  '开启年度评审 open session',
  '个人申报 declare',
  '单位内部公示 publicity',
  '公示异议 objections',
  '单位推荐 recommend',
  '评审机构审核 centre review',
  '申报人撤回 withdrawals',
  '补正后重新提交 corrections',
  '专家分配 assign experts',
  '专业评议组评议 panel scoring',
  '评委会表决 committee vote',
  '报送结果 submit results',
  '验收 acceptance',
  '公示 public notice',
  '公示异议 notice objections',
  '公示结束 close notices',
  '发放证书 certificates',
  '查询结果 read back',
] as const;

/** A stage's English name, after its Chinese term ('assign experts'). */
export const englishName = (stage: string): string => stage.slice(stage.indexOf(' ') + 1);

/** Whether `name` names the stage: its whole name or its English part. */
const names = (stage: string, name: string) => stage === name || englishName(stage) === name;

/** The stage `name` names, whole or by its English part ('assign experts'); undefined when none. */
export function simulatedStage(name: string): (typeof SIMULATED_STAGES)[number] | undefined {
  return SIMULATED_STAGES.find((stage) => names(stage, name));
}

export interface SimulationOptions {
  readonly applicants: number;
  readonly year?: number;
  readonly seed?: number;
  readonly agendaSize?: number;
  readonly concurrency?: number;
  readonly stopAfter?: string;
  readonly log?: (line: string) => void;
}

/**
 * `agendaSize`: candidates on one committee meeting's agenda (default 200); a committee meets as
 * often as its candidates need. `concurrency`: how many applicants (or their employers, experts)
 * act at once in the stages where they act independently (default 8; 1 runs everything in turn).
 * `stopAfter`: a stage's name, whole or its English part ('assign experts'); the session ends
 * there, leaving the log as it stands in the middle of a real one (a test's starting point), and
 * the outcomes hold what is known by then.
 */
export async function runSimulatedSession(port: SimulationPort, options: SimulationOptions): Promise<SimulationResult> {
  const { stopAfter } = options;
  if (stopAfter !== undefined && simulatedStage(stopAfter) === undefined) {
    throw new SimulationError(`stopAfter names no stage of the session: ${stopAfter} (the stages: ${SIMULATED_STAGES.join(', ')})`);
  }
  try {
    return await runStages(port, options);
  } catch (e) {
    if (e instanceof StoppedAfter) return e.result;
    throw e;
  }
}

/** The session's stages in order; the first that `stopAfter` names throws StoppedAfter. */
async function runStages(port: SimulationPort, options: SimulationOptions): Promise<SimulationResult> {
  const year = options.year ?? 2026;
  const agendaSize = options.agendaSize ?? 200;
  const concurrency = options.concurrency ?? 8;
  const each = <T>(items: readonly T[], task: (item: T) => Promise<void>) => forEachConcurrently(items, concurrency, task);
  const log = options.log ?? (() => undefined);
  const population = generatePopulation(options.applicants, options.seed ?? year);
  const outcomes: ApplicantOutcome[] = population.applicants.map((applicant) => ({ applicant, declarationId: '' }));
  const stages: StageReport[] = [];
  let requests = 0;

  const call = async (method: 'GET' | 'POST' | 'PUT', path: string, actor: Actor | null, body?: unknown, expect: number[] = [200, 201]) => {
    requests++;
    const res = await port.call(method, path, actor, body);
    if (!expect.includes(res.status)) {
      throw new SimulationError(`${method} ${path} as ${actor?.id ?? 'anonymous'} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 600)}`);
    }
    return res.body;
  };
  const stage = async (name: (typeof SIMULATED_STAGES)[number], date: string, run: () => Promise<string>) => {
    port.setDate(date);
    const before = requests;
    const started = Date.now();
    const summary = await run();
    const report = { stage: name, date, requests: requests - before, ms: Date.now() - started, summary };
    stages.push(report);
    log(`${date}  ${name.padEnd(28)} ${summary}  (${report.requests} requests, ${report.ms} ms)`);
    if (options.stopAfter !== undefined && names(name, options.stopAfter)) {
      throw new StoppedAfter({ year, population, outcomes, stages });
    }
  };
  const withFate = (...fates: Fate[]) => outcomes.filter((o) => fates.includes(o.applicant.fate));

  await stage('开启年度评审 open session', `${year}-05-20`, async () => {
    await call('POST', '/api/v1/sessions', CENTRE_STAFF['BJ_INFO_INDUSTRY_CENTRE'], sessionDefinition(year));
    for (const e of population.experts) {
      await call('POST', `/api/v1/sessions/${year}/experts`, CENTRE_STAFF['BJ_INFO_INDUSTRY_CENTRE'], { expertId: e.expertId, name: e.name, directions: e.directions, specialities: e.specialities, employerCreditCode: e.employerCreditCode, relations: [] });
    }
    return `session ${year}, ${population.experts.length} experts in the pool`;
  });

  await stage('个人申报 declare', `${year}-06-10`, async () => {
    await each(outcomes, async (o) => {
      const drafted = await call('POST', '/api/v1/declarations', o.applicant.actor, { sessionYear: year, declaration: declarationOf(o.applicant) });
      o.declarationId = drafted.declarationId;
      await call('POST', `/api/v1/declarations/${o.declarationId}/submit`, o.applicant.actor);
    });
    return `${outcomes.length} declarations submitted`;
  });

  // an employer acts on its staff's declarations together: one publicity, one recommendation list (in batches of at most 500)
  const byEmployer = (list: readonly ApplicantOutcome[]) => listsBy(list, (o) => o.applicant.employer).map(({ key, part }) => ({ employer: key, part }));

  await stage('单位内部公示 publicity', `${year}-08-03`, async () => {
    await each(byEmployer(outcomes), async ({ employer, part }) => {
      const r = await call('POST', '/api/v1/employer/publicity', employer.actor, { declarationIds: part.map((o) => o.declarationId) });
      if (r.refused > 0) throw new SimulationError(`publicity refused for ${employer.name}: ${JSON.stringify(r.results.filter((x: { ok: boolean }) => !x.ok)).slice(0, 600)}`);
    });
    return `${outcomes.length} publicities of 5 working days`;
  });

  // colleagues raise their objections during the publicity, each employer resolves them the next day
  await stage('公示异议 objections', `${year}-08-05`, async () => {
    const objected = withFate('DECLINED_BY_EMPLOYER').map((o) => ({ o, objectionId: '' }));
    await each(objected, async (x) => {
      const colleague = required(outcomes.find((y) => y !== x.o && y.applicant.employer === x.o.applicant.employer), `a colleague of ${x.o.applicant.name}`).applicant.actor;
      x.objectionId = (await call('POST', `/api/v1/declarations/${x.o.declarationId}/objections`, colleague, { text: '申报材料中的主持项目实际由他人主持' }, [201])).objectionId;
    });
    port.setDate(`${year}-08-06`);
    await each(objected, async ({ o, objectionId }) => {
      await call('POST', `/api/v1/declarations/${o.declarationId}/objections/${objectionId}/resolve`, o.applicant.employer.actor, { outcome: 'UPHELD', resolution: '经单位核实，项目主持人另有其人，异议成立' });
    });
    return `${objected.length} objections upheld`;
  });

  await stage('单位推荐 recommend', `${year}-08-10`, async () => {
    await each(withFate('DECLINED_BY_EMPLOYER'), async (o) => {
      await call('POST', `/api/v1/declarations/${o.declarationId}/decline`, o.applicant.employer.actor, { reasons: '公示期间异议经核实成立，不予推荐' });
    });
    await each(byEmployer(outcomes.filter((o) => o.applicant.fate !== 'DECLINED_BY_EMPLOYER')), async ({ employer, part }) => {
      const items = part.map((o) => ({ declarationId: o.declarationId, opinion: `${o.applicant.name}同志业绩突出，申报材料真实，同意推荐。` }));
      const r = await call('POST', '/api/v1/employer/recommendations', employer.actor, { items });
      if (r.refused > 0) throw new SimulationError(`recommendations refused for ${employer.name}: ${JSON.stringify(r.results.filter((x: { ok: boolean }) => !x.ok)).slice(0, 600)}`);
    });
    return `${outcomes.length - withFate('DECLINED_BY_EMPLOYER').length} recommended, ${withFate('DECLINED_BY_EMPLOYER').length} declined`;
  });

  await stage('评审机构审核 centre review', `${year}-08-20`, async () => {
    let accepted = 0;
    // the reviewers read every application; they reject or return one by one, and accept the rest as one list per centre
    const toAccept: ApplicantOutcome[] = [];
    await each(outcomes, async (o) => {
      if (o.applicant.fate === 'DECLINED_BY_EMPLOYER') return;
      const staff = CENTRE_STAFF[centreOf(o.applicant)];
      const app = await call('GET', `/api/v1/applications/${o.declarationId}`, staff);
      if (o.applicant.fate === 'REJECTED_INELIGIBLE') {
        const unmet: string[] = app.eligibility.unmetClauses;
        await call('POST', `/api/v1/applications/${o.declarationId}/reject`, staff, { grounds: unmet.map((clause) => ({ clause, reason: `不符合 ${clause}：学历和从事本专业技术工作年限不足` })) });
      } else if (o.applicant.fate === 'CORRECTED_THEN_CERTIFIED') {
        await call('POST', `/api/v1/applications/${o.declarationId}/return`, staff, { reasons: [{ path: '/achievements/0', reason: '论文检索证明不清晰，请补正' }] });
      } else {
        toAccept.push(o);
      }
    });
    await each(listsBy(toAccept, (o) => CENTRE_STAFF[centreOf(o.applicant)]), async ({ key: staff, part }) => {
      const r = await call('POST', '/api/v1/applications/accept', staff, { items: part.map((o) => ({ applicationId: o.declarationId, remarks: '材料齐全，符合申报条件' })) });
      if (r.refused > 0) throw new SimulationError(`acceptances refused: ${JSON.stringify(r.results.filter((x: { ok: boolean }) => !x.ok)).slice(0, 600)}`);
      accepted += r.succeeded;
    });
    return `${accepted} accepted, ${withFate('REJECTED_INELIGIBLE').length} rejected, ${withFate('CORRECTED_THEN_CERTIFIED').length} returned for correction`;
  });

  await stage('申报人撤回 withdrawals', `${year}-08-21`, async () => {
    await each(withFate('WITHDRAWN'), async (o) => void (await call('POST', `/api/v1/declarations/${o.declarationId}/withdraw`, o.applicant.actor, { reason: '个人原因，本年度不再参评' })));
    return `${withFate('WITHDRAWN').length} withdrawn`;
  });

  await stage('补正后重新提交 corrections', `${year}-08-25`, async () => {
    await each(withFate('CORRECTED_THEN_CERTIFIED'), async (o) => {
      await call('POST', `/api/v1/declarations/${o.declarationId}/resubmit`, o.applicant.actor, { declaration: declarationOf(o.applicant) });
      const reviewer = centreOf(o.applicant) === 'BJ_INFO_INDUSTRY_CENTRE' ? CENTRE_REVIEWER_2 : CENTRE_STAFF[centreOf(o.applicant)];
      await call('POST', `/api/v1/applications/${o.declarationId}/accept`, reviewer, { remarks: '补正材料已核实' });
    });
    return `${withFate('CORRECTED_THEN_CERTIFIED').length} corrected and accepted`;
  });

  await stage('专家分配 assign experts', `${year}-09-01`, async () => {
    let assigned = 0;
    for (const staff of Object.values(CENTRE_STAFF)) {
      const r = await call('POST', `/api/v1/sessions/${year}/panels/assign`, staff);
      if (r.refused.length > 0) throw new SimulationError(`experts could not be assigned: ${JSON.stringify(r.refused)}`);
      assigned += r.assigned;
    }
    return `${assigned} panels of 3 experts`;
  });

  await stage('专业评议组评议 panel scoring', `${year}-09-07`, async () => {
    let scored = 0;
    const byDeclaration = new Map(outcomes.map((o) => [o.declarationId, o]));
    // 评分表: each expert lists the applications assigned to them and hands in their scores as sheets
    await each(population.experts.map((e, i) => ({ e, i })), async ({ e, i }) => {
      const assigned = (await call('GET', `/api/v1/applications?year=${year}`, e.actor)) as { applicationId: string }[];
      const items = assigned.map(({ applicationId }) => {
        const low = required(byDeclaration.get(applicationId), `application ${applicationId}`).applicant.fate === 'FAILED_VOTE';
        const spread = i % 3;
        const scores = low ? { innovation: 12 + spread, technicalDifficulty: 10, performanceResults: 10, achievements: 8 } : { innovation: 24 + spread, technicalDifficulty: 20, performanceResults: 21, achievements: 16 };
        const opinion = low ? '创新性不足，业绩成效不明显，成果水平一般，建议不予通过。' : '研究方向明确，技术难度较大，业绩成效显著，成果具有较高水平，建议通过。';
        return { applicationId, scores, opinion };
      });
      for (const sheet of chunks(items, BATCH)) {
        const r = await call('POST', '/api/v1/panel/scores', e.actor, { items: sheet });
        if (r.refused > 0) throw new SimulationError(`scores refused for ${e.expertId}: ${JSON.stringify(r.results.filter((x: { ok: boolean }) => !x.ok)).slice(0, 600)}`);
        scored += r.succeeded;
      }
    });
    return `${scored} scores from the panels`;
  });

  await stage('评委会表决 committee vote', `${year}-10-20`, async () => {
    const session = sessionDefinition(year);
    let passed = 0;
    let failed = 0;
    let meetings = 0;
    let rounds = 0;
    const byDeclaration = new Map(outcomes.map((o) => [o.declarationId, o]));
    for (const committee of session.committees) {
      const staff = CENTRE_STAFF[committee.centre];
      // the committee meets as often as its agenda needs: at most agendaSize candidates a meeting
      for (;;) {
        requests++;
        const scheduled = await port.call('POST', '/api/v1/meetings', staff, { year, committeeId: committee.committeeId, agendaSize });
        if (scheduled.status === 422 && scheduled.body.code === 'NO_CANDIDATES') break;
        if (scheduled.status !== 201) throw new SimulationError(`POST /api/v1/meetings answered ${scheduled.status}: ${JSON.stringify(scheduled.body).slice(0, 600)}`);
        const meeting = scheduled.body;
        meetings++;
        const present = committee.members.slice(0, 20);
        for (const m of present) await call('POST', `/api/v1/meetings/${meeting.meetingId}/attendance`, staff, { memberId: m.memberId });
        await call('POST', `/api/v1/meetings/${meeting.meetingId}/open`, staff);
        // 发放选票: one sheet per member for the candidates with the same voters (a round)
        const issued = await call('POST', `/api/v1/meetings/${meeting.meetingId}/ballots`, staff, {});
        for (const round of issued.rounds as { round: number; candidateIds: string[]; recipients: string[]; codes: string[] }[]) {
          rounds++;
          for (const [i, code] of round.codes.entries()) {
            // the codes were handed out like paper ballots: any voter of the round holds one
            const member: Actor = { id: round.recipients[i], role: 'COMMITTEE_MEMBER', centre: committee.centre };
            const choices = round.candidateIds.map((candidateId) => {
              const against = required(byDeclaration.get(candidateId), `candidate ${candidateId}`).applicant.fate === 'FAILED_VOTE';
              return { candidateId, choice: against ? (i < 4 ? 'YES' : i < 18 ? 'NO' : 'ABSTAIN') : i === 0 ? 'NO' : i === 1 ? 'ABSTAIN' : 'YES' };
            });
            await call('POST', `/api/v1/meetings/${meeting.meetingId}/votes`, member, { ballotCode: code, choices });
          }
          const closed = await call('POST', `/api/v1/meetings/${meeting.meetingId}/rounds/${round.round}/close`, staff);
          for (const decision of Object.values(closed.decisions as Record<string, string>)) {
            if (decision === 'PASSED') passed++;
            else failed++;
          }
        }
        await call('POST', `/api/v1/meetings/${meeting.meetingId}/close`, staff);
      }
    }
    return `${passed} passed, ${failed} failed in ${meetings} meetings, ${rounds} ballot rounds (20 of 25 members present each)`;
  });

  await stage('报送结果 submit results', `${year}-10-21`, async () => {
    const parts: string[] = [];
    for (const [centre, staff] of Object.entries(CENTRE_STAFF)) {
      const r = await call('POST', `/api/v1/sessions/${year}/results/${centre}/submit`, staff);
      parts.push(`${centre}: ${r.passed}`);
    }
    return parts.join(', ');
  });

  await stage('验收 acceptance', `${year}-10-26`, async () => {
    for (const centre of Object.keys(CENTRE_STAFF)) {
      await call('POST', `/api/v1/results/${year}/${centre}/accept`, HRSS, { checks: { materials: true, scope: true, procedure: true, quality: true }, remarks: '材料完整，程序规范' });
    }
    return 'both centres accepted';
  });

  const notices: string[] = [];
  /** Which notice lists the applicant: the published notices read once (as the public reads them). */
  let noticeByApplication: Map<string, string> | undefined;
  await stage('公示 public notice', `${year}-10-27`, async () => {
    for (const centre of Object.keys(CENTRE_STAFF)) {
      const r = await call('POST', `/api/v1/results/${year}/${centre}/notices`, HRSS, {});
      for (const n of r.notices as { noticeId: string }[]) notices.push(n.noticeId);
    }
    return `${notices.length} notices published`;
  });

  // the public raises objections during the notice, HRSS resolves them two days later
  await stage('公示异议 notice objections', `${year}-10-28`, async () => {
    const objected: { o: ApplicantOutcome; noticeId: string; objectionId: string }[] = [];
    for (const o of withFate('WITHHELD_BY_NOTICE')) objected.push({ o, noticeId: await noticeOf(o), objectionId: '' });
    await each(objected, async (x) => {
      x.objectionId = (await call('POST', `/api/v1/notices/${x.noticeId}/objections`, null, { applicationId: x.o.declarationId, content: '该申报人代表性论文存在抄袭情况', contact: '13900000000' }, [201])).objectionId;
    });
    port.setDate(`${year}-10-30`);
    await each(objected, async ({ noticeId, objectionId }) => {
      await call('POST', `/api/v1/notices/${noticeId}/objections/${objectionId}/resolve`, HRSS, { outcome: 'UPHELD', findings: '经调查核实，论文存在抄袭，异议成立' });
    });
    return `${objected.length} objections upheld`;
  });

  async function noticeOf(o: ApplicantOutcome): Promise<string> {
    if (!noticeByApplication) {
      noticeByApplication = new Map();
      for (const id of notices) {
        const n = await call('GET', `/api/v1/notices/${id}`, null);
        for (const e of n.entries as { applicationId: string }[]) noticeByApplication.set(e.applicationId, id);
      }
    }
    const id = noticeByApplication.get(o.declarationId);
    if (!id) throw new SimulationError(`${o.applicant.name} is on no notice`);
    return id;
  }

  await stage('公示结束 close notices', `${year}-11-04`, async () => {
    for (const id of notices) await call('POST', `/api/v1/notices/${id}/close`, HRSS);
    return `${notices.length} notices closed`;
  });

  await stage('发放证书 certificates', `${year}-11-05`, async () => {
    const r = await call('POST', '/api/v1/certificates', HRSS, { year }, [200, 201]);
    return `${(r.issued ?? r.certificates ?? []).length} certificates issued`;
  });

  // 查询结果: what the system says of every applicant, from the lists the centres and HRSS read,
  // and, for a sample, from the applicant's own and the centre's single views
  await stage('查询结果 read back', `${year}-11-06`, async () => {
    const certificates = await call('GET', '/api/v1/certificates', HRSS);
    const certList: { applicationId: string; number?: string; certificateNumber?: string }[] = Array.isArray(certificates) ? certificates : (certificates.certificates ?? []);
    const certOf = new Map(certList.map((c) => [c.applicationId, c]));
    const declarations = new Map((await call('GET', '/api/v1/declarations', CENTRE_STAFF['BJ_INFO_INDUSTRY_CENTRE']) as { declarationId: string; status: string }[]).map((d) => [d.declarationId, d]));
    const applications = new Map<string, { reviewStatus: string; decision: { outcome?: string } | null }>();
    for (const staff of Object.values(CENTRE_STAFF)) {
      for (const a of (await call('GET', `/api/v1/applications?year=${year}`, staff)) as { applicationId: string; reviewStatus: string; decision: { outcome?: string } | null }[]) applications.set(a.applicationId, a);
    }
    for (const o of outcomes) {
      const application = applications.get(o.declarationId);
      o.declarationStatus = declarations.get(o.declarationId)?.status;
      o.reviewStatus = application?.reviewStatus;
      o.decision = application?.decision?.outcome;
      const cert = certOf.get(o.declarationId);
      o.certificateNumber = cert?.certificateNumber ?? cert?.number;
      o.finalStage = finalStage(o);
    }
    const sampled = outcomes.length <= READ_BACK_ALL_UP_TO ? outcomes : outcomes.filter((_, i) => i % READ_BACK_SAMPLE === 0);
    await each(sampled, async (o) => {
      const d = await call('GET', `/api/v1/declarations/${o.declarationId}`, o.applicant.actor);
      const r = await call('GET', `/api/v1/applications/${o.declarationId}`, CENTRE_STAFF[centreOf(o.applicant)], undefined, [200, 404]);
      if (d.status !== o.declarationStatus || r.reviewStatus !== o.reviewStatus || r.decision?.outcome !== o.decision) {
        throw new SimulationError(`${o.declarationId}: its own views (${d.status}/${r.reviewStatus}/${r.decision?.outcome}) differ from the lists (${o.declarationStatus}/${o.reviewStatus}/${o.decision})`);
      }
    });
    const certified = outcomes.filter((o) => o.finalStage === 'CERTIFIED').length;
    return `${outcomes.length} applicants from the lists (${certified} certified), ${sampled.length} checked against their own views`;
  });
  return { year, population, outcomes, stages };
}

function finalStage(o: ApplicantOutcome): string {
  if (o.declarationStatus === 'DECLINED') return 'DECLINED_BY_EMPLOYER';
  if (o.declarationStatus === 'WITHDRAWN') return 'WITHDRAWN';
  if (o.reviewStatus === 'REJECTED') return 'REJECTED_BY_CENTRE';
  if (o.decision === 'FAILED') return 'FAILED_VOTE';
  if (o.decision === 'PASSED' && !o.certificateNumber) return 'WITHHELD_BY_NOTICE';
  if (o.certificateNumber) return 'CERTIFIED';
  return `STUCK(${o.declarationStatus}/${o.reviewStatus}/${o.decision})`;
}
