import { applyDecorators, createParamDecorator, Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Reflector } from '@nestjs/core';
import { DomainError, type Actor, type Role } from '@bj/kernel';
import { InvalidTokenError, type TokenVerifier } from '@bj/auth';
import { TOKEN_VERIFIER } from './runtime';

const ROLES = 'bj:roles';
const PUBLIC = 'bj:public';

/** The roles allowed to call an endpoint; anyone else gets 403 and nothing is written. */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES, roles), ApiExtension('x-roles', roles));
/** An endpoint anyone may call without a token (public notices, certificate verification, health). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC, true), ApiExtension('x-public', true));

interface RequestWithActor {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

/** The authenticated actor of the request. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new DomainError('FORBIDDEN', 'UNAUTHENTICATED', 'A bearer token is required');
  return actor;
});

export class UnauthenticatedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

/** Verifies the bearer JWT on every request and checks the endpoint's roles. */
@Injectable()
export class ActorGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, targets);
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const header = request.headers['authorization'];
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (token) {
      try {
        request.actor = await this.verifier.verify(token);
      } catch (e) {
        if (isPublic) return true;
        throw new UnauthenticatedError(e instanceof InvalidTokenError ? e.message : 'The bearer token could not be verified');
      }
    }
    if (isPublic) return true;
    if (!request.actor) throw new UnauthenticatedError('A bearer token is required (Authorization: Bearer <jwt>); see README, "Tokens"');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.actor.role)) {
      throw DomainError.forbidden(`This endpoint is for ${roles.join(', ')}; you are ${request.actor.role}`, 'ROLE_NOT_ALLOWED');
    }
    return true;
  }
}
