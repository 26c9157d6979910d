import { clockConfigOf, inclusionConfigOf, type AppConfig } from '@sj/config';
import {
  childAreasProjection,
  childrenProjection,
  clocksProjection,
  suspensionsProjection,
  timelinessProjection,
  readModelsFile,
  waitingTimesProjection,
  type Projection,
} from '@sj/read-models';

/** The read models, with the local rules (warning window, trigger) from configuration. */
export function readModelProjections(config: AppConfig): Projection[] {
  return [
    childrenProjection,
    childAreasProjection,
    clocksProjection(clockConfigOf(config)),
    waitingTimesProjection,
    suspensionsProjection(inclusionConfigOf(config)),
    timelinessProjection,
  ];
}

export function readModelFile(config: AppConfig): string {
  return readModelsFile(config.dataDir);
}
