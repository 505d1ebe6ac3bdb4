export * from './certification-service.module';
