// The hub's configuration from CLI flags and environment variables, validated before anything starts.
import { z } from 'zod';

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;

export const HubConfig = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(4870),
  host: z
    .string()
    .regex(/^[\w.:-]+$/, 'must be a host name or IP address')
    .default('127.0.0.1'),
  dataDir: z.string().min(1).default('./data'),
  /** Defaults to file:<dataDir>/threadline.db. */
  databaseUrl: z
    .string()
    .regex(/^(file:|libsql:|https?:)/, 'must start with file:, libsql: or http(s):')
    .optional(),
  /** Fill an empty database with the demo retailer and print the demo sign-ins. */
  demo: z.boolean().default(false),
  /** The built desk to serve; absent when only the API is wanted. */
  rendererDir: z.string().optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  sessionHours: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /**
   * End-to-end tests only: the hub's clock becomes now + an offset that an admin moves forward with
   * POST /api/test/clock (holds expire, snoozes wake). Refused on anything but a loopback address.
   */
  testClock: z.boolean().default(false),
}).refine((config) => !config.testClock || LOOPBACK.test(config.host), { path: ['testClock'], message: 'only with a loopback --host (127.0.0.1, ::1 or localhost)' });
export type HubConfig = z.infer<typeof HubConfig>;
export type HubConfigInput = z.input<typeof HubConfig>;

/** POST /api/test/clock: move a --test-clock hub's clock forward. */
export const TestClockAdvance = z.object({ advanceMs: z.number().int().min(1).max(30 * 24 * 3_600_000) });
