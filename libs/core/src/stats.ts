import type { StatsSummary } from '@giliran/contracts';
import { DateTime } from 'luxon';

/** One audit row, as the statistics need it. */
export interface AuditRow {
  ticketId: string;
  serviceId: string | null;
  type: string;
  at: Date;
  actor: string;
  counterId: string | null;
  toStatus: string | null;
}

export interface CounterSessionRow {
  counterId: string;
  type: 'opened' | 'paused' | 'resumed' | 'closed';
  at: Date;
}

/** The figures of a group of tickets (the same shape the API answers). */
export type Summary = StatsSummary;

export interface ComputedStats extends Summary {
  byService: Map<string, Summary>;
  byHour: Map<number, Summary>;
  byOfficer: Map<string, { called: number; served: number; noShow: number; avgServiceSeconds: number | null }>;
  byCounter: Map<string, { openSeconds: number; busySeconds: number; idleSeconds: number; served: number }>;
}

/** Nearest-rank percentile; null for no data. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const mean = (values: readonly number[]): number | null => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);
const round = (v: number | null) => (v == null ? null : Math.round(v * 10) / 10);

interface TicketFacts {
  serviceId: string;
  hour: number;
  waitSeconds: number | null;
  serviceSeconds: number | null;
  outcome: 'served' | 'no_show' | 'cancelled' | null;
  transferred: boolean;
}

const FINISHING = new Set(['completed', 'no_show', 'cancelled', 'transferred', 'closed_by_day_end']);

function summarise(facts: readonly TicketFacts[]): Summary {
  const waits = facts.flatMap((f) => (f.waitSeconds == null ? [] : [f.waitSeconds]));
  const services = facts.flatMap((f) => (f.serviceSeconds == null ? [] : [f.serviceSeconds]));
  return {
    issued: facts.length,
    served: facts.filter((f) => f.outcome === 'served').length,
    noShow: facts.filter((f) => f.outcome === 'no_show').length,
    cancelled: facts.filter((f) => f.outcome === 'cancelled').length,
    transferred: facts.filter((f) => f.transferred).length,
    avgWaitSeconds: round(mean(waits)),
    p90WaitSeconds: round(percentile(waits, 90)),
    avgServiceSeconds: round(mean(services)),
  };
}

/**
 * Statistics of the tickets issued in a period, computed from their audit trail alone.
 * Wait: issue → first call. Service: last start → completion. Everything counts for the service
 * the ticket was issued for, and for the office's local hour of issue. Counter open time runs
 * from opened/resumed to paused/closed (or the end of the period); busy time from each call at the
 * counter to the event that finished the ticket there; idle is open minus busy.
 */
