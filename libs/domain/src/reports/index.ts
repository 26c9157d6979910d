export * from './plan-timeliness.report';
