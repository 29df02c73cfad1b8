import { type AuditEntry, type AuditSink } from '@giliran/core';
import { AuditEvent, Office, insertRows } from '@giliran/database';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Between, DataSource, type EntityManager, Like } from 'typeorm';

export interface AuditView {
  at: string;
  type: string;
  actor: string;
  subject: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** At most this many entries per read (the oldest first). */
export const AUDIT_PAGE = 2000;

/**
 * The office audit trail. An entry is written in the transaction of the change it records when
 * there is one (an appointment booked, moved, cancelled, checked in), so that the two commit
 * together; otherwise right after the change.
 */
@Injectable()
export class AuditTrail implements AuditSink {
  constructor(private readonly ds: DataSource) {}

  async record(entry: AuditEntry, em: EntityManager = this.ds.manager): Promise<void> {
    await this.recordAll([entry], em);
  }

  async recordAll(entries: AuditEntry[], em: EntityManager = this.ds.manager): Promise<void> {
    if (!entries.length) return;
    const now = new Date();
    await insertRows(
      em,
      AuditEvent,
      entries.map((e) => ({
        id: randomUUID(),
        officeId: e.officeId,
        at: e.at ?? now,
        type: e.type.slice(0, 40),
        actor: e.actor.slice(0, 100),
        subject: e.subject.slice(0, 120),
        before: e.before ? JSON.stringify(e.before) : null,
        after: e.after ? JSON.stringify(e.after) : null,
      })),
    );
  }

  /** The office's time zone, for reading by business dates; null for an unknown office. */
  async officeTimezone(officeId: string): Promise<string | null> {
    return (await this.ds.getRepository(Office).findOne({ where: { id: officeId }, select: { timezone: true } }))?.timezone ?? null;
  }

  /** Entries of an office between two instants; `type` is a whole type or its first part (`appointment`). */
  async list(officeId: string, from: Date, to: Date, type?: string): Promise<AuditView[]> {
    const typeFilter = type ? (type.includes('.') ? { type } : { type: Like(`${type}.%`) }) : {};
    const rows = await this.ds
      .getRepository(AuditEvent)
      .find({ where: { officeId, at: Between(from, to), ...typeFilter }, order: { at: 'ASC', id: 'ASC' }, take: AUDIT_PAGE });
    return rows.map((r) => ({
      at: r.at.toISOString(),
      type: r.type,
      actor: r.actor,
      subject: r.subject,
      before: r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null,
      after: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null,
    }));
  }
}
