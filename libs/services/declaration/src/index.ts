export * from './declaration-service.module';
export * from './declarations/declarations.projection';
export * from './declarations/session-terms.projection';
