export * from './chinese-days-tables';
export * from './load-official-calendar';
