// Test-data builder for declarations: valid by default (ID number and credit code carry
// computed check characters), each method changing one fact so a test reads as its case.
import type { Direction, EducationLevel, EmployerKind, Grade, Level } from '@bj/kernel';
import { creditCodeCheckCharacter, idNumberCheckDigit } from '../check-characters';
import type { AchievementItem, Award, Declaration, PerformanceItem, TitleHeld } from '../declaration';

/** An 18-character ID number (GB 11643) for a birth date, with its check digit. */
export function validIdNumber(birthDate = '1990-01-01', sequence = 1, region = '110105'): string {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckDigit(first17);
}

/** An 18-character credit code (GB 32100) of a Beijing enterprise, with its check character. */
export function validCreditCode(serial = 1): string {
  const first17 = `91110108${String(serial % 1e9).padStart(9, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class DeclarationBuilder {
  private readonly d: Mutable<Declaration>;

  private constructor(targetLevel: Level, direction: Direction) {
    this.d = {
      applicant: { name: '测试申报人', idNumber: validIdNumber() },
      employer: { name: '北京测试科技有限公司', creditCode: validCreditCode(), kind: 'NON_PUBLIC_ENTERPRISE', inBeijing: true },
      direction,
      targetLevel,
      education: [],
      aiWorkPeriods: [],
    };
  }

  static for(targetLevel: Level, direction: Direction = 'APPLICATION'): DeclarationBuilder {
    return new DeclarationBuilder(targetLevel, direction);
  }

  employer(changes: Partial<{ name: string; kind: EmployerKind; inBeijing: boolean; creditCode: string }>): this {
    this.d.employer = { ...this.d.employer, ...changes };
    return this;
  }

  degree(level: EducationLevel, graduatedOn: string): this {
    this.d.education = [...this.d.education, { level, graduatedOn }];
    return this;
  }

  /** An AI work period, inclusive; without `to` it runs to the cutoff. */
  work(from: string, to?: string): this {
    this.d.aiWorkPeriods = [...this.d.aiWorkPeriods, to === undefined ? { from } : { from, to }];
    return this;
  }

  title(grade: Grade, obtainedOn: string, sameSpeciality = true): this {
    const title: TitleHeld = { grade, obtainedOn, sameSpeciality };
    this.d.titles = [...(this.d.titles ?? []), title];
    return this;
  }

  performance(item: Omit<PerformanceItem, 'title'> & { title?: string }): this {
    this.d.performance = [...(this.d.performance ?? []), { ...item, title: item.title ?? `${item.kind} ${item.completedOn}` }];
    return this;
  }

  achievement(item: Omit<AchievementItem, 'title'> & { title?: string }): this {
    this.d.achievements = [...(this.d.achievements ?? []), { ...item, title: item.title ?? `${item.kind} ${item.date}` }];
    return this;
  }

  /** `count` papers as first author in a core journal, dated from `firstDate` one month apart. */
  corePapers(count: number, firstDate: string): this {
    const [y, m] = firstDate.split('-').map(Number);
    for (let i = 0; i < count; i++) {
      const month = m - 1 + i;
      const date = `${y + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
      this.achievement({ kind: 'PAPER', role: 'FIRST_AUTHOR', venue: 'DOMESTIC_CORE_JOURNAL', date });
    }
    return this;
  }

  award(award: Award): this {
    this.d.awards = [...(this.d.awards ?? []), award];
    return this;
  }

  continuingEducation(year: number, hours: number): this {
    this.d.continuingEducationHours = { ...(this.d.continuingEducationHours ?? {}), [String(year)]: hours };
    return this;
  }

  build(): Declaration {
    return structuredClone(this.d);
  }
}
