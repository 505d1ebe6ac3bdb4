// Event bodies of a realistic size for the store benchmarks: about 600 bytes of JSON data, shaped
// like what an applicant's declaration stream carries (names, dates, an opinion in Chinese).
import { v7 as uuidv7 } from 'uuid';
import type { NewEvent } from '@bj/event-store';

const OPINIONS = [
  '研究方向明确，技术难度较大，业绩成效显著，成果具有较高水平，建议通过。',
  '申报材料齐全，主持完成的智能客服系统已在本单位推广应用，同意推荐。',
  '创新性较强，论文发表于核心期刊，专利已授权并实施转化。',
];

/** The data of the i-th benchmark event: ~600 bytes of UTF-8 JSON. */
export function benchData(i: number): Record<string, unknown> {
  return {
    declarationId: `0190a3c4-${String(i).padStart(4, '0').slice(-4)}-7000-8000-${String(i).padStart(12, '0').slice(-12)}`,
    sessionYear: 2026,
    level: 'SENIOR_ENGINEER',
    direction: i % 2 ? 'RESEARCH' : 'APPLICATION',
    employerCreditCode: '91110108MA01XXXX3K',
    decidedOn: '2026-08-10',
    opinion: OPINIONS[i % OPINIONS.length],
    reviewer: { id: 'centre-staff-chen', name: '陈静', centre: 'BJ_INFO_INDUSTRY_CENTRE' },
    achievements: [
      { kind: 'PAPER', title: '基于大模型的工业质检方法研究', year: 2024 },
      { kind: 'PATENT', title: '一种多模态数据标注装置', year: 2025 },
    ],
    sequence: i,
  };
}

export const BENCH_DATA_BYTES = Buffer.byteLength(JSON.stringify(benchData(123456)), 'utf8');

export function benchMetadata(i: number) {
  return { actorId: `applicant-${i % 1000}`, actorRole: 'APPLICANT' as const, correlationId: uuidv7(), occurredAt: '2026-08-10T01:00:00.000Z' };
}

export function benchEvent(i: number): NewEvent {
  return { eventId: uuidv7(), type: 'DeclarationRecommended', schemaVersion: 1, data: benchData(i), metadata: benchMetadata(i) };
}
