import { describeAreaHistory } from './contract/area-history.contract';
import { describeErasureAndSweep } from './contract/erasure-and-sweep.contract';
import { describeGeneratedCaseloads } from './contract/generated-caseloads.contract';
import { describeManagersQueries } from './contract/managers-queries.contract';
import { describeOverdueClocks } from './contract/overdue-clocks.contract';
import { describeProjectionLag } from './contract/projection-lag.contract';
import { describeProjectionRunner } from './contract/projection-runner.contract';
import { describeRequestsAndRefusals } from './contract/requests-and-refusals.contract';
import { describeSuspensionsAsOf } from './contract/suspensions-as-of.contract';
import { describeWaitingFigures } from './contract/waiting-figures.contract';
import { describeWaitingReopened } from './contract/waiting-reopened.contract';
import type { ReadModelAdapterUnderTest } from './read-model-fixture';

export type { ReadModelAdapterUnderTest, ReadModelPlace } from './read-model-fixture';

/**
 * What every read-model store must do, whatever it keeps the rows in: the runner's batches, checkpoint and
 * rebuilds, and the managers' queries judged as the domain judges, told as the stories of Asha and Ben, Olu, Mo,
 * Kit, Cara, Dana and Priya, an erasure and the sweep's clocks, and as properties over generated caseloads.
 */
export function describeReadModelContract(adapter: ReadModelAdapterUnderTest): void {
  describe(`${adapter.name}: read-model store contract`, () => {
    describeProjectionRunner(adapter);
    describeProjectionLag(adapter);
    describeManagersQueries(adapter);
    describeOverdueClocks(adapter);
    describeAreaHistory(adapter);
    describeSuspensionsAsOf(adapter);
    describeWaitingReopened(adapter);
    describeWaitingFigures(adapter);
    describeRequestsAndRefusals(adapter);
    describeErasureAndSweep(adapter);
    describeGeneratedCaseloads(adapter);
  });
}
