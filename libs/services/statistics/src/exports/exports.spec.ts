import ExcelJS from 'exceljs';
import { annualStatistics, emptyStatisticsLedger, ledgerOf, type LoggedEvent } from '@bj/statistics-domain';
import { CSV_HEADER, statisticsCsv } from './statistics-csv';
import { statisticsPdf } from './statistics-pdf';
import { statisticsXlsx, XLSX_SHEETS } from './statistics-xlsx';

const at = (date: string) => ({ occurredAt: `${date}T01:00:00Z` });
const document = { targetLevel: 'SENIOR_ENGINEER', direction: 'APPLICATION', employer: { kind: 'SOCIAL_ORGANIZATION', name: '某协会, "AI"' } };
const events: LoggedEvent[] = [
  { streamId: 'declaration-x', type: 'DeclarationDrafted', data: { sessionYear: 2026 }, metadata: at('2026-06-01') },
  { streamId: 'declaration-x', type: 'DeclarationSubmitted', data: { document }, metadata: at('2026-06-10') },
  { streamId: 'declaration-x', type: 'EmployerRecommended', data: {}, metadata: at('2026-08-10') },
];

describe('statistics exports', () => {
  const stats = annualStatistics(ledgerOf(events), 2026);

  it('writes CSV with a BOM, Chinese headers, the combination, subtotals and the total', () => {
    const csv = statisticsCsv(stats);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines[1]).toBe('2026,明细,高级工程师,人工智能应用,社会组织,1,1,0,0,0,0,0,0,0,0,0,0,,0');
    expect(lines.at(-1)).toBe('2026,合计,,,,1,1,0,0,0,0,0,0,0,0,0,0,,0');
    expect(lines).toHaveLength(1 + 1 + 4 + 2 + 4 + 1);
  });

  it('writes an XLSX workbook with one formatted sheet per breakdown', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await statisticsXlsx(stats)) as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([...XLSX_SHEETS]);
    const detail = book.getWorksheet('明细')!;
    expect(detail.getRow(3).values).toEqual([undefined, '高级工程师', '人工智能应用', '社会组织', 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(detail.getRow(2).getCell(1).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FF1F4E79' } });
    expect(detail.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(book.getWorksheet('按层级')!.getColumn(14).numFmt).toBe('0.0%');
  });

  it('renders a five-page A4 PDF, for a year with data and for an empty one', async () => {
    for (const s of [stats, annualStatistics(emptyStatisticsLedger(), 2030)]) {
      const pdf = await statisticsPdf(s, { generatedAt: '2026-11-06T01:00:00Z' });
      const head = pdf.subarray(0, 5).toString('latin1');
      const body = pdf.toString('latin1');
      expect(head).toBe('%PDF-');
      expect(body.match(/\/Type \/Page\b/g)).toHaveLength(5);
      expect(body).toContain('/MediaBox [0 0 595.28 841.89]');
      expect(body.trimEnd().endsWith('%%EOF')).toBe(true);
    }
  });

  it('is deterministic for the same figures and time', async () => {
    const a = await statisticsPdf(stats, { generatedAt: '2026-11-06T01:00:00Z' });
    const b = await statisticsPdf(stats, { generatedAt: '2026-11-06T01:00:00Z' });
    expect(a.equals(b)).toBe(true);
  });
});
