// The Electron app's own command line, validated with zod before anything starts. No electron import here,
// so the unit tests can drive it. The app takes `--hub URL` (use a remote hub) or the flags of the
// built-in hub it passes through; Chromium's own switches may sit in argv too and are left alone.
import { parseArgs } from 'node:util';
import { z } from 'zod';

export class DesktopFlagError extends Error {}

/** Why a string is not a usable hub address, or null when it is one. */
export function hubUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL such as http://10.0.0.5:4870';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http:// or https:// URL';
  if (url.username !== '' || url.password !== '') return 'must not carry credentials';
  return null;
}

export const HubUrl = z.string().superRefine((value, ctx) => {
  const problem = hubUrlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const options = {
  hub: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  'log-level': { type: 'string' },
  'session-hours': { type: 'string' },
  demo: { type: 'boolean' },
  'no-demo': { type: 'boolean' },
  tray: { type: 'boolean' },
  'user-data-dir': { type: 'string' },
} as const;

/** Flags that only make sense for the hub this app starts itself. */
const EMBEDDED_ONLY = ['dataDir', 'databaseUrl', 'sessionHours', 'demo'] as const;

export const DesktopFlags = z
  .strictObject({
    /** A remote hub to use instead of starting one in this process. */
    hub: HubUrl.optional(),
    dataDir: z.string().min(1).optional(),
    databaseUrl: z.string().min(1).optional(),
    logLevel: z.string().min(1).optional(),
    sessionHours: z.string().min(1).optional(),
    /** --demo → true, --no-demo → false, neither → the default (demo data on a new database). */
    demo: z.boolean().optional(),
    tray: z.boolean().default(false),
    /** Where Electron keeps its profile (and, by default, the hub's data); also scopes the single-instance lock. */
    userDataDir: z.string().min(1).optional(),
  })
  .superRefine((flags, ctx) => {
    if (flags.hub === undefined) return;
    for (const key of EMBEDDED_ONLY) {
      if (flags[key] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'applies to the built-in hub and cannot be combined with --hub' });
      }
    }
  });
export type DesktopFlags = z.infer<typeof DesktopFlags>;

const toKey = (flag: string) => flag.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const toFlag = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The arguments after the executable (and, when run as `electron <app>`, after the app path). */
export function userArgs(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1);
}

/** Parses the app's flags; unknown switches (Chromium's, Playwright's) are ignored. Throws DesktopFlagError. */
export function parseDesktopFlags(args: readonly string[]): DesktopFlags {
  const { values } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true });
  const raw: Record<string, unknown> = {};
  for (const flag of Object.keys(options)) {
    if (flag === 'no-demo' || flag === 'demo') continue;
    if (values[flag] !== undefined) raw[toKey(flag)] = values[flag];
  }
  if (values['no-demo'] !== undefined && values.demo !== undefined) {
    throw new DesktopFlagError('--demo and --no-demo cannot be used together');
  }
  if (values.demo !== undefined) raw.demo = values.demo;
  if (values['no-demo'] !== undefined) raw.demo = typeof values['no-demo'] === 'boolean' ? !values['no-demo'] : values['no-demo'];

  const parsed = DesktopFlags.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    const shown = typeof raw[key] === 'string' ? ` ${JSON.stringify(raw[key])}` : '';
    const message = issue.code === 'invalid_type' ? `expects ${issue.expected === 'string' ? 'a value' : 'no value'}` : issue.message;
    throw new DesktopFlagError(`--${key === 'demo' ? 'demo' : toFlag(key)}${shown}: ${message}`);
  }
  return parsed.data;
}

export interface EmbeddedHubContext {
  /** Used when neither --data-dir nor THREADLINE_DATA_DIR says where the database lives. */
  defaultDataDir: string;
  /** The built desk (dist/renderer) inside the app. */
  rendererDir: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The argv and env to hand to the hub's own `parseHubConfig` for the built-in hub: always a free port on
 * loopback and this app's desk; the data folder, database URL, log level and session length from flags or
 * THREADLINE_* variables as for `npm run serve`; demo data on a new database unless --no-demo
 * (or THREADLINE_DEMO) says otherwise.
 */
export function embeddedHubInvocation(flags: DesktopFlags, ctx: EmbeddedHubContext): { argv: string[]; env: NodeJS.ProcessEnv } {
  const env: NodeJS.ProcessEnv = { ...ctx.env };
  // The desktop app decides these; a THREADLINE_PORT meant for a headless hub must not move it off loopback.
  delete env.THREADLINE_PORT;
  delete env.THREADLINE_HOST;
  delete env.THREADLINE_RENDERER_DIR;

  const argv = ['--port', '0', '--host', '127.0.0.1', '--renderer-dir', ctx.rendererDir];
  if (flags.dataDir !== undefined) argv.push('--data-dir', flags.dataDir);
  else if (!env.THREADLINE_DATA_DIR) argv.push('--data-dir', ctx.defaultDataDir);
  if (flags.databaseUrl !== undefined) argv.push('--database-url', flags.databaseUrl);
  if (flags.logLevel !== undefined) argv.push('--log-level', flags.logLevel);
  if (flags.sessionHours !== undefined) argv.push('--session-hours', flags.sessionHours);

  const demo = flags.demo ?? (env.THREADLINE_DEMO ? undefined : true);
  if (flags.demo !== undefined) delete env.THREADLINE_DEMO;
  if (demo === true) argv.push('--demo');
  return { argv, env };
}
