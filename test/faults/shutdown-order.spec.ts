import { killAllAppProcesses, startAppProcess } from '../support/app-process';
import {
  aReferral,
  expectEnded,
  faultFolder,
  FAULT_STORY_MS,
  sendAlone,
  servingChildren,
  startServing,
  stoppedWhileStarting,
  type LoadWrite,
  type Outcome,
  type SignalMoment,
} from '../support/fault-load';
import { getJourney } from '../support/http';
import { freePort } from '../support/redis-server';

const CHILDREN = ['sigterm-1', 'sigterm-2', 'sigterm-3', 'sigterm-4'];
const WRITERS = 6;
const READERS = 6;
/** Requests answered before the signal: the load is in full flow by then. */
const ANSWERED_BEFORE_SIGNAL = 60;

interface Sent {
  readonly what: string;
  readonly outcome: Outcome;
  /** The answer (or failure) came after the signal. */
  readonly endedAfterSignal: boolean;
  readonly write?: LoadWrite;
}

/*
 * Finding 6 of the load-and-faults review: on SIGTERM the read models closed before the HTTP server stopped, so
 * requests in hand read a closed database and answered 500. Here `npm start` (API and worker in one process, from the
 * sources) is stopped with SIGTERM while twelve clients read and write, each request on a connection of its own.
 */
describe('finding 6: shutdown order: SIGTERM under read and write load', () => {
  const folder = faultFolder('sigterm');

  afterAll(async () => {
    await killAllAppProcesses();
    folder.remove();
  });

  it(
    'answers every request it holds with a 2xx, then refuses connections, exits 0, and every acknowledged write is in the log after a restart',
    async () => {
      const { serving: running, token, auth } = await servingChildren('npm start', 'all', folder, CHILDREN, 'north');

      const moment: SignalMoment = { signalled: false };
      const sent: Sent[] = [];
      let loadInFlow = (): void => undefined;
      const inFlow = new Promise<void>((resolve) => (loadInFlow = resolve));
      /** Sends one request after another until the server refuses a connection. */
      const client = async (next: (i: number) => { what: string; path: string; write?: LoadWrite }): Promise<void> => {
        for (let i = 0; ; i++) {
          const { what, path, write } = next(i);
          const outcome = await sendAlone(running.baseUrl, write ? 'POST' : 'GET', path, { token, moment, ...(write ? { json: write.event } : {}) });
          sent.push({ what, outcome, endedAfterSignal: moment.signalled, ...(write ? { write } : {}) });
          if (sent.filter((s) => s.outcome.answered).length >= ANSWERED_BEFORE_SIGNAL) loadInFlow();
          if (!outcome.answered) return;
        }
      };
      const reads = [
        (childId: string) => `/children/${childId}/journey`,
        () => '/clocks?area=north',
        () => '/waiting-times?area=north',
        () => '/health',
      ];
      const clients = [
        ...Array.from({ length: WRITERS }, (_, w) =>
          client((i) => {
            const write = aReferral(CHILDREN[(w + i) % CHILDREN.length]);
            return { what: `POST ${write.childId}`, path: `/children/${write.childId}/events`, write };
          }),
        ),
        ...Array.from({ length: READERS }, (_, r) =>
          client((i) => {
            const path = reads[(r + i) % reads.length](CHILDREN[i % CHILDREN.length]);
            return { what: `GET ${path}`, path };
          }),
        ),
      ];

      await inFlow;
      moment.signalled = true;
      process.kill(running.process.pid, 'SIGTERM');
      await Promise.all(clients);
      const exit = await running.process.ended;

      const answered = sent.flatMap((s) => (s.outcome.answered ? [{ ...s, status: s.outcome.status, body: s.outcome.body }] : []));
      const failed = sent.flatMap((s) => (s.outcome.answered ? [] : [{ ...s, error: s.outcome.error }]));
      const inHandAtSignal = sent.filter((s) => s.outcome.connectedBeforeSignal && s.endedAfterSignal);
      const context = `\n--- last output of npm start ---\n${running.process.output()}`;

      const notAnsweredWell = {
        notTwoHundreds: answered.filter((a) => a.status < 200 || a.status > 299).map((a) => ({ what: a.what, status: a.status, body: a.body })),
        inHandButUnanswered: failed.filter((f) => f.outcome.connectedBeforeSignal).map((f) => ({ what: f.what, error: f.error })),
        failedOtherwiseThanRefused: failed
          .filter((f) => f.error !== 'ECONNREFUSED' && f.error !== 'ECONNRESET')
          .map((f) => ({ what: f.what, error: f.error })),
        exit,
      };
      expect({ ...notAnsweredWell, context }).toEqual({
        notTwoHundreds: [],
        inHandButUnanswered: [],
        failedOtherwiseThanRefused: [],
        exit: 0,
        context,
      });
      // the signal did come while requests were in the server's hands, so their answers above prove the order
      expect(inHandAtSignal.length).toBeGreaterThan(0);

      const restarted = await startServing('npm start, restarted', 'all', folder.env);
      const acknowledged = answered.flatMap((a) => (a.write !== undefined && a.status === 201 ? [a.write] : []));
      expect(acknowledged.length).toBeGreaterThan(0);
      for (const childId of CHILDREN) {
        const journey = await getJourney(restarted.baseUrl, childId, undefined, auth);
        expect(journey.status).toBe(200);
        const ids = journey.body.events.map((e) => e.eventId);
        expect(ids.length).toBe(new Set(ids).size);
        const missing = acknowledged.filter((w) => w.childId === childId && !ids.includes(w.event.eventId));
        expect(missing).toEqual([]);
      }
      await restarted.process.stop();
      await expectEnded(restarted.process, 0);
    },
    FAULT_STORY_MS,
  );

  it(
    'an API sent SIGTERM while it is still starting finishes starting, closes what it opened and exits 0',
    async () => {
      const api = await stoppedWhileStarting(async (attempt) =>
        startAppProcess(`api stopped while starting (attempt ${attempt})`, 'api', { ...folder.env, PORT: String(await freePort()) }),
      );
      await expectEnded(api, 0);
      expect(api.output()).toContain('"stopped"');
    },
    FAULT_STORY_MS,
  );
});
