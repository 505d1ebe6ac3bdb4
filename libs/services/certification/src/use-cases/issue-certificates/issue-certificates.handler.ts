import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { beijingDate, DomainError, GRADE_OF_LEVEL, type Actor, type Grade, type Problem } from '@bj/kernel';
import { certificateContentOf, formatCertificateNumber, type CertificateContent } from '@bj/certificate-domain';
import type { IssuedCertificateDocument } from '@bj/documents';
import { CommandRunner } from '@bj/service-kit';
import { CertificatesProjection, certificateSessionId, certificateStreamId, type ReadyApplicant } from '../../read-models/certificates.projection';
import { recordedCertificateDecider } from '../../read-models/recorded-certificate-decider';
import { CertificateFiles } from '../../signing/certificate-files';

/** 发放证书: one certificate, a list, or (no ids) every applicant of the year's session ready for one. */
export class IssueCertificatesCommand {
  constructor(readonly actor: Actor, readonly year: number, readonly applicationIds?: readonly string[]) {}
}

/** Raised inside a decision when a number turned out taken (by another process): the next number is tried. */
class NumberTaken extends Error {}

const MAX_NUMBER_ATTEMPTS = 20;

@CommandHandler(IssueCertificatesCommand)
export class IssueCertificatesHandler implements ICommandHandler<IssueCertificatesCommand> {
  /** Issuance is serialised in this process, so numbers are allocated one after another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly runner: CommandRunner,
    private readonly certificates: CertificatesProjection,
    private readonly files: CertificateFiles,
  ) {}

  execute(command: IssueCertificatesCommand) {
    const run = this.queue.then(() => this.issue(command));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async issue({ actor, year, applicationIds }: IssueCertificatesCommand) {
    if (actor.role !== 'HRSS_OFFICER') throw DomainError.forbidden('Only the municipal HRSS bureau issues certificates', 'NOT_HRSS_OFFICER');
    const batch = this.select(year, applicationIds);
    const issueDate = beijingDate(this.runner.now());
    const issued: { applicationId: string; certificateNumber: string; holderName: string; level: string; pdfSha256: string }[] = [];
    // Numbers are handed out in the batch's order, per grade, from the last one issued. The next
    // certificates are prepared (signed, rendered on the workers) while the ones before them are
    // recorded, and they are recorded a group at a time: appends queued together share one commit
    // (and one fsync); one commit each had been a third of the main thread's time in a session's batch.
    // A failure stops the batch after the group it struck; each certificate is its own stream,
    // so those recorded stay issued (as before), and a new batch issues the rest.
    const lastSequence = new Map<Grade, number>();
    const numberFor = (ready: ReadyApplicant) => {
      const grade = GRADE_OF_LEVEL[ready.level];
      const sequence = (lastSequence.get(grade) ?? this.certificates.lastSequenceOf(year, grade)) + 1;
      lastSequence.set(grade, sequence);
      return formatCertificateNumber({ year, level: ready.level, sequence });
    };
    const prepare = (ready: ReadyApplicant) => {
      const content = this.contentOf(ready, numberFor(ready), issueDate);
      return this.files.prepare(content).then((prepared) => ({ content, prepared }));
    };
    const group = this.files.parallelism;
    const ahead: ReturnType<typeof prepare>[] = [];
    let started = 0;
    /** Keeps this group's and the next group's certificates in preparation. */
    const prepareAhead = () => {
      while (started < batch.length && ahead.length < 2 * group) {
        const next = prepare(batch[started++]);
        next.catch(() => undefined); // awaited in turn below; if the batch stops before, its failure is not unhandled
        ahead.push(next);
      }
    };
    for (let from = 0; from < batch.length; from += group) {
      const part = batch.slice(from, from + group);
      prepareAhead();
      const rendered = await Promise.all(ahead.splice(0, part.length));
      prepareAhead(); // the workers go on with the next group while this one is recorded
      const recorded = await Promise.all(part.map((ready, i) => this.record(actor, year, ready, rendered[i].content, rendered[i].prepared)));
      for (const [i, ready] of part.entries()) {
        // a number taken meanwhile (by another process) is issued on its own, with the next free number
        const { certificateNumber, pdfSha256 } = recorded[i] ?? (await this.issueOne(actor, year, ready, issueDate));
        issued.push({ applicationId: ready.applicationId, certificateNumber, holderName: ready.applicant.name, level: ready.level, pdfSha256 });
      }
    }
    return { year, count: issued.length, certificates: issued };
  }

  private contentOf(ready: ReadyApplicant, certificateNumber: string, issueDate: string) {
    return certificateContentOf({
      certificateNumber,
      holderName: ready.applicant.name,
      idNumber: ready.applicant.idNumber,
      direction: ready.direction,
      level: ready.level,
      qualificationDate: ready.qualificationDate,
      issueDate,
    });
  }

  /** Records a prepared certificate; null when its number turned out taken. */
  private async record(actor: Actor, year: number, ready: ReadyApplicant, content: CertificateContent, prepared: IssuedCertificateDocument): Promise<{ certificateNumber: string; pdfSha256: string } | null> {
    try {
      await this.runner.run(
        certificateStreamId(content.certificateNumber),
        recordedCertificateDecider(prepared.verificationUrl, prepared.layout),
        (state) => {
          if (state.status !== 'NONE') throw new NumberTaken();
          return {
            type: 'IssueCertificate' as const,
            actor,
            now: this.runner.now(),
            applicantId: ready.applicationId,
            sessionId: certificateSessionId(year),
            content,
            pdfSha256: prepared.pdfSha256,
            signature: prepared.signature,
            keyId: prepared.keyId,
          };
        },
        actor,
      );
      return { certificateNumber: content.certificateNumber, pdfSha256: prepared.pdfSha256 };
    } catch (e) {
      if (e instanceof NumberTaken) return null;
      throw e;
    }
  }

  /** The batch, checked in full before anything is written: each applicant ready and not yet certified, none twice. */
  private select(year: number, applicationIds: readonly string[] | undefined): ReadyApplicant[] {
    if (applicationIds === undefined) {
      const all = this.certificates.readyToIssue(year);
      if (all.length === 0) throw DomainError.rule('NOTHING_TO_ISSUE', `Nobody of the ${year} session is waiting for a certificate`);
      return all;
    }
    if (!Array.isArray(applicationIds) || applicationIds.length === 0 || applicationIds.some((id) => typeof id !== 'string' || id.length === 0)) {
      throw DomainError.invalid([{ path: '/applicationIds', message: 'must be a non-empty list of application ids (or omitted: everyone ready)' }]);
    }
    const problems: Problem[] = [];
    const conflicts: Problem[] = [];
    const seen = new Set<string>();
    const batch: ReadyApplicant[] = [];
    applicationIds.forEach((id, i) => {
      const path = `/applicationIds/${i}`;
      if (seen.has(id)) return problems.push({ path, message: `${id} is listed twice` });
      seen.add(id);
      const number = this.certificates.issuedFor(year, id);
      if (number) return conflicts.push({ path, message: `application ${id} already holds certificate ${number} of the ${year} session` });
      const ready = this.certificates.readyApplicant(year, id);
      if (!ready) return problems.push({ path, message: `application ${id} is not ready for certification in ${year} (not on a closed notice, or withheld by an upheld objection)` });
      batch.push(ready);
      return undefined;
    });
    if (conflicts.length) throw new DomainError('CONFLICT', 'CERTIFICATE_ALREADY_ISSUED', `${conflicts.length} applicant(s) already hold a certificate of this session`, conflicts);
    if (problems.length) throw DomainError.rule('NOT_READY_FOR_CERTIFICATION', `${problems.length} application(s) cannot be issued a certificate`, problems);
    return batch;
  }

  /** One certificate with the next free number of its grade, trying the following ones while taken. */
  private async issueOne(actor: Actor, year: number, ready: ReadyApplicant, issueDate: string): Promise<{ certificateNumber: string; pdfSha256: string }> {
    const grade: Grade = GRADE_OF_LEVEL[ready.level];
    let sequence = this.certificates.lastSequenceOf(year, grade);
    for (let attempt = 1; ; attempt++) {
      sequence++;
      const content = this.contentOf(ready, formatCertificateNumber({ year, level: ready.level, sequence }), issueDate);
      const recorded = await this.record(actor, year, ready, content, await this.files.prepare(content));
      if (recorded) return recorded;
      if (attempt >= MAX_NUMBER_ATTEMPTS) throw DomainError.conflict(`No free certificate number of grade ${grade} after ${MAX_NUMBER_ATTEMPTS} tries; try again`, 'CERTIFICATE_NUMBER_CONTENTION');
    }
  }
}
