import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from '@bj/kernel';

/** The caller of a public endpoint: the authenticated actor when a valid token came, else undefined. */
export const OptionalActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor | undefined => ctx.switchToHttp().getRequest<{ actor?: Actor }>().actor);

/**
 * Who a member of the public is in the log when they act without a token (objections to a
 * notice: "anyone may object"). Recorded as actor `PUBLIC`, role `PUBLIC`.
 */
export const PUBLIC_ACTOR: Actor = { id: 'PUBLIC', role: 'PUBLIC' as Role, name: '社会公众' };
