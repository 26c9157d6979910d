/**
 * EventStoreDB's global positions, `{ commit, prepare }` pairs of 64-bit log offsets, written losslessly as the
 * decimal string `commit:prepare` that the port hands out and callers store as checkpoints.
 */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export function formatPosition(position: LogPosition): string {
  return `${position.commit}:${position.prepare}`;
}

export function parsePosition(position: string): LogPosition {
  const match = /^(\d+):(\d+)$/.exec(position);
  if (!match) throw new RangeError(`not an EventStoreDB position: ${position}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

/** The log's order: by commit position, then by prepare position within one commit. */
export function comparePosition(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
