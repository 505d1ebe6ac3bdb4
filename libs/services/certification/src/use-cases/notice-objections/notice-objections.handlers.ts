import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@bj/kernel';
import { sessionResultsDecider, type SessionResultsCommand } from '@bj/session-domain';
import { CommandRunner } from '@bj/service-kit';
import { SessionResultsProjection } from '../../read-models/session-results.projection';

type Without<T> = T extends unknown ? Omit<T, 'actor' | 'now' | 'noticeId'> : never;

/** 异议 and its resolution, and the close of a notice: commands on the notice's results stream. */
export class NoticeCommand {
  constructor(
    readonly actor: Actor,
    readonly noticeId: string,
    readonly command: Without<Extract<SessionResultsCommand, { type: 'RaiseNoticeObjection' | 'ResolveNoticeObjection' | 'CloseNotice' }>>,
  ) {}
}

@CommandHandler(NoticeCommand)
export class NoticeCommandHandler implements ICommandHandler<NoticeCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly results: SessionResultsProjection,
  ) {}

  async execute({ actor, noticeId, command }: NoticeCommand) {
    const notice = this.results.requireNotice(noticeId);
    const outcome = await this.runner.run(notice.streamId, sessionResultsDecider, () => ({ ...command, actor, now: this.runner.now(), noticeId }) as SessionResultsCommand, actor);
    return { noticeId, events: outcome.events.map((e) => e.type) };
  }
}
