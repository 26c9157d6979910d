export * from './referral-history';
export * from './waiting-times';
