export * from './statistics-service.module';
export * from './read-model/statistics.projection';
export * from './exports/statistics-csv';
export * from './exports/statistics-xlsx';
export * from './exports/statistics-pdf';
