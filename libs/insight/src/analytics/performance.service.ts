import type { PerformanceView } from '@giliran/contracts';
import { DomainError, businessDateOf, dayFigures, percentile } from '@giliran/core';
import { OfficeRepository } from '@giliran/offices';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { SurveyService } from '../survey/survey.service';
import { visitsOf } from './visits';

/** Kept this long per office: a public page read by many must not read the tickets for each. */
const KEEP_MS = 30_000;
const minutes = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 6) / 10);

/** How an office does, for everyone (API.md v1.1 "public performance"): counts and waits, no person in it. */
@Injectable()
export class PerformanceService {
  private readonly kept = new Map<string, { at: number; view: Promise<PerformanceView> }>();

  constructor(
    private readonly ds: DataSource,
    private readonly offices: OfficeRepository,
    private readonly survey: SurveyService,
  ) {}

  performance(officeId: string, now = new Date()): Promise<PerformanceView> {
    const hit = this.kept.get(officeId);
    if (hit && now.getTime() - hit.at < KEEP_MS) return hit.view;
    const view = this.read(officeId, now);
    if (this.kept.size > 1000) this.kept.clear();
    this.kept.set(officeId, { at: now.getTime(), view });
    view.catch(() => this.kept.delete(officeId));
    return view;
  }

  private async read(officeId: string, now: Date): Promise<PerformanceView> {
    const office = await this.offices.findOffice(officeId);
    if (!office) throw new DomainError('NOT_FOUND', 404, 'office not found');
    const today = businessDateOf(now, office.timezone);
    const from = DateTime.fromISO(today, { zone: 'UTC' }).minus({ days: 29 }).toISODate()!;
    const [visits, ikm] = await Promise.all([visitsOf(this.ds, office, from, today), this.survey.summary(office.id, from, today)]);
    const todays = visits.filter((v) => v.date === today);
    const t = dayFigures(today, todays);
    const waits = visits.filter((v) => v.waitSeconds !== null).map((v) => v.waitSeconds!);
    const served = visits.filter((v) => v.status === 'done').length;
    const noShow = visits.filter((v) => v.status === 'no_show').length;
    const within = waits.filter((w) => w <= office.targetWaitMinutes * 60).length;
    return {
      officeId,
      officeName: office.name,
      today: { served: t.served, waiting: todays.filter((v) => v.status === 'waiting').length, avgWaitMinutes: minutes(t.avgWaitSeconds) },
      last30Days: {
        from,
        to: today,
        served,
        avgWaitMinutes: minutes(waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : null),
        p90WaitMinutes: minutes(percentile(waits, 90)),
        noShowRate: served + noShow ? Math.round((noShow / (served + noShow)) * 1000) / 1000 : null,
        withinTarget: waits.length ? Math.round((within / waits.length) * 1000) / 1000 : null,
        targetWaitMinutes: office.targetWaitMinutes,
        ikm: ikm.ikm,
        grade: ikm.grade,
        responses: ikm.responses,
      },
    };
  }
}
