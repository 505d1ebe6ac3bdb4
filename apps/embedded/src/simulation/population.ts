// A generated population for a simulated annual session: employers, applicants of every level
// and both directions, experts and committee members, each applicant with a planned fate that
// fails a real stage for a real reason (or passes).
import type { Actor, Direction, EmployerKind, Level } from '@bj/kernel';
import { creditCodeCheckCharacter, idNumberCheckDigit } from '@bj/eligibility';

/** What happens to an applicant, and at which stage. */
export type Fate =
  | 'CERTIFIED' // passes every stage
  | 'DECLINED_BY_EMPLOYER' // an objection during the internal publicity is upheld; the unit declines
  | 'REJECTED_INELIGIBLE' // the pre-check finds the education/experience short; the centre rejects
  | 'CORRECTED_THEN_CERTIFIED' // returned once for correction (补正), resubmitted, then passes
  | 'WITHDRAWN' // the applicant withdraws after acceptance, before the vote
  | 'FAILED_VOTE' // the panel scores low and the committee votes it down
  | 'WITHHELD_BY_NOTICE'; // passes the vote, but an objection to the public notice is upheld

export interface SimEmployer {
  readonly actor: Actor;
  readonly name: string;
  readonly creditCode: string;
  readonly kind: EmployerKind;
}

export interface SimApplicant {
  readonly actor: Actor;
  readonly name: string;
  readonly idNumber: string;
  readonly employer: SimEmployer;
  readonly level: Level;
  readonly direction: Direction;
  readonly fate: Fate;
}

export interface Population {
  readonly employers: SimEmployer[];
  readonly applicants: SimApplicant[];
  readonly experts: { actor: Actor; expertId: string; name: string; directions: Direction[]; employerCreditCode: string; specialities: string[] }[];
}

/** A small seeded PRNG (mulberry32): the same seed gives the same session. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '桂英', '晨', '宇', '浩然', '子涵', '思远', '雨桐', '博文', '一鸣', '欣怡'];
const EMPLOYERS: [string, EmployerKind][] = [
  ['北京智源人工智能科技有限公司', 'NON_PUBLIC_ENTERPRISE'],
  ['北京深度求索信息技术有限公司', 'NON_PUBLIC_ENTERPRISE'],
  ['北京市人工智能研究院', 'PUBLIC_INSTITUTION'],
  ['北京电子控股集团有限责任公司', 'STATE_OWNED_ENTERPRISE'],
  ['中关村人工智能产业联盟', 'SOCIAL_ORGANIZATION'],
  ['北京智能视觉技术有限公司', 'NON_PUBLIC_ENTERPRISE'],
  ['北京城市大脑运营有限公司', 'STATE_OWNED_ENTERPRISE'],
  ['北京语言智能研究中心', 'PUBLIC_INSTITUTION'],
];

export function creditCode(serial: number): string {
  const first17 = `91110108MA${String(serial).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
}

export function idNumber(birth: string, sequence: number): string {
  const first17 = `110105${birth.replace(/-/g, '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckDigit(first17);
}

const LEVELS: Level[] = ['ASSISTANT_ENGINEER', 'ENGINEER', 'SENIOR_ENGINEER', 'PROFESSORATE_SENIOR_ENGINEER'];
const DIRECTIONS: Direction[] = ['RESEARCH', 'APPLICATION'];
/** Fates in a fixed rotation weighted toward success, so every stage sees a real failure. */
const FATE_CYCLE: Fate[] = ['CERTIFIED', 'CERTIFIED', 'DECLINED_BY_EMPLOYER', 'CERTIFIED', 'REJECTED_INELIGIBLE', 'CORRECTED_THEN_CERTIFIED', 'CERTIFIED', 'WITHDRAWN', 'FAILED_VOTE', 'CERTIFIED', 'WITHHELD_BY_NOTICE', 'CERTIFIED'];

export function generatePopulation(count: number, seed = 2026): Population {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const employers: SimEmployer[] = EMPLOYERS.map(([name, kind], i) => {
    const code = creditCode(1000 + i);
    return { actor: { id: `employer-${i + 1}`, role: 'EMPLOYER', name, creditCode: code }, name, creditCode: code, kind };
  });
  const applicants: SimApplicant[] = Array.from({ length: count }, (_, i) => {
    const employer = employers[i % employers.length];
    const name = pick([...SURNAMES]) + pick(GIVEN);
    const id = idNumber(`19${80 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`, i + 1);
    return {
      actor: { id: `applicant-${String(i + 1).padStart(4, '0')}`, role: 'APPLICANT', name, creditCode: employer.creditCode },
      name,
      idNumber: id,
      employer,
      level: LEVELS[i % 4],
      direction: DIRECTIONS[Math.floor(i / 4) % 2],
      // shifted each round, so that over several rounds every fate meets every level
      fate: FATE_CYCLE[(i + Math.floor(i / FATE_CYCLE.length)) % FATE_CYCLE.length],
    };
  });
  // experts of both directions from several units: some share an employer with applicants (a real conflict)
  const experts = Array.from({ length: 16 }, (_, i) => {
    const expertId = `expert-${String(i + 1).padStart(2, '0')}`;
    const name = `${pick([...SURNAMES])}${pick(GIVEN)}（专家）`;
    return {
      actor: { id: expertId, role: 'EXPERT' as const, name },
      expertId,
      name,
      directions: i % 4 === 0 ? DIRECTIONS : [DIRECTIONS[i % 2]],
      employerCreditCode: i < 4 ? employers[i].creditCode : creditCode(5000 + i),
      specialities: [pick(['机器学习', '计算机视觉', '自然语言处理', '智能机器人', '知识图谱', '语音识别'])],
    };
  });
  return { employers, applicants, experts };
}
