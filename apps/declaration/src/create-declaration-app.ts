import { DeclarationServiceModule } from '@bj/declaration-service';
import { createServiceApp, loadServiceConfig, type ServiceAppOptions, type ServiceProcess } from '@bj/service-kit';

export const DECLARATION_DEFAULT_PORT = 3001;

/** The declaration service as its own process (distributed mode; docs/distributed.md). */
export const DECLARATION_SERVICE: ServiceProcess = {
  service: 'declaration',
  module: DeclarationServiceModule,
  defaultPort: DECLARATION_DEFAULT_PORT,
  title: '申报服务 (declaration service)',
  description: 'Applicants and employers: declarations, the employer publicity and recommendation (distributed mode: this service alone).',
};

export const loadDeclarationConfig = (env: NodeJS.ProcessEnv = process.env) => loadServiceConfig(DECLARATION_SERVICE, env);
export const createDeclarationApp = (options: ServiceAppOptions) => createServiceApp(DECLARATION_SERVICE, options);
