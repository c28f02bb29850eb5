/** The hub's notion of now: real time in production, a controllable one in tests (holds, snoozes, expiries). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
