import type { PerformanceView } from '@giliran/contracts';
import { DomainError, businessDateOf, dayFigures, waitPercentile, waitedAtMost } from '@giliran/core';
import { OfficeRepository } from '@giliran/offices';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { SurveyService } from '../survey/survey.service';
import { DayRollups } from './day-rollups';

/** Kept this long per office: a public page read by many must not read the tickets for each. */
const KEEP_MS = 30_000;
const minutes = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 6) / 10);

/** How an office does, for everyone (API.md v1.1 "public performance"): counts and waits, no person in it. */
@Injectable()
export class PerformanceService {
  private readonly kept = new Map<string, { at: number; view: Promise<PerformanceView> }>();

  constructor(
    private readonly rollups: DayRollups,
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
    const [days, ikm] = await Promise.all([this.rollups.read(office, from, today, today), this.survey.summary(office.id, from, today)]);
    const todays = days.find((d) => d.date === today);
    const t = dayFigures(today, todays);
    const sum = (pick: (d: (typeof days)[number]) => number) => days.reduce((n, d) => n + pick(d), 0);
    const [served, noShow, called, waited] = [sum((d) => d.served), sum((d) => d.noShow), sum((d) => d.waitCount), sum((d) => d.waitSum)];
    const within = waitedAtMost(days, office.targetWaitMinutes * 60);
    return {
      officeId,
      officeName: office.name,
      today: { served: t.served, waiting: todays?.waiting ?? 0, avgWaitMinutes: minutes(t.avgWaitSeconds) },
      last30Days: {
        from,
        to: today,
        served,
        avgWaitMinutes: minutes(called ? waited / called : null),
        p90WaitMinutes: minutes(waitPercentile(days, 90)),
        noShowRate: served + noShow ? Math.round((noShow / (served + noShow)) * 1000) / 1000 : null,
        withinTarget: called ? Math.round((within / called) * 1000) / 1000 : null,
        targetWaitMinutes: office.targetWaitMinutes,
        ikm: ikm.ikm,
        grade: ikm.grade,
        responses: ikm.responses,
      },
    };
  }
}
