import fc from 'fast-check';
import { type Socket, io } from 'socket.io-client';
import { hostileNode, longString } from './hostile';
import { type JsonNode, fromValue, hasRaw, lit, obj, raw, render, summarize, toValue } from './json';
import { type Problem, UPPER_SNAKE, leaks } from './oracle';
import type { World } from './world';

/** Event names socket.io itself reserves: a client sending one is a protocol error, and the server may close the connection. */
export const RESERVED_EVENTS = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];

/** One thing sent on /queue: a subscribe (through the client's API or as a raw frame), an unknown event, or a garbage frame. */
export class SocketCase {
  constructor(
    readonly kind: 'subscribe' | 'unknown-event' | 'garbage-frame',
    readonly label: string,
    /** The subscribe payload(s) or the unknown event's payload. */
    readonly args: JsonNode[],
    readonly event = 'subscribe',
    /** For garbage frames: the socket.io packet text as written to the engine. */
    readonly frame = '',
    /** Send through engine.write as text instead of socket.emit (deep or odd JSON the client cannot build). */
    readonly rawFrame = false,
  ) {}

  describe(): string {
    if (this.kind === 'garbage-frame')
      return `garbage frame ${JSON.stringify(this.frame.length > 200 ? `${this.frame.slice(0, 200)}…` : this.frame)} (${this.label})`;
    return `emit ${JSON.stringify(this.event.slice(0, 60))}${this.rawFrame ? ' (raw frame)' : ''} with ${this.args.map((a) => summarize(a, 300)).join(', ') || '(no argument)'} — ${this.label}`;
  }

  [fc.toStringMethod](): string {
    return this.describe();
  }
}

function hasDuplicateOrSpecialKeys(node: JsonNode): boolean {
  if (node.t === 'arr') return node.items.some(hasDuplicateOrSpecialKeys);
  if (node.t !== 'obj') return false;
  const keys = node.entries.map(([k]) => k);
  return new Set(keys).size !== keys.length || keys.includes('__proto__') || node.entries.some(([, v]) => hasDuplicateOrSpecialKeys(v));
}

const representable = (n: JsonNode) => !hasRaw(n) && !hasDuplicateOrSpecialKeys(n);

