import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { TokenIssuer } from '@bj/auth';
import type { Actor } from '@bj/kernel';
import type { ManualClock } from '@bj/service-kit';
import type { SimulationPort } from './simulated-session';

/** The simulation's port onto an app in this process: real HTTP requests, tokens minted per actor. */
export function inProcessPort(app: INestApplication, issuer: TokenIssuer, clock: ManualClock): SimulationPort {
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (actor: Actor) => {
    const key = `${actor.role}/${actor.id}`;
    let token = tokens.get(key);
    if (!token) tokens.set(key, (token = issuer.issue(actor, 365 * 86400, Math.floor(Date.now() / 1000))));
    return token;
  };
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
