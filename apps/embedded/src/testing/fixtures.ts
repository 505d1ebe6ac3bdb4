import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DEMO_USERS } from '@bj/auth';
import type { Role } from '@bj/kernel';
import { ManualClock, loadConfig } from '@bj/service-kit';
import { createEmbeddedApp, type EmbeddedApp } from '../create-embedded-app';

export const ZHIYUAN_CREDIT_CODE = '91110108MA01A2B3CF';

/** A running embedded app on a fresh data directory, a hand-moved clock and tokens for every demo user. */
export interface TestSystem extends EmbeddedApp {
  readonly clock: ManualClock;
  readonly http: () => ReturnType<typeof request>;
  tokenOf(userId: string): string;
  tokenFor(role: Role): string;
  eventCount(): Promise<number>;
  stop(): Promise<void>;
}

export async function startTestSystem(startAt = '2026-06-15T02:00:00Z'): Promise<TestSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bj-e2e-'));
  const clock = new ManualClock(startAt);
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0' });
  const system = await createEmbeddedApp({ config, clock, logger: false });
  await system.app.init();
  const tokens = new Map<string, string>();
  for (const user of DEMO_USERS) tokens.set(user.id, await system.issuer!.issue(user));
  const app: INestApplication = system.app;
  return {
    ...system,
    clock,
    http: () => request(app.getHttpServer()),
    tokenOf: (id) => tokens.get(id) ?? fail(`no demo user ${id}`),
    tokenFor: (role) => tokens.get(DEMO_USERS.find((u) => u.role === role)!.id)!,
    eventCount: () => system.store.headPosition(),
    stop: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function fail(message: string): never {
  throw new Error(message);
}

const members = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ memberId: `${prefix}-${i + 1}`, name: `委员${i + 1}` }));

/** A session as a centre would open it: both committees of DOMAIN.md (25 members each), a panel per direction. */
export function sessionDefinition(year = 2026, window = { opensOn: `${year}-06-01`, closesOn: `${year}-07-31` }) {
  return {
    year,
    declarationWindow: window,
    committees: [
      { committeeId: `ai-${year}`, name: '北京市工程技术系列人工智能专业高级评审委员会', centre: 'BJ_INFO_INDUSTRY_CENTRE', levels: ['ASSISTANT_ENGINEER', 'ENGINEER', 'SENIOR_ENGINEER'], members: members('ai-member', 25) },
      { committeeId: `eng-full-${year}`, name: '北京市工程技术系列正高级评审委员会', centre: 'BJ_PERSONNEL_EXAM_OFFICE', levels: ['PROFESSORATE_SENIOR_ENGINEER'], members: members('full-member', 25) },
    ],
    panels: [
      { panelId: `ai-${year}-research`, committeeId: `ai-${year}`, direction: 'RESEARCH' },
      { panelId: `ai-${year}-application`, committeeId: `ai-${year}`, direction: 'APPLICATION' },
      { panelId: `eng-full-${year}-research`, committeeId: `eng-full-${year}`, direction: 'RESEARCH' },
      { panelId: `eng-full-${year}-application`, committeeId: `eng-full-${year}`, direction: 'APPLICATION' },
    ],
  };
}

/** An ENGINEER declaration (master's degree, 2+ years of AI research) by a member of 北京智源科技有限公司. */
export function engineerDeclaration(overrides: Record<string, unknown> = {}) {
  return {
    applicant: { name: '李明', idNumber: '110105199001010037', phone: '13800000000' },
    employer: { name: '北京智源科技有限公司', creditCode: ZHIYUAN_CREDIT_CODE, kind: 'NON_PUBLIC_ENTERPRISE', inBeijing: true },
    direction: 'RESEARCH',
    targetLevel: 'ENGINEER',
    education: [
      { level: 'BACHELOR', graduatedOn: '2020-06-30' },
      { level: 'MASTER', graduatedOn: '2023-06-30' },
    ],
    aiWorkPeriods: [{ from: '2023-07-01' }],
    performance: [{ kind: 'RESEARCH_PROJECT', role: 'PARTICIPANT', completedOn: '2025-10-01', title: '大模型推理加速研究', scale: 'PROVINCIAL_MINISTERIAL' }],
    achievements: [
      { kind: 'PAPER', role: 'FIRST_AUTHOR', venue: 'PUBLIC_JOURNAL', date: '2024-05-01', title: '稀疏注意力机制研究' },
      { kind: 'PAPER', role: 'CORRESPONDING_AUTHOR', venue: 'DOMESTIC_CORE_JOURNAL', date: '2025-03-01', title: '多模态检索方法' },
    ],
    ...overrides,
  };
}
