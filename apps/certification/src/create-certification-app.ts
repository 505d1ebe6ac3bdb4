import { CertificationServiceModule } from '@bj/certification-service';
import { createServiceApp, loadServiceConfig, type ServiceAppOptions, type ServiceProcess } from '@bj/service-kit';

export const CERTIFICATION_DEFAULT_PORT = 3003;

/** The certification service as its own process (distributed mode; docs/distributed.md). */
export const CERTIFICATION_SERVICE: ServiceProcess = {
  service: 'certification',
  module: CertificationServiceModule,
  defaultPort: CERTIFICATION_DEFAULT_PORT,
  title: '证书服务 (certification service)',
  description: 'Results, notices and electronic certificates (distributed mode: this service alone).',
};

export const loadCertificationConfig = (env: NodeJS.ProcessEnv = process.env) => loadServiceConfig(CERTIFICATION_SERVICE, env);
export const createCertificationApp = (options: ServiceAppOptions) => createServiceApp(CERTIFICATION_SERVICE, options);