export function socketCaseArb(world: World): fc.Arbitrary<SocketCase> {
  const office = world.pools.officeId[0];
  const keyName = fc.constantFrom('officeId', 'counterId', 'trackingToken');
  const real = fc.oneof(
    fc.constantFrom(...world.pools.officeId).map((v) => obj([['officeId', lit(v)]])),
    fc.constantFrom(...world.pools.counterId).map((v) => obj([['counterId', lit(v)]])),
    fc.constantFrom(...world.pools.trackingToken).map((v) => obj([['trackingToken', lit(v)]])),
  );
  const payload: fc.Arbitrary<[JsonNode, string]> = fc.oneof(
    { weight: 2, arbitrary: real.map((n): [JsonNode, string] => [n, 'real id']) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          keyName,
          fc.constantFrom(
            office.toUpperCase(),
            world.pools.counterId[0].toUpperCase(),
            '00000000-0000-0000-0000-000000000000',
            'AAAAAAAAAAAAAAAAAAAAAA',
            world.pools.trackingToken[0].toUpperCase(),
            `${office}\u0000`,
            `${office} `,
          ),
        )
        .map(([k, v]): [JsonNode, string] => [obj([[k, lit(v)]]), 'odd id']),
    },
    { weight: 4, arbitrary: fc.tuple(keyName, hostileNode()).map(([k, v]): [JsonNode, string] => [obj([[k, v]]), 'wrong type']) },
    { weight: 2, arbitrary: hostileNode().map((n): [JsonNode, string] => [n, 'hostile payload']) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v): [JsonNode, string] => [fromValue(v), 'any JSON']) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom<JsonNode>(
          obj([
            ['officeId', lit(office)],
            ['counterId', lit(world.pools.counterId[0])],
          ]),
          obj([
            ['officeId', lit('x')],
            ['officeId', lit(office)],
          ]),
          obj([['__proto__', obj([['officeId', lit(office)]])]]),
          obj([['constructor', obj([['prototype', obj([['officeId', lit(office)]])]])]]),
          raw(`{${Array.from({ length: 2000 }, (_, i) => `"k${i}":${i}`).join(',')}}`, 'object of 2000 keys'),
          obj([['trackingToken', lit(longString(100_000))]]),
          obj([['officeId', lit(longString(100_000, '\ud800'))]]),
          raw('{"officeId":"\\ud800"}', 'lone surrogate escape'),
        )
        .map((n): [JsonNode, string] => [n, 'odd object']),
    },
  );
  const subscribe = fc
    .tuple(payload, fc.boolean())
    .map(([[n, label], viaClient]) => new SocketCase('subscribe', label, [n], 'subscribe', '', !(viaClient && representable(n))));
  const oddArgs = fc
    .constantFrom<JsonNode[]>([], [lit(null), lit(null)], [obj([['officeId', lit(office)]]), lit('extra')])
    .map((args) => new SocketCase('subscribe', 'argument count', args, 'subscribe', '', true));
  const unknownEvent = fc
    .tuple(
      fc.oneof(
        fc.constantFrom(
          'subscribe ',
          'Subscribe',
          'unsubscribe',
          'connect',
          'disconnect',
          'disconnecting',
          'error',
          'newListener',
          '__proto__',
          'constructor',
          'toString',
          '',
          'ticket.called',
          '\ud800',
          longString(5000, 'e'),
        ),
        fc.string({ maxLength: 20 }),
      ),
      fc.array(hostileNode(), { maxLength: 2 }),
    )
    .map(([event, args]) => new SocketCase('unknown-event', 'unknown event', args, event, '', true));
  const garbage = fc
    .constantFrom(
      '2/queue,["subscribe"',
      '2/queue,abc["subscribe",{}]',
      '2/queue,1e309["subscribe",{}]',
      '2/queue,99999999999999999999["subscribe",{}]',
      '2/queue,-1["subscribe",{}]',
      '2/queue,{"subscribe":1}',
      '2/queue,"subscribe"',
      '2/queue,[]',
      '2/queue,[1,2]',
      '2/queue,[null]',
      '2/nowhere,["subscribe",{}]',
      '5/queue,1-["subscribe",{"_placeholder":true,"num":0}]',
      '5/queue,99999-["subscribe",{"_placeholder":true,"num":7}]',
      '0/queue,{"token":"\\ud800"}',
      '3/queue,5[{}]',
      '9',
      '',
      `2/queue,["subscribe",${'['.repeat(10_000)}${']'.repeat(10_000)}]`,
    )
    .map((frame) => new SocketCase('garbage-frame', 'garbage frame', [], '', frame, true));
  return fc.oneof(
    { weight: 12, arbitrary: subscribe },
    { weight: 1, arbitrary: oddArgs },
    { weight: 2, arbitrary: unknownEvent },
    { weight: 1, arbitrary: garbage },
  );
}

interface Packet {
  type: number;
  nsp: string;
  id?: number;
  data?: unknown;
}

/** A real socket.io client on /queue that can also write raw frames and catch their acknowledgements. */
export class QueueProbe {
  private socket: Socket | undefined;
  private readonly pending = new Map<number, (args: unknown[]) => void>();
  private nextId = 1_000_000;
  private uses = 0;
  private connections = 0;

  constructor(private readonly baseUrl: string) {}

