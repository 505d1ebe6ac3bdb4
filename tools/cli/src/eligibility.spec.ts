// The eligibility command in-process, with injected I/O (the e2e spec spawns the real process).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_OK, EXIT_REFUSED, runEligibilityCli, type CliIo } from './eligibility-cli';
import { describePath, maskIdNumber } from './eligibility-table';

const EXAMPLES = join(__dirname, '../../../libs/domain/eligibility/src/examples');
const example = (name: string) => join(EXAMPLES, `${name}.json`);

function run(args: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    readFile: (path) => {
      if (path in files) return files[path];
      return readFileSync(path, 'utf8');
    },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    currentYear: () => 2026,
  };
  const code = runEligibilityCli(args, io);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as unknown };
}

describe('eligibility CLI: options', () => {
  it('--help prints the usage and exits 0', () => {
    const { code, stdout } = run(['--help']);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toContain('--cutoff YYYY-MM-DD');
    expect(stdout).toContain('--format json|table');
  });

  it.each([
    [['--bogus', 'a.json'], 'bogus'],
    [['--cutoff', '2026-02-30', 'a.json'], '2026-02-30'],
    [['--cutoff', '31/12/2026', 'a.json'], '31/12/2026'],
    [['--format', 'xml', 'a.json'], 'xml'],
    [['--cutoff'], 'cutoff'],
    [[], 'FILE'],
  ])('%j: exit 2 with a usage message on stderr, nothing on stdout', (args, named) => {
    const { code, stdout, stderr } = run(args);
    expect(code).toBe(EXIT_REFUSED);
    expect(stdout).toBe('');
    expect(stderr).toContain(named);
    expect(stderr).toContain('用法 usage');
  });

  it('the cutoff defaults to 31 December of the current year', () => {
    const report = run([example('ex01-assistant-bachelor')]).json() as { cutoffDate: string };
    expect(report.cutoffDate).toBe('2026-12-31');
  });
});

describe('eligibility CLI: JSON output', () => {
  it('one file gives one report and exit 0, eligible or not', () => {
    const eligible = run(['--cutoff', '2026-12-31', example('ex03-engineer-master')]);
    expect(eligible.code).toBe(EXIT_OK);
    expect(eligible.json()).toEqual(expect.objectContaining({ eligible: true, route: 'ENGINEER.EDU.2', cutoffDate: '2026-12-31' }));
    const ineligible = run(['--cutoff', '2026-12-31', example('ex04-engineer-bachelor-short')]);
    expect(ineligible.code).toBe(EXIT_OK);
    expect(ineligible.json()).toEqual(expect.objectContaining({ eligible: false, route: null }));
  });

  it('the cutoff changes the outcome: ex04 is 满 5 年 by mid-2027', () => {
    expect(run(['--cutoff', '2027-06-30', example('ex04-engineer-bachelor-short')]).json()).toEqual(expect.objectContaining({ eligible: true, route: 'ENGINEER.EDU.3' }));
  });

  it('several files give an array in input order; a refusal is {file, errors} and makes the exit 2', () => {
    const files = [example('ex05-senior-doctorate'), example('ex08-invalid-id-check-digit'), example('ex01-assistant-bachelor')];
    const { code, json } = run(['--cutoff', '2026-12-31', ...files]);
    expect(code).toBe(EXIT_REFUSED);
    expect(json()).toEqual([
      expect.objectContaining({ targetLevel: 'SENIOR_ENGINEER', route: 'SENIOR.EDU.1' }),
      { file: files[1], errors: [{ path: '/applicant/idNumber', message: expect.stringContaining('校验位') }] },
      expect.objectContaining({ targetLevel: 'ASSISTANT_ENGINEER', route: 'ASSISTANT.EDU.2' }),
    ]);
  });

  it('an unreadable file and a file that is not JSON are refusals too', () => {
    const { code, json } = run(['missing.json', 'broken.json', 'array.json'], { 'broken.json': '{"applicant":', 'array.json': '[]' });
    expect(code).toBe(EXIT_REFUSED);
    expect(json()).toEqual([
      { file: 'missing.json', errors: [{ path: '', message: expect.stringContaining('无法读取文件') }] },
      { file: 'broken.json', errors: [{ path: '', message: expect.stringContaining('不是有效的 JSON') }] },
      { file: 'array.json', errors: [{ path: '', message: expect.stringContaining('JSON 对象') }] },
    ]);
  });

  it('accepts a file with a byte-order mark', () => {
    const text = `\uFEFF${readFileSync(example('ex01-assistant-bachelor'), 'utf8')}`;
    expect(run(['bom.json'], { 'bom.json': text }).code).toBe(EXIT_OK);
  });
});

describe('eligibility CLI: --format table', () => {
  it('summarises a report for the applicant in Chinese', () => {
    const { code, stdout } = run(['--format', 'table', '--cutoff', '2026-12-31', example('ex07-professorate-short-of-achievements')]);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toContain('申报人：申报人007（身份证号 110105********007X）');
    expect(stdout).not.toContain('11010519900101007X');
    expect(stdout).toContain('申报级别：正高级工程师');
    expect(stdout).toContain('申报方向：人工智能应用');
    expect(stdout).toContain('结论：不符合申报条件（未满足：成果条件（3 项及以上））');
    expect(stdout).toContain('适用条件：PROFESSORATE.EDU.1 大学本科及以上学历毕业、取得副高级职称后，从事本专业技术工作满 5 年');
    expect(stdout).toMatch(/✓ 学历和专业工作经历 \[PROFESSORATE\.EDU\]\n\s+取得副高级职称（2020-12-01）后从事本专业技术工作 6 年 1 个月/);
    expect(stdout).toContain('✗ 成果条件（3 项及以上） [PROFESSORATE.ACH]');
    expect(stdout).toContain('? 按要求参加继续教育');
  });

  it('says when no route is met, and lists a refusal field by field', () => {
    const { code, stdout } = run(['--format', 'table', '--cutoff', '2026-12-31', example('ex02-assistant-too-early'), example('ex08-invalid-id-check-digit')]);
    expect(code).toBe(EXIT_REFUSED);
    expect(stdout).toContain('适用条件：无（未满足任一学历和专业工作经历条件）');
    expect(stdout).toContain('结论：申报材料有误，未进行预审');
    expect(stdout).toContain('✗ 申报人 身份证号码（/applicant/idNumber）：身份证号码校验位错误');
  });

  it('names fields in Chinese', () => {
    expect(describePath('/education/0/graduatedOn')).toBe('学历 第 1 项 毕业日期');
    expect(describePath('/employer/name')).toBe('工作单位 单位名称');
    expect(describePath('/continuingEducationHours/2025')).toBe('继续教育学时 2025');
    expect(describePath('')).toBe('整个文件');
    expect(maskIdNumber('110105199001010010')).toBe('110105********0010');
  });
});
