import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@bj/service-kit';
import { createEmbeddedApp } from './create-embedded-app';

async function main() {
  const config = loadConfig();
  const { app } = await createEmbeddedApp({ config });
  await app.listen(config.port);
  const log = new Logger('Embedded');
  log.log(`Serving the declaration, review and certification services on ${config.publicBaseUrl}`);
  log.log(`  health   ${config.publicBaseUrl}/health`);
  log.log(`  OpenAPI  ${config.publicBaseUrl}/docs`);
  log.log(`  events   ${config.eventStore === 'sqlite' ? `${config.dataDir}/events.sqlite` : `${config.databaseUrl} (schema ${config.databaseSchema})`}`);
  if (config.devTokens) log.log(`  tokens   npm run tokens  (or GET ${config.publicBaseUrl}/api/v1/dev/tokens)`);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${e.message}\n`);
  } else {
    process.stderr.write(`Could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  }
  process.exit(1);
});