  async connected(): Promise<Socket> {
    if (this.socket?.connected && this.uses < 12) return this.socket;
    this.socket?.disconnect();
    this.uses = 0;
    // Each connection from an address of its own (the API believes X-Forwarded-For from loopback), so
    // that the per-address subscribe allowance does not turn most of the cases into RATE_LIMITED.
    const address = `10.${++this.connections % 250}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
    const socket = io(`${this.baseUrl}/queue`, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 5000,
      extraHeaders: { 'x-forwarded-for': address },
    });
    socket.io.on('packet', (p: Packet) => {
      if ((p.type === 3 || p.type === 6) && p.id !== undefined && this.pending.has(p.id)) {
        this.pending.get(p.id)?.(Array.isArray(p.data) ? p.data : [p.data]);
        this.pending.delete(p.id);
      }
    });
    await new Promise<void>((res, rej) => {
      socket.once('connect', () => res());
      socket.once('connect_error', (e) => rej(e));
    });
    this.socket = socket;
    return socket;
  }

  /** Sends the case; resolves with the acknowledgement's arguments, or undefined after the timeout. */
  async send(c: SocketCase, timeoutMs = 3000): Promise<{ ack?: unknown[]; disconnected: boolean }> {
    const socket = await this.connected();
    this.uses++;
    let disconnected = false;
    const onDisconnect = () => (disconnected = true);
    socket.once('disconnect', onDisconnect);
    try {
      return await this.sendOn(socket, c, timeoutMs, () => disconnected);
    } finally {
      socket.off('disconnect', onDisconnect);
    }
  }

  private async sendOn(socket: Socket, c: SocketCase, timeoutMs: number, wasDisconnected: () => boolean): Promise<{ ack?: unknown[]; disconnected: boolean }> {
    const engine = socket.io.engine;
    if (c.kind !== 'subscribe') {
      if (c.kind === 'garbage-frame') engine.write(c.frame);
      else if (c.rawFrame) engine.write(`2/queue,${JSON.stringify([c.event]).slice(0, -1)}${c.args.map((a) => `,${render(a)}`).join('')}]`);
      else socket.emit(c.event, ...c.args.map(toValue));
      // Long enough for the server to close the connection if it is going to.
      await new Promise((r) => setTimeout(r, 40));
      return { disconnected: wasDisconnected() || !socket.connected };
    }
    const ackPromise = new Promise<unknown[] | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      const done = (args: unknown[]) => {
        clearTimeout(timer);
        resolve(args);
      };
      if (c.rawFrame) {
        const id = this.nextId++;
        this.pending.set(id, done);
        engine.write(`2/queue,${id}["subscribe"${c.args.map((a) => `,${render(a)}`).join('')}]`);
      } else {
        socket.emit('subscribe', ...c.args.map(toValue), (...args: unknown[]) => done(args));
      }
    });
    const ack = await ackPromise;
    return { ack, disconnected: wasDisconnected() || !socket.connected };
  }

  close(): void {
    this.socket?.disconnect();
    this.socket = undefined;
  }
}

/** Every subscribe is answered: a snapshot, or `{error: {code, message}}` with a code of the contract, never INTERNAL_ERROR. */
export function judgeAck(ack: unknown[] | undefined, ownText: string): Problem[] {
  if (ack === undefined) return [{ kind: 'socket', detail: 'no acknowledgement within 3 s' }];
  const [first] = ack;
  const text = JSON.stringify(ack) ?? '';
  const problems: Problem[] = [];
  const found = leaks(text, ownText);
  if (found.length) problems.push({ kind: 'leak', detail: found.join('; ') });
  if (typeof first !== 'object' || first === null || Array.isArray(first))
    return [...problems, { kind: 'socket', detail: `acknowledged with ${text.slice(0, 200)}` }];
  const a = first as Record<string, unknown>;
  if ('error' in a) {
    const e = a.error as Record<string, unknown> | null;
    if (typeof e !== 'object' || e === null || typeof e.code !== 'string' || !UPPER_SNAKE.test(e.code) || typeof e.message !== 'string') {
      problems.push({ kind: 'socket', detail: `refusal without {code, message}: ${text.slice(0, 200)}` });
    } else if (e.code === 'INTERNAL_ERROR') {
      problems.push({ kind: '5xx', detail: `INTERNAL_ERROR: ${text.slice(0, 200)}` });
    }
  } else if (a.ok === false) {
    problems.push({ kind: 'socket', detail: `ok:false without error: ${text.slice(0, 200)}` });
  }
  return problems;
}
