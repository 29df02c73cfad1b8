// The statistics page's requests: the figures for the range, and the same as a CSV file.
import type { OfficeStats } from '@giliran/contracts';
import { errorCode, saveBlob } from '../../../ui-shared/api';
import { t } from '../admin-i18n';
import { errorMessage } from '../i18n';
import type { ShellContext } from '../navigation';
import { reduce, rangeProblem, statsPath, type StatsAction, type StatsState } from './state';
import type { StatsElements } from './view';

/** One statistics page on screen. */
export interface StatsRuntime {
  readonly ctx: ShellContext & { officeId: string };
  readonly els: StatsElements;
  state: StatsState;
  disposed: boolean;
  /** Paints the controls or the figures again from `state`. */
  readonly paint: { controls(): void; stats(): void };
}

export function dispatch(rt: StatsRuntime, action: StatsAction): void {
  rt.state = reduce(rt.state, action);
}

/** A range from the date fields or a quick chip: checked, then shown. */
export function setRange(rt: StatsRuntime, from: string, to: string): void {
  rt.els.rangeError.textContent = '';
  const problem = rangeProblem(from, to);
  if (problem) {
    rt.els.rangeError.textContent = t(problem);
    return;
  }
  dispatch(rt, { type: 'range', from, to });
  rt.paint.controls();
  void load(rt);
}

/** `quiet`: a refresh in the background, with no loading state shown. */
export async function load(rt: StatsRuntime, quiet = false): Promise<void> {
  dispatch(rt, { type: 'loading', quiet });
  const mine = rt.state.request;
  if (!quiet) rt.paint.stats();
  try {
    const res = await rt.ctx.staff.json<OfficeStats>(statsPath(rt.ctx.officeId, rt.state));
    if (rt.disposed || mine !== rt.state.request) return;
    dispatch(rt, { type: 'loaded', stats: res });
  } catch (err) {
    if (rt.disposed || mine !== rt.state.request) return;
    dispatch(rt, { type: 'load-failed', error: errorMessage(errorCode(err)) });
  }
  rt.paint.stats();
}

export async function downloadCsv(rt: StatsRuntime): Promise<void> {
  const { download, rangeError } = rt.els;
  download.setAttribute('aria-busy', 'true');
  try {
    const blob = await rt.ctx.staff.blob(`${statsPath(rt.ctx.officeId, rt.state)}&format=csv`, 'text/csv');
    saveBlob(blob, `giliran-statistik-${rt.state.from}_${rt.state.to}.csv`);
  } catch (err) {
    rangeError.textContent = errorMessage(errorCode(err));
  } finally {
    download.removeAttribute('aria-busy');
  }
}
