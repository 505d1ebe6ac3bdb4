import { DomainError } from '@bj/kernel';
import { isCertificateNumber, formatCertificateNumber, parseCertificateNumber } from './certificate-number';
import { isValidIdNumber, maskIdNumber, mod11_2CheckCharacter } from './check-character';
import { certificateContentOf, certificateContentProblems, chineseDate } from './certificate-content';

describe('certificate numbers', () => {
  it('formats series, year, grade, sequence and a check character', () => {
    const number = formatCertificateNumber({ year: 2026, level: 'ENGINEER', sequence: 123 });
    expect(number).toMatch(/^BJAI-2026-G2-000123-[\dX]$/);
    expect(number.at(-1)).toBe(mod11_2CheckCharacter('20262000123'));
  });

  it('parses what it formats, for every level', () => {
    for (const level of ['ASSISTANT_ENGINEER', 'ENGINEER', 'SENIOR_ENGINEER', 'PROFESSORATE_SENIOR_ENGINEER'] as const) {
      const number = formatCertificateNumber({ year: 2027, level, sequence: 999_999 });
      expect(parseCertificateNumber(number)).toMatchObject({ certificateNumber: number, year: 2027, level, sequence: 999_999 });
    }
  });

  it('accepts lower case and blanks, giving the canonical spelling', () => {
    const number = formatCertificateNumber({ year: 2026, level: 'SENIOR_ENGINEER', sequence: 7 });
    expect(parseCertificateNumber(`  ${number.toLowerCase()} `).certificateNumber).toBe(number);
    expect(isCertificateNumber(number.toLowerCase())).toBe(false);
    expect(isCertificateNumber(number)).toBe(true);
  });

  it('detects every mistyped digit and every swap of adjacent different digits', () => {
    const number = formatCertificateNumber({ year: 2026, level: 'SENIOR_ENGINEER', sequence: 314_159 });
    const digits = [...number.matchAll(/\d/g)].map((m) => m.index!).filter((i) => i < number.length - 2);
    for (const i of digits) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === number[i]) continue;
        const typo = `${number.slice(0, i)}${d}${number.slice(i + 1)}`;
        if (/-G[1-4]-/.test(typo)) expect(isCertificateNumber(typo)).toBe(false);
      }
    }
    for (const i of digits) {
      const j = i + 1;
      if (!digits.includes(j) || number[i] === number[j]) continue;
      const swapped = `${number.slice(0, i)}${number[j]}${number[i]}${number.slice(j + 1)}`;
      if (/-G[1-4]-/.test(swapped)) expect(isCertificateNumber(swapped)).toBe(false);
    }
  });

  it('refuses malformed input with the field named', () => {
    for (const bad of ['BJAI-2026-G5-000001-1', 'BJAI-26-G2-000001-1', '', 'BJAI-2026-G2-000000-' + mod11_2CheckCharacter('20262000000')]) {
      let error: unknown;
      try {
        parseCertificateNumber(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).problems[0]!.path).toBe('/certificateNumber');
    }
    expect(() => formatCertificateNumber({ year: 2026, level: 'ENGINEER', sequence: 0 })).toThrow(/certificate number/);
  });
});

describe('ID numbers', () => {
  it('masks as public pages show them', () => {
    expect(maskIdNumber('110105199001011234')).toBe('110105********1234');
    expect(maskIdNumber('123')).toBe('***');
  });

  it('checks the GB 11643 check character', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('110105199001010010')).toBe(true);
  });
});

describe('certificate content', () => {
  const facts = {
    certificateNumber: formatCertificateNumber({ year: 2026, level: 'SENIOR_ENGINEER', sequence: 1 }),
    holderName: '张三',
    idNumber: '11010519491231002X',
    direction: 'APPLICATION',
    level: 'SENIOR_ENGINEER',
    qualificationDate: '2026-12-01',
    issueDate: '2026-12-20',
  } as const;

  it('fills the labels of the level, direction and the measures', () => {
    expect(certificateContentOf(facts)).toMatchObject({
      series: '工程技术',
      speciality: '人工智能',
      directionName: '人工智能应用',
      gradeName: '副高级',
      qualificationName: '高级工程师',
      committeeName: '北京市工程技术系列(人工智能)高级、中级评审委员会',
      issuingAuthority: '北京市人力资源和社会保障局',
    });
    expect(certificateContentOf({ ...facts, level: 'PROFESSORATE_SENIOR_ENGINEER', certificateNumber: formatCertificateNumber({ year: 2026, level: 'PROFESSORATE_SENIOR_ENGINEER', sequence: 1 }) }).committeeName).toBe(
      '北京市工程技术系列正高级专业技术资格评审委员会',
    );
  });

  it('reports inconsistent content by path', () => {
    const content = { ...certificateContentOf(facts), level: 'ENGINEER' as const, idNumber: '110105194912310021', issueDate: '2026-11-30' };
    expect(certificateContentProblems(content, '/content').map((p) => p.path)).toEqual([
      '/content/idNumber',
      '/content/certificateNumber',
      '/content/qualificationName',
      '/content/gradeName',
      '/content/issueDate',
    ]);
  });

  it('prints dates the Chinese way', () => {
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
  });
});
