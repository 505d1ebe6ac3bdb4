export * from './review-service.module';
