import { v7 as uuidv7 } from 'uuid';

/** DI tokens for what the domain must not reach for itself. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const CLOCK = Symbol('CLOCK');
export const ID_GENERATOR = Symbol('ID_GENERATOR');
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
export const APP_CONFIG = Symbol('APP_CONFIG');

export interface Clock {
  /** ISO 8601 instant. */
  now(): string;
}
export const systemClock: Clock = { now: () => new Date().toISOString() };

/** A clock tests and simulations move by hand. */
export class ManualClock implements Clock {
  constructor(private current: string) {}
  now(): string {
    return this.current;
  }
  set(instant: string): void {
    this.current = new Date(instant).toISOString();
  }
  advanceDays(days: number): void {
    this.current = new Date(new Date(this.current).getTime() + days * 86_400_000).toISOString();
  }
}

export interface IdGenerator {
  next(): string;
}
export const uuidV7Ids: IdGenerator = { next: () => uuidv7() };
