import type { Redis } from 'ioredis';
import { randomInt } from 'node:crypto';

const newEpoch = () => randomInt(1, 2 ** 31 - 1);

/**
 * Advances a line to `now`: passes are admitted in the order they joined, one every `interval`
 * ms from the release on, never ahead of the joined. While nobody waits the pace does not build
 * up: the next one to join is admitted at once, the ones after it at the pace again.
 * Fields: joined, admitted, next (when the next admission is due), epoch.
 */
const ADVANCE = `
local function advance(key, now, opens, interval, fresh)
  local s = redis.call('HMGET', key, 'joined', 'admitted', 'next', 'epoch')
  local joined = tonumber(s[1]) or 0
  local admitted = tonumber(s[2]) or 0
  local nxt = tonumber(s[3]) or opens
  local epoch = tonumber(s[4])
  if not epoch then
    epoch = fresh
  end
  if admitted < joined and now >= nxt then
    local k = math.min(joined - admitted, 1 + math.floor((now - nxt) / interval))
    admitted = admitted + k
    nxt = nxt + k * interval
  end
  if admitted == joined and nxt < now then
    nxt = now
  end
  return joined, admitted, nxt, epoch
end
local function save(key, joined, admitted, nxt, epoch, ttl)
  redis.call('HSET', key, 'joined', joined, 'admitted', admitted, 'next', string.format('%.3f', nxt), 'epoch', epoch)
  redis.call('PEXPIRE', key, ttl)
end
`;

/** KEYS: line. ARGV: now, opensAt, interval, ttl, epoch of a new line. → {number, position, admitted, next, epoch} */
const JOIN = `${ADVANCE}
local now, opens, interval, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local joined, admitted, nxt, epoch = advance(KEYS[1], now, opens, interval, tonumber(ARGV[5]))
save(KEYS[1], joined + 1, admitted, nxt, epoch, ttl)
local position = joined + 1 - admitted
joined, admitted, nxt, epoch = advance(KEYS[1], now, opens, interval, epoch)
save(KEYS[1], joined, admitted, nxt, epoch, ttl)
return {joined, position, admitted, string.format('%.3f', nxt), epoch}
`;

/**
 * KEYS: line, admitted-at. ARGV: now, opensAt, interval, ttl, number (0: none), the pass's epoch, epoch of a new line.
 * → {joined, admitted, next, epoch, admittedAt or -1}
 */
const STATUS = `${ADVANCE}
local now, opens, interval, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local number, passEpoch = tonumber(ARGV[5]), tonumber(ARGV[6])
local joined, admitted, nxt, epoch = advance(KEYS[1], now, opens, interval, tonumber(ARGV[7]))
save(KEYS[1], joined, admitted, nxt, epoch, ttl)
local at = -1
if number > 0 and passEpoch == epoch and number <= admitted then
  at = redis.call('HGET', KEYS[2], number)
  if not at then
    at = ARGV[1]
    redis.call('HSET', KEYS[2], number, at)
    redis.call('PEXPIRE', KEYS[2], ttl)
  end
end
return {joined, admitted, string.format('%.3f', nxt), epoch, at}
`;

export interface LineState {
  joined: number;
  admitted: number;
  /** When the next admission is due (ms). */
  next: number;
  epoch: number;
}

type LineCommands = {
  waitingRoomJoin(key: string, ...args: (string | number)[]): Promise<unknown>;
  waitingRoomStatus(line: string, at: string, ...args: (string | number)[]): Promise<unknown>;
};

/** Loads the two scripts once per connection: later calls send their SHA (EVALSHA), not their text. */
export function defineLineCommands(redis: Redis): void {
  if ('waitingRoomJoin' in redis) return;
  redis.defineCommand('waitingRoomJoin', { numberOfKeys: 1, lua: JOIN });
  redis.defineCommand('waitingRoomStatus', { numberOfKeys: 2, lua: STATUS });
}

/** The line of one release, kept in Redis so that every replica admits from the same order. */
export class AdmissionLine {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly opensAt: number,
    private readonly intervalMs: number,
    private readonly ttlMs: number,
  ) {}

  /** Joins the line: the pass's number, and its place counting those not yet admitted. */
  async join(now: number): Promise<LineState & { number: number; position: number }> {
    const [number, position, admitted, next, epoch] = (await (this.redis as unknown as LineCommands).waitingRoomJoin(
      this.key,
      now,
      this.opensAt,
      this.intervalMs,
      this.ttlMs,
      newEpoch(),
    )) as [number, number, number, string, number];
    return { number, position, joined: number, admitted, next: Number(next), epoch };
  }

  /** The line now; for a pass of it, when it was first seen admitted (null: not yet, or a pass of a lost line). */
  async status(now: number, pass?: { number: number; epoch: number }): Promise<LineState & { admittedAt: number | null }> {
    const [joined, admitted, next, epoch, at] = (await (this.redis as unknown as LineCommands).waitingRoomStatus(
      this.key,
      `${this.key}:at`,
      now,
      this.opensAt,
      this.intervalMs,
      this.ttlMs,
      pass?.number ?? 0,
      pass?.epoch ?? 0,
      newEpoch(),
    )) as [number, number, string, number, string | number];
    return { joined, admitted, next: Number(next), epoch, admittedAt: Number(at) >= 0 ? Number(at) : null };
  }
}
