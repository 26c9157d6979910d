export * from './app-config';
export * from './clock';
export * from './config.module';
export * from './sign-in-config';
