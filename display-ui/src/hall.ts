import { connectHall } from './hall-actions';
import { initialHallState, reduceHall, type HallAction } from './hall-state';
import { createHallView } from './hall-view';
import { i18n, t } from './i18n';
import { localZone, onResize, type ScreenOptions } from './screen';
import { setupSound } from './sound';

/** The hall board: now serving per counter, the latest calls, waiting per service, clock, running text. */
export function startHall(root: HTMLElement, officeId: string, officeKey: string, options: ScreenOptions): void {
  let state = initialHallState;
  const dispatch = (action: HallAction) => {
    state = reduceHall(state, action);
  };
  const timeZone = () => state.board?.timezone || localZone();
  const view = createHallView(root, timeZone, () => sound?.relabel());
  const sound = options.sound ? setupSound(root, () => ({ enable: t('enableSound'), hint: t('enableSoundHint') })) : null;

  connectHall(officeId, officeKey, { state: () => state, dispatch, view, sound, options });

  i18n.onChange(() => {
    view.relabel();
    view.render(state);
  });
  view.render(state);
  window.setInterval(view.tick, 1000);
  onResize(view.refit);
}
