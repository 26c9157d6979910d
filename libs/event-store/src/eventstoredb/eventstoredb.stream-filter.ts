/**
 * Which streams of `$all` the port's readers see, as a filter the server applies. A server's `$all` also holds its
 * own `$`-streams (`$stats-…` every few seconds, `$$…` metadata, projections' output) and this adapter's event-id
 * claims; filtering them out on the server keeps a catch-up, a `/health` probe or a head lookup from paging through
 * them.
 */
import { EVENT_ID_CLAIM_STREAM_PREFIX } from './event-id-claim';

/** A stream-name filter: streams starting with one of the prefixes, or streams whose name matches the regex. */
export type StreamSelection = { readonly prefixes: readonly string[] } | { readonly regex: string };

/**
 * With a prefix (the journey streams), only streams starting with it: no `$`-stream or claim starts with `journey-`.
 * Without one, every stream except system streams and claims; the regex is read by .NET on the server and uses
 * only syntax .NET and JavaScript read alike.
 */
export function streamSelection(streamPrefix: string | undefined): StreamSelection {
  if (streamPrefix !== undefined) return { prefixes: [streamPrefix] };
  return { regex: `^(?!\\$|${escapeRegex(EVENT_ID_CLAIM_STREAM_PREFIX)})` };
}

/**
 * The same rule applied to an event the server sent, plus what a stream-name filter cannot see: a `$`-typed event
 * inside a user stream (the `$streamDeleted` marker a hard delete leaves). Under a caller's prefix that happens to
 * cover the claim streams, the claims still stay out.
 */
export function isVisibleEvent(event: { readonly streamId: string; readonly type: string }, streamPrefix: string | undefined): boolean {
  if (event.type.startsWith('$') || event.streamId.startsWith('$')) return false;
  if (event.streamId.startsWith(EVENT_ID_CLAIM_STREAM_PREFIX)) return false;
  return streamPrefix === undefined || event.streamId.startsWith(streamPrefix);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
