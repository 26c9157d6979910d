export * from './sen2-census-date';
export * from './sen2-codes';
export * from './sen2-return.model';
export * from './sen2-person.projection';
export * from './sen2-return';
export * from './sen2-problems';
