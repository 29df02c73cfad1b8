// The office's long-wait alert above the console (issue #17 "Alerts"): asked of the server every
// 30 s. It says since when, not a count of minutes that would be stale between two asks.
import type { OfficeAlert } from '@giliran/contracts';
import { formatTime, h, zoneLabel } from '../../../ui-shared/dom';
import { i18n, t } from '../i18n';
import type { ShellContext } from '../navigation';
import { enc } from '../session';

const EVERY_MS = 30_000;

export interface LongWaitBanner {
  repaint(): void;
  stop(): void;
}

/** Shows the alert in an element put right after `anchor`, while the office has one. */
export function watchLongWait(anchor: HTMLElement, ctx: ShellContext & { officeId: string }): LongWaitBanner {
  const el = h('div', { class: 'alert-banner', role: 'status', 'data-testid': 'long-wait', hidden: true });
  anchor.after(el);
  let alert: OfficeAlert | null = null;
  let zone = 'Asia/Jakarta';
  let stopped = false;
  const paint = () => {
    el.hidden = !alert;
    if (alert)
      el.textContent = t('longWait', {
        number: alert.number,
        target: alert.targetWaitMinutes,
        since: `${formatTime(alert.since, zone, i18n.locale())} ${zoneLabel(zone)}`,
      });
  };
  const check = async () => {
    try {
      zone = (await ctx.office()).timezone;
      const list = await ctx.staff.api<OfficeAlert[]>(`/offices/${enc(ctx.officeId)}/alerts`);
      alert = list?.find((a) => a.type === 'long_wait') ?? null;
    } catch {
      // Kept as it was: the console's connection line says when the server cannot be reached.
    }
    if (!stopped) paint();
  };
  void check();
  const timer = window.setInterval(() => void check(), EVERY_MS);
  return {
    repaint: paint,
    stop: () => {
      stopped = true;
      window.clearInterval(timer);
    },
  };
}
