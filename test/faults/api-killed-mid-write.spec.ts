import { killAllAppProcesses } from '../support/app-process';
import {
  aReferral,
  expectEnded,
  faultFolder,
  FAULT_STORY_MS,
  sendAlone,
  servingChildren,
  startServing,
  type LoadWrite,
  type Outcome,
  type SignalMoment,
} from '../support/fault-load';
import { getJourney, recordEvent, type RecordedEventResult } from '../support/http';

const CHILDREN = ['killed-1', 'killed-2', 'killed-3', 'killed-4'];
const WRITERS = 16;
/** Writes acknowledged before the kill: many more are in the server's hands at that moment. */
const ACKNOWLEDGED_BEFORE_KILL = 48;

/*
 * kill -9 of the API (`npm run start:api`, from the sources) while sixteen clients record events, each with an
 * event id of its own. An acknowledged write (201) is on disk; a write whose answer never came may or may not be,
 * and the client sends it again with the same event id after the restart, as the API's contract asks.
 */
describe('kill -9 of the API mid-write', () => {
  const folder = faultFolder('api-kill', { LOG_LEVEL: 'warn' });

  afterAll(async () => {
    await killAllAppProcesses();
    folder.remove();
  });

  it(
    'loses no acknowledged event, and retries of every write with the same event id leave each event in the log exactly once',
    async () => {
      const { serving: running, token, auth } = await servingChildren('npm run start:api', 'api', folder, CHILDREN, 'south');

      const moment: SignalMoment = { signalled: false };
      const sent: { write: LoadWrite; outcome: Outcome }[] = [];
      let enoughAcknowledged = (): void => undefined;
      const killTime = new Promise<void>((resolve) => (enoughAcknowledged = resolve));
      const writer = async (w: number): Promise<void> => {
        for (let i = 0; ; i++) {
          const write = aReferral(CHILDREN[(w + i) % CHILDREN.length]);
          const outcome = await sendAlone(running.baseUrl, 'POST', `/children/${write.childId}/events`, { token, moment, json: write.event });
          sent.push({ write, outcome });
          if (sent.filter((s) => s.outcome.answered).length >= ACKNOWLEDGED_BEFORE_KILL) enoughAcknowledged();
          if (!outcome.answered) return;
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      await killTime;
      moment.signalled = true;
      process.kill(running.process.pid, 'SIGKILL');
      await Promise.all(writers);
      await expectEnded(running.process, 'SIGKILL');

      const acknowledged = sent.flatMap((s) =>
        s.outcome.answered && s.outcome.status === 201 ? [{ ...s.write, answer: s.outcome.body as RecordedEventResult }] : [],
      );
      const unanswered = sent.filter((s) => !s.outcome.answered).map((s) => s.write);
      expect(sent.filter((s) => s.outcome.answered && s.outcome.status !== 201)).toEqual([]);
      expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
      // every writer was cut off by the kill
      expect(unanswered).toHaveLength(WRITERS);

      const restarted = await startServing('npm run start:api, restarted', 'api', folder.env);
      // the retries go as the clients would send them: all at once
      const retries = await Promise.all(
        [...acknowledged, ...unanswered].map((write) => recordEvent(restarted.baseUrl, write.childId, write.event, auth)),
      );
      expect(retries.map((r) => r.status)).toEqual(retries.map(() => 201));
      expect(retries.slice(0, acknowledged.length).map((r) => r.body)).toEqual(acknowledged.map((w) => w.answer));
      for (const childId of CHILDREN) {
        const journey = await getJourney(restarted.baseUrl, childId, undefined, auth);
        const ids = journey.body.events.map((e) => e.eventId);
        const written = [...acknowledged, ...unanswered].filter((w) => w.childId === childId).map((w) => w.event.eventId);
        expect(ids.length).toBe(new Set(ids).size);
        expect([...ids.slice(1)].sort()).toEqual([...written].sort());
        for (const write of acknowledged.filter((w) => w.childId === childId)) expect(ids[write.answer.streamRevision]).toBe(write.event.eventId);
      }
      await restarted.process.stop();
      await expectEnded(restarted.process, 0);
    },
    FAULT_STORY_MS,
  );
});
