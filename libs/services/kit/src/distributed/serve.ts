import { Logger } from '@nestjs/common';
import { ConfigError, type AppConfig } from '../config';
import type { DistributedServiceApp } from './create-service-app';
import type { DistributedConfig } from './distributed-config';

/**
 * main() of a distributed-mode service process: creates the app, listens on PORT, prints where it
 * is, and closes everything cleanly on SIGINT/SIGTERM. A configuration or start-up error is printed
 * in one line (no stack trace) and the process exits with 1.
 */
export async function serveDistributedService(
  load: () => { config: AppConfig; distributed: DistributedConfig },
  create: (config: AppConfig, distributed: DistributedConfig) => Promise<DistributedServiceApp>,
): Promise<void> {
  let loaded: { config: AppConfig; distributed: DistributedConfig };
  let service: DistributedServiceApp;
  try {
    loaded = load();
    service = await create(loaded.config, loaded.distributed);
    await service.app.listen(loaded.config.port);
  } catch (e) {
    process.stderr.write(e instanceof ConfigError ? `Configuration error: ${e.message}\n` : `Could not start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
  const { config, distributed } = loaded;
  const log = new Logger(`${distributed.service}-service`);
  log.log(`Serving the ${distributed.service} service on ${config.publicBaseUrl} (distributed mode)`);
  log.log(`  health   ${config.publicBaseUrl}/health   messaging ${config.publicBaseUrl}/health/messaging`);
  log.log(`  OpenAPI  ${config.publicBaseUrl}/docs`);
  log.log(`  events   ${config.eventStore === 'postgres' ? `${config.databaseUrl.replace(/\/\/[^@/]*@/, '//')} (schema ${config.databaseSchema})` : `${config.dataDir}/events.sqlite`}`);
  log.log(`  Kafka    publishes ${distributed.ownedStreamPrefixes.map((p) => `${p}*`).join(', ')} to ${distributed.topicPrefix}.*`);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.log(`${signal}: stopping`);
    service.close().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`Unclean stop: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
