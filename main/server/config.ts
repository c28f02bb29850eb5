// Reads the hub's configuration from CLI flags and THREADLINE_* environment variables (flags win),
// validated by the HubConfig schema in common/. A bad value stops start-up with one line naming it.
import { parseArgs } from 'node:util';
import { HubConfig } from '../../common/config.ts';

export class ConfigError extends Error {}

const flags = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  demo: { type: 'boolean' },
  'renderer-dir': { type: 'string' },
  'log-level': { type: 'string' },
  'session-hours': { type: 'string' },
  'test-clock': { type: 'boolean' },
} as const;

const toKey = (flag: string) => flag.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const toFlag = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function parseHubConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): HubConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: flags, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new ConfigError((error as Error).message.split('\n')[0]);
  }

  const raw: Record<string, unknown> = {};
  for (const flag of Object.keys(flags)) {
    const key = toKey(flag);
    const fromEnv = env[`THREADLINE_${flag.replace(/-/g, '_').toUpperCase()}`];
    if (fromEnv !== undefined && fromEnv !== '') raw[key] = flags[flag as keyof typeof flags].type === 'boolean' ? fromEnv === '1' || fromEnv === 'true' : fromEnv;
    if (values[flag] !== undefined) raw[key] = values[flag];
  }

  const parsed = HubConfig.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    throw new ConfigError(`--${toFlag(key)} ${JSON.stringify(raw[key])}: ${issue.message}`);
  }
  return parsed.data;
}