export function computeStats(
  rows: readonly AuditRow[],
  sessions: readonly CounterSessionRow[],
  period: { from: Date; to: Date; timeZone: string },
): ComputedStats {
  const byTicket = new Map<string, AuditRow[]>();
  for (const r of rows) (byTicket.get(r.ticketId) ?? byTicket.set(r.ticketId, []).get(r.ticketId)!).push(r);

  const facts: TicketFacts[] = [];
  const officers = new Map<string, { called: number; served: number; noShow: number; durations: number[] }>();
  const officer = (actor: string) => officers.get(actor) ?? officers.set(actor, { called: 0, served: 0, noShow: 0, durations: [] }).get(actor)!;
  const busy = new Map<string, number>();
  const servedAt = new Map<string, number>();

  for (const events of byTicket.values()) {
    events.sort((a, b) => a.at.getTime() - b.at.getTime());
    const issued = events.find((e) => e.type === 'issued');
    if (!issued || issued.at < period.from || issued.at >= period.to) continue;
    const firstCall = events.find((e) => e.type === 'called');
    let started: Date | null = null;
    let serviceSeconds: number | null = null;
    let outcome: TicketFacts['outcome'] = null;
    let calledAt: { at: Date; counterId: string } | null = null;
    for (const e of events) {
      if (e.type === 'called' && e.counterId) {
        calledAt = { at: e.at, counterId: e.counterId };
        if (e.actor.startsWith('staff:')) officer(e.actor).called++;
      }
      if (e.type === 'started') started = e.at;
      if (e.type === 'transferred') started = null;
      if (e.type === 'completed') {
        outcome = 'served';
        // Completed without a start (API.md v1.1): the service counts from the call.
        const from = started ?? calledAt?.at ?? null;
        if (from) serviceSeconds = (e.at.getTime() - from.getTime()) / 1000;
        if (e.actor.startsWith('staff:')) {
          officer(e.actor).served++;
          if (serviceSeconds != null) officer(e.actor).durations.push(serviceSeconds);
        }
        if (e.counterId) servedAt.set(e.counterId, (servedAt.get(e.counterId) ?? 0) + 1);
      }
      if (e.toStatus === 'no_show') {
        outcome = 'no_show';
        if (e.type === 'no_show' && e.actor.startsWith('staff:')) officer(e.actor).noShow++;
      }
      if (e.toStatus === 'cancelled') outcome = 'cancelled';
      if (FINISHING.has(e.type) && calledAt) {
        busy.set(calledAt.counterId, (busy.get(calledAt.counterId) ?? 0) + (e.at.getTime() - calledAt.at.getTime()) / 1000);
        calledAt = null;
      }
    }
    facts.push({
      serviceId: issued.serviceId ?? '',
      hour: DateTime.fromJSDate(issued.at, { zone: period.timeZone }).hour,
      waitSeconds: firstCall ? (firstCall.at.getTime() - issued.at.getTime()) / 1000 : null,
      serviceSeconds,
      outcome,
      transferred: events.some((e) => e.type === 'transferred'),
    });
  }

  const group = <K>(key: (f: TicketFacts) => K) => {
    const m = new Map<K, TicketFacts[]>();
    for (const f of facts) (m.get(key(f)) ?? m.set(key(f), []).get(key(f))!).push(f);
    return new Map([...m].map(([k, v]) => [k, summarise(v)]));
  };

  const open = new Map<string, number>();
  const since = new Map<string, Date>();
  const sortedSessions = [...sessions].sort((a, b) => a.at.getTime() - b.at.getTime());
  const clip = (d: Date) => new Date(Math.min(Math.max(d.getTime(), period.from.getTime()), period.to.getTime()));
  for (const s of sortedSessions) {
    if (s.type === 'opened' || s.type === 'resumed') {
      if (!since.has(s.counterId)) since.set(s.counterId, s.at);
    } else {
      const start = since.get(s.counterId);
      if (start) open.set(s.counterId, (open.get(s.counterId) ?? 0) + (clip(s.at).getTime() - clip(start).getTime()) / 1000);
      since.delete(s.counterId);
    }
  }
  for (const [counterId, start] of since) open.set(counterId, (open.get(counterId) ?? 0) + (clip(period.to).getTime() - clip(start).getTime()) / 1000);
  const counterIds = new Set([...open.keys(), ...busy.keys(), ...servedAt.keys()]);

  return {
    ...summarise(facts),
    byService: group((f) => f.serviceId),
    byHour: group((f) => f.hour),
    byOfficer: new Map(
      [...officers].map(([actor, o]) => [
        actor.slice('staff:'.length),
        { called: o.called, served: o.served, noShow: o.noShow, avgServiceSeconds: round(mean(o.durations)) },
      ]),
    ),
    byCounter: new Map(
      [...counterIds].map((id) => {
        const openSeconds = Math.round(open.get(id) ?? 0);
        const busySeconds = Math.round(busy.get(id) ?? 0);
        return [id, { openSeconds, busySeconds, idleSeconds: Math.max(0, openSeconds - busySeconds), served: servedAt.get(id) ?? 0 }];
      }),
    ),
  };
}
