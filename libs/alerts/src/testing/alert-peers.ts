import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from '../delivery/webhook.channel';

/** Test support: real peers on loopback that alerts are delivered to. */
export interface WebhookReceiver {
  readonly url: string;
  /** Every POST that arrived, with whether its signature checked out. */
  readonly received: { body: Record<string, unknown>; signatureValid: boolean; status: number }[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A webhook receiver that verifies the HMAC; it answers `failFirst` requests with 503 before it accepts. */
export async function startWebhookReceiver(secret: string, options: { failFirst?: number; status?: number } = {}): Promise<WebhookReceiver> {
  const received: WebhookReceiver['received'] = [];
  let failuresLeft = options.failFirst ?? 0;
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const timestamp = String(req.headers[TIMESTAMP_HEADER.toLowerCase()] ?? '');
      const signature = String(req.headers[SIGNATURE_HEADER.toLowerCase()] ?? '');
      const signatureValid = signature === webhookSignature(secret, timestamp, raw);
      const status = failuresLeft > 0 ? 503 : (options.status ?? (signatureValid ? 204 : 401));
      if (failuresLeft > 0) failuresLeft -= 1;
      received.push({ body: JSON.parse(raw) as Record<string, unknown>, signatureValid, status });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/alerts`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SmtpSink {
  readonly url: string;
  readonly messages: { to: string[]; raw: string }[];
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) on loopback that keeps every message it is given. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SmtpSink['messages'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Polls until `check` holds, or fails with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
