import { describe, expect, it } from 'vitest';
import { ConfigError, parseHubConfig } from '../../main/server/config.ts';

describe('hub configuration', () => {
  it('has loopback-only defaults', () => {
    expect(parseHubConfig([], {})).toMatchObject({ host: '127.0.0.1', port: 4870, dataDir: './data', demo: false });
  });

  it('reads flags, and environment variables where no flag is given', () => {
    const config = parseHubConfig(['--port', '5000', '--demo', '--data-dir', '/tmp/x'], { THREADLINE_PORT: '6000', THREADLINE_HOST: '127.0.0.2' });
    expect(config).toMatchObject({ port: 5000, host: '127.0.0.2', demo: true, dataDir: '/tmp/x' });
  });

  it.each([
    [['--port', 'eighty'], /--port "eighty"/],
    [['--port', '70000'], /--port "70000"/],
    [['--database-url', 'postgres://x'], /--database-url .*file:/],
    [['--colour', 'blue'], /Unknown option '--colour'/],
    [['--host', 'bad host!'], /--host "bad host!"/],
  ])('stops on %j with one line naming the bad value', (argv, message) => {
    expect(() => parseHubConfig(argv, {})).toThrow(ConfigError);
    expect(() => parseHubConfig(argv, {})).toThrow(message);
  });
});
