export * from './year-table';
export * from './official-calendar';
export * from './working-days';
