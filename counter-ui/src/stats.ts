import { todayIn } from './session';
import { downloadCsv, dispatch, load, setRange, type StatsRuntime } from './stats/actions';
import { initialState } from './stats/state';
import { buildStats, paintControls, paintStats, type StatsHandlers } from './stats/view';
import type { ShellContext, View } from './navigation';
import { loadInsight, paintInsight } from './stats/insight';

const LIVE_REFRESH_MS = 60_000;

/** Office statistics for a date range: KPI cards, tickets by hour, by service, by officer, by counter. */
export function startStats(main: HTMLElement, ctx: ShellContext & { officeId: string }): View {
  const timezone = 'Asia/Jakarta';
  const handlers: StatsHandlers = {
    setRange: (from, to) => {
      setRange(rt, from, to);
      void insight();
    },
    download: () => void downloadCsv(rt),
    retry: () => void load(rt),
  };
  const rt: StatsRuntime = {
    ctx,
    els: buildStats(main, handlers),
    state: initialState(timezone, todayIn(timezone)),
    disposed: false,
    paint: {
      controls: () => paintControls(rt.els, rt.state, ctx.officeId, handlers),
      stats: () => paintStats(rt.els.body, rt.state, handlers.retry),
    },
  };

  let live: number | undefined;
  void (async () => {
    try {
      const office = await ctx.office();
      dispatch(rt, { type: 'office-zone', timezone: office.timezone, today: todayIn(office.timezone) });
    } catch {
      // The browser's date is a fair guess; the server answers for the office anyway.
    }
    if (rt.disposed) return;
    rt.paint.controls();
    void load(rt);
    void insight();
    // While the range includes today, the figures keep moving: follow them quietly.
    live = window.setInterval(() => {
      if (!rt.disposed && rt.state.to >= todayIn(rt.state.timezone) && !document.hidden) void load(rt, true);
    }, LIVE_REFRESH_MS);
  })();
  rt.paint.controls();
  rt.paint.stats();

  /** The patterns of the range and today's counter plan; a failure leaves them out, the figures stay. */
  async function insight(): Promise<void> {
    const { from, to, today, timezone } = rt.state;
    try {
      const data = await loadInsight(ctx, from, to, today, timezone);
      if (!rt.disposed && rt.state.from === from && rt.state.to === to) paintInsight(rt.els.insight, data);
    } catch {
      if (!rt.disposed) paintInsight(rt.els.insight, null);
    }
  }

  return {
    rerender() {
      rt.paint.controls();
      rt.paint.stats();
    },
    dispose() {
      rt.disposed = true;
      window.clearInterval(live);
    },
  };
}
