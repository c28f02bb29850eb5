// `npm run serve`: the hub and the built desk over HTTP, no Electron.
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from './server/demo/index.ts';
import { ConfigError, parseHubConfig } from './server/config.ts';
import { startHub } from './server/hub.ts';

async function main() {
  let config;
  try {
    config = parseHubConfig(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`threadline: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  config.rendererDir ??= fileURLToPath(new URL('../dist/renderer', import.meta.url));

  const hub = await startHub(config);
  console.log(`\nThreadline desk: ${hub.url}`);
  if (hub.demoSignIns) {
    console.log(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
    for (const u of hub.demoSignIns) console.log(`  ${u.email.padEnd(26)} ${u.role}`);
  }

  const stop = async (signal: string) => {
    hub.log.info({ signal }, 'shutting down');
    await hub.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: Error & { code?: string }) => {
  console.error(`threadline: ${error.message}`);
  process.exit(1);
});
