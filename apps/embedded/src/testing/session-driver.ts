import { DEMO_USERS } from '@bj/auth';
import { mod11_2CheckCharacter } from '@bj/certificate-domain';
import { CENTRE_OF_LEVEL, type Actor, type Centre, type Level } from '@bj/kernel';
import { sessionResultsDecider, sessionResultsStreamId, type PassedApplicant } from '@bj/session-domain';
import { ProjectionHost, uuidV7Ids } from '@bj/service-kit';
import type { TestSystem } from './fixtures';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '华', '平', '刚', '桂英', '晓东', '思远'];
const EMPLOYERS = ['北京智源科技有限公司', '北京人工智能研究院', '中关村智能计算有限公司', '北京数智未来科技有限公司'];

/** A valid 18-character resident ID number (GB 11643 check character) for the i-th synthetic person. */
export function syntheticIdNumber(i: number, region = '110108'): string {
  const birth = `19${80 + (i % 15)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
  const body = `${region}${birth}${String(100 + (i % 900)).padStart(3, '0')}`;
  return body + mod11_2CheckCharacter(body);
}

/** A candidate who passed the committee's vote: the results' PassedApplicant, named by its candidate id. */
export type CandidatePassedLike = Omit<PassedApplicant, 'applicationId'> & { readonly candidateId: string };

/** `count` synthetic candidates of the given levels (cycled) and both directions, named and numbered deterministically. */
export function syntheticCandidates(count: number, levels: readonly Level[], year = 2026, offset = 0): CandidatePassedLike[] {
  return Array.from({ length: count }, (_, k) => {
    const i = k + offset;
    const level = levels[k % levels.length] as Level;
    const senior = level === 'PROFESSORATE_SENIOR_ENGINEER';
    return {
      candidateId: `application-${year}-${String(i + 1).padStart(4, '0')}`,
      applicant: { name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`, idNumber: syntheticIdNumber(i) },
      employer: { name: EMPLOYERS[i % EMPLOYERS.length] as string },
      level,
      direction: i % 2 === 0 ? 'RESEARCH' : 'APPLICATION',
      committeeId: senior ? `eng-full-${year}` : `ai-${year}`,
      meetingId: senior ? `meeting-${year}-full-1` : `meeting-${year}-ai-1`,
      decidedOn: `${year}-10-20`,
    };
  });
}

/**
 * What the review service does at the end of the committee meetings, written straight to the
 * log (its HTTP flow aside): the centre's staff submit the passed candidates for acceptance
 * (`SubmitResults` decided by sessionResultsDecider, appended as `ResultsSubmitted`).
 */
export async function seedSubmittedResults(system: TestSystem, year: number, centre: Centre, candidates: readonly CandidatePassedLike[]): Promise<void> {
  const staff = DEMO_USERS.find((u) => u.role === 'CENTRE_STAFF' && u.centre === centre) as Actor;
  const passed: PassedApplicant[] = candidates.map((c) => {
    if (CENTRE_OF_LEVEL[c.level] !== centre) throw new Error(`${c.candidateId}: ${c.level} is not evaluated by ${centre}`);
    return { applicationId: c.candidateId, applicant: c.applicant, employer: c.employer, level: c.level, direction: c.direction, committeeId: c.committeeId, meetingId: c.meetingId, decidedOn: c.decidedOn };
  });
  const now = system.clock.now();
  const streamId = sessionResultsStreamId(year, centre);
  const before = await system.store.readStream(streamId);
  const state = before.reduce((s, e) => sessionResultsDecider.evolve(s, e as never), sessionResultsDecider.initialState());
  const events = sessionResultsDecider.decide({ type: 'SubmitResults', actor: staff, now, year, centre, meetingIds: [...new Set(passed.map((p) => p.meetingId))], passed }, state);
  const { globalPosition } = await system.store.append(
    streamId,
    events.map((e) => ({
      eventId: uuidV7Ids.next(),
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      metadata: { actorId: staff.id, actorRole: staff.role, correlationId: `seed-${streamId}`, occurredAt: now },
    })),
    before.length,
  );
  await waitForProjections(system, globalPosition);
}

/** Resolves once the app's read models have applied the log up to `position`. */
export function waitForProjections(system: TestSystem, position: number): Promise<void> {
  return system.app.get(ProjectionHost).waitFor(position);
}
