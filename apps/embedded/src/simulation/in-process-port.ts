import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { TokenIssuer } from '@bj/auth';
import type { ManualClock } from '@bj/service-kit';
import { actorTokens } from './actor-tokens';
import type { SimulationPort } from './simulated-session';

/** The simulation's port onto an app in this process: real HTTP requests, tokens minted per actor. */
export function inProcessPort(app: INestApplication, issuer: TokenIssuer, clock: ManualClock): SimulationPort {
  const tokenOf = actorTokens(issuer);
  const server = app.getHttpServer();
  return {
    async call(method, path, actor, body) {
      let req = method === 'GET' ? request(server).get(path) : method === 'PUT' ? request(server).put(path) : request(server).post(path);
      if (actor) req = req.set('Authorization', `Bearer ${await tokenOf(actor)}`);
      const res = method === 'GET' ? await req : await req.send((body ?? {}) as object);
      return { status: res.status, body: res.body };
    },
    setDate(date) {
      clock.set(`${date}T01:00:00Z`); // 09:00 in Beijing
    },
  };
}
