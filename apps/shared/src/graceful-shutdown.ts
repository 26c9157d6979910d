import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import { Logger, type INestApplication, type INestApplicationContext } from '@nestjs/common';

/**
 * How long requests in hand may take once a stop is asked for before their connections are cut: inside Docker's
 * default 10 s between SIGTERM and SIGKILL, so the stores are still closed in order after the last request.
 */
const REQUESTS_LIMIT_MS = 8_000;
/** A connection opened just before the stop gets this long to send its request (it is answered); then it is closed. */
const FIRST_REQUEST_WAIT_MS = 1_000;
/** The longest a stop goes on taking the connections the kernel had already queued (under a flood they keep coming). */
const QUEUED_CONNECTIONS_LIMIT_MS = 2_000;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The HTTP server's connections, followed from before it listens, so a stop knows which ones hold a request. */
export class HttpConnections {
  /** Requests each open connection is handling now. */
  private readonly handling = new Map<Socket, number>();
  /** Connections that have sent at least one request (an idle one of these is a kept-alive connection). */
  private readonly used = new WeakSet<Socket>();
  private draining = false;
  private accepted = 0;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.accepted++;
      this.handling.set(socket, 0);
      socket.once('close', () => this.handling.delete(socket));
      if (this.draining) this.closeUnlessItAsks(socket);
    });
    // before Express sees the request, so the header is set before any answer
    server.prependListener('request', (_req, res: ServerResponse) => {
      const socket = res.socket;
      if (socket === null) return;
      this.used.add(socket);
      this.handling.set(socket, (this.handling.get(socket) ?? 0) + 1);
      if (this.draining) res.setHeader('Connection', 'close');
      res.once('close', () => {
        const handling = this.handling.get(socket);
        if (handling === undefined) return;
        this.handling.set(socket, handling - 1);
        if (this.draining && handling === 1) this.close(socket);
      });
    });
  }

  /** How many requests are being answered now. */
  get requestsInHand(): number {
    let total = 0;
    for (const n of this.handling.values()) total += n;
    return total;
  }

  /**
   * Stops listening (a new connection is refused), answers every request already received, then closes each connection
   * as its last answer goes out. Resolves once no connection is open, or after the limit with the stragglers cut; with
   * how many connections were cut.
   */
  async drain(limitMs = REQUESTS_LIMIT_MS): Promise<number> {
    this.draining = true;
    await this.takeQueuedConnections();
    // net.Server's close, not http.Server's (that one also drops every connection whose request is not read yet); its
    // callback comes once the last connection has closed
    const allClosed = new Promise<void>((resolve) => NetServer.prototype.close.call(this.server, () => resolve()));
    for (const [socket, requests] of this.handling) {
      if (requests > 0) continue;
      if (this.used.has(socket)) this.close(socket);
      else this.closeUnlessItAsks(socket);
    }
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<'limit'>((resolve) => (timer = setTimeout(() => resolve('limit'), limitMs)));
    const outcome = await Promise.race([allClosed.then(() => 'drained' as const), limit]);
    clearTimeout(timer);
    const cut = outcome === 'limit' ? this.handling.size : 0;
    if (cut > 0) for (const socket of this.handling.keys()) socket.destroy();
    await allClosed;
    return cut;
  }

  /**
   * Node takes one waiting connection per turn of the event loop, and closing the listener resets every connection
   * still queued in the kernel, although its client saw it open before the stop: so the listener stays open until a
   * turn takes none (the queue is empty), or for a limit under a flood.
   */
  private async takeQueuedConnections(): Promise<void> {
    const deadline = Date.now() + QUEUED_CONNECTIONS_LIMIT_MS;
    await nextTurn();
    for (;;) {
      const before = this.accepted;
      await nextTurn();
      if (this.accepted === before || Date.now() > deadline) return;
    }
  }

  /** Ends a connection whose answers have all gone out, once they have left. */
  private close(socket: Socket): void {
    socket.end(() => socket.destroy());
  }

  private closeUnlessItAsks(socket: Socket): void {
    const timer = setTimeout(() => {
      if (!this.used.has(socket)) socket.destroy();
    }, FIRST_REQUEST_WAIT_MS);
    timer.unref();
  }
}

/** A started process: its Nest application, and when it serves HTTP, the server's connections. */
export interface Started {
  readonly application: INestApplicationContext;
  readonly http?: HttpConnections;
}

/** An API application once it listens on `port`, its connections followed from before it does. */
export async function listening(app: Promise<INestApplication>, port: number): Promise<Started> {
  const application = await app;
  const http = new HttpConnections(application.getHttpServer() as Server);
  await application.listen(port);
  return { application, http };
}

/**
 * On SIGTERM or SIGINT (a container stop, Ctrl-C), stops the process in order: when it serves HTTP, the server first
 * stops taking connections and answers every request in hand; only then does Nest close the consumers, queues and
 * stores (onModuleDestroy, beforeApplicationShutdown, onApplicationShutdown). The process then exits 0, or 1 when
 * closing failed. Nest's own shutdown hooks close the stores while the server still listens, so a request in hand
 * read from a closed database, and they end the process by the signal rather than with an exit code. Given the
 * application while it is still starting, the signals are heard from the first moment of start-up: a stop then waits
 * for the start to finish (for an API, to listen) and closes what it opened.
 */
export function stopOnSignals(starting: Started | Promise<Started>): void {
  const logger = new Logger('Shutdown');
  let inStartUp = true;
  // a start that fails is the caller's to report
  const started = Promise.resolve(starting).then((ready) => {
    inStartUp = false;
    return ready;
  });
  started.catch(() => undefined);
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: 'stop requested', signal, starting: inStartUp });
    try {
      const { application, http } = await started;
      if (http !== undefined) {
        logger.log({ msg: 'stopping: refusing new connections, answering the requests in hand', signal, requests: http.requestsInHand });
        const cut = await http.drain();
        if (cut > 0) logger.warn({ msg: 'connections still busy at the limit were closed', connections: cut, limitMs: REQUESTS_LIMIT_MS });
      }
      logger.log({ msg: 'stopping: closing consumers, queues and stores', signal });
      await application.close();
      logger.log({ msg: 'stopped', signal });
      process.exit(0);
    } catch (error) {
      logger.error({ msg: 'stopping failed', signal, error: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (s: NodeJS.Signals) => void stop(s));
}
