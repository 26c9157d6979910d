import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { JourneyResponse } from './journey-response';

interface Serialised {
  readonly body: Buffer;
  readonly etag: string;
}

/**
 * The JSON of each journey answer, written once. The query handler hands back the same answer object while the
 * child's stream and `asOf` are unchanged, so a long journey read again is not serialised, encoded and hashed
 * again (for a 1,000-event child that was most of a read's work). The body is the one `res.json` would send, with
 * the weak ETag Express would compute, so conditional requests behave as before.
 */
export class JourneyJson {
  private readonly bodies = new WeakMap<JourneyResponse, Serialised>();

  send(res: Response, journey: JourneyResponse): void {
    const { body, etag } = this.serialised(journey);
    res.status(200).type('application/json').setHeader('ETag', etag);
    res.send(body);
  }

  private serialised(journey: JourneyResponse): Serialised {
    const known = this.bodies.get(journey);
    if (known !== undefined) return known;
    const body = Buffer.from(JSON.stringify(journey));
    const hash = createHash('sha1').update(body).digest('base64').slice(0, 27);
    const made = { body, etag: `W/"${body.length.toString(16)}-${hash}"` };
    this.bodies.set(journey, made);
    return made;
  }
}
