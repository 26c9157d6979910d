import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './app-config';
import { Clock, clockFor } from './clock';

/** Injection token of the `AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** Provides `APP_CONFIG` and the injectable `Clock` everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, clock: Clock = clockFor(config)): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
