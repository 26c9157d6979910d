export * from './read-model.database';
export * from './projection';
export * from './projection-runner';
export * from './projections/children.projection';
export * from './projections/clocks.projection';
export * from './projections/waiting-times.projection';
export * from './projections/suspensions.projection';
export * from './projections/timeliness.projection';
