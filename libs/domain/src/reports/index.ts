export * from './plan-timeliness.report';
export * from './ehc-requests.report';
