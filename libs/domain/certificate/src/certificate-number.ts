import { DomainError, GRADE_OF_LEVEL, type Grade, type Level } from '@bj/kernel';
import { mod11_2CheckCharacter } from './check-character';

/**
 * Certificate number (证书编号): `BJAI-YYYY-Gn-SSSSSS-C`, e.g. `BJAI-2026-G3-000123-4`.
 * - `BJAI`: the series, 北京市工程技术系列(人工智能);
 * - `YYYY`: the year of the evaluation session;
 * - `Gn`: the grade, G1 初级 (助理工程师), G2 中级 (工程师), G3 副高级 (高级工程师), G4 正高级 (正高级工程师);
 * - `SSSSSS`: the sequence within the year and grade, 000001–999999, allocated by the issuer;
 * - `C`: ISO 7064 MOD 11-2 check character (0-9 or X, as in the ID number) over the 11 digits
 *   YYYY + n + SSSSSS.
 */
export const CERTIFICATE_SERIES_CODE = 'BJAI';

export const GRADE_CODE: Record<Grade, string> = { JUNIOR: 'G1', INTERMEDIATE: 'G2', DEPUTY_SENIOR: 'G3', FULL_SENIOR: 'G4' };
const LEVEL_OF_GRADE_CODE: Record<string, Level> = { G1: 'ASSISTANT_ENGINEER', G2: 'ENGINEER', G3: 'SENIOR_ENGINEER', G4: 'PROFESSORATE_SENIOR_ENGINEER' };

export interface CertificateNumberParts {
  readonly year: number;
  readonly level: Level;
  readonly sequence: number;
}

export interface ParsedCertificateNumber extends CertificateNumberParts {
  readonly grade: Grade;
  /** The canonical (upper-case) spelling. */
  readonly certificateNumber: string;
}

const PATTERN = /^BJAI-(\d{4})-G([1-4])-(\d{6})-([\dX])$/;

export function formatCertificateNumber({ year, level, sequence }: CertificateNumberParts): string {
  const problems = [];
  if (!Number.isInteger(year) || year < 2020 || year > 9999) problems.push({ path: '/year', message: `year must be a whole number from 2020, got ${year}` });
  if (!(level in GRADE_OF_LEVEL)) problems.push({ path: '/level', message: `unknown level ${JSON.stringify(level)}` });
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) problems.push({ path: '/sequence', message: `sequence must be a whole number from 1 to 999999, got ${sequence}` });
  if (problems.length) throw DomainError.invalid(problems, 'Cannot form a certificate number');
  const gradeCode = GRADE_CODE[GRADE_OF_LEVEL[level]];
  const serial = String(sequence).padStart(6, '0');
  return `${CERTIFICATE_SERIES_CODE}-${year}-${gradeCode}-${serial}-${mod11_2CheckCharacter(`${year}${gradeCode[1]}${serial}`)}`;
}

/** Reads a certificate number (surrounding blanks and lower case accepted); throws INVALID at `path` when malformed or the check fails. */
export function parseCertificateNumber(text: string, path = '/certificateNumber'): ParsedCertificateNumber {
  const normalised = String(text ?? '').trim().toUpperCase();
  const m = PATTERN.exec(normalised);
  if (!m) {
    throw DomainError.invalid([{ path, message: `${JSON.stringify(text)} is not a certificate number of the form BJAI-YYYY-Gn-SSSSSS-C` }], 'Malformed certificate number');
  }
  const [, year, gradeDigit, serial, check] = m as unknown as [string, string, string, string, string];
  const expected = mod11_2CheckCharacter(`${year}${gradeDigit}${serial}`);
  if (check !== expected || Number(serial) === 0) {
    throw DomainError.invalid([{ path, message: `${normalised}: the check character does not match (a digit was mistyped)` }], 'Malformed certificate number');
  }
  const level = LEVEL_OF_GRADE_CODE[`G${gradeDigit}`] as Level;
  return { certificateNumber: normalised, year: Number(year), level, grade: GRADE_OF_LEVEL[level], sequence: Number(serial) };
}

export function isCertificateNumber(text: unknown): boolean {
  try {
    return typeof text === 'string' && parseCertificateNumber(text).certificateNumber === text;
  } catch {
    return false;
  }
}
