import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpConnections } from './graceful-shutdown';

/** A plain HTTP server whose answers wait until the test lets them go. */
async function serverHoldingAnswers(): Promise<{
  server: Server;
  port: number;
  connections: HttpConnections;
  release: () => void;
  arrived: Promise<void>;
}> {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let arrivedNow = (): void => undefined;
  const arrived = new Promise<void>((resolve) => (arrivedNow = resolve));
  const server = createServer((_req, res) => {
    arrivedNow();
    void held.then(() => res.end('answered'));
  });
  const connections = new HttpConnections(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, connections, release, arrived };
}

function get(port: number, agent?: Agent): Promise<{ status: number; body: string; connection: string | undefined } | { error: string }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', ...(agent ? { agent } : { agent: false }) }, (res: IncomingMessage) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end();
  });
}

describe('stopping the HTTP server in order', () => {
  it('answers the request in hand (saying the connection closes), refuses new connections meanwhile, and resolves once it is out', async () => {
    const { server, port, connections, release, arrived } = await serverHoldingAnswers();
    const inHand = get(port);
    await arrived;

    const drained = connections.drain();
    while (server.listening) await new Promise((resolve) => setImmediate(resolve));
    const refused = await get(port);
    release();

    expect(await inHand).toEqual({ status: 200, body: 'answered', connection: 'close' });
    expect(await drained).toBe(0);
    expect(refused).toEqual({ error: 'ECONNREFUSED' });
  });

  it('closes an idle kept-alive connection at once rather than waiting on it', async () => {
    const { port, connections, release } = await serverHoldingAnswers();
    release();
    const agent = new Agent({ keepAlive: true });
    try {
      expect(await get(port, agent)).toMatchObject({ status: 200, connection: 'keep-alive' });
      expect(await connections.drain(60_000)).toBe(0);
    } finally {
      agent.destroy();
    }
  });

  it('cuts the connections of requests still running at the limit, and says how many', async () => {
    const { port, connections, release, arrived } = await serverHoldingAnswers();
    const stuck = get(port);
    await arrived;

    expect(await connections.drain(100)).toBe(1);
    expect(await stuck).toEqual({ error: 'ECONNRESET' });
    release();
  });
});
