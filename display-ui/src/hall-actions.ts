import { remember } from '../../ui-shared/office';
import { endsTheScreen, type HallAction, type HallState } from './hall-state';
import type { HallView } from './hall-view';
import { connectLive, type CallNotice } from './live';
import { voiceFor, type ScreenOptions } from './screen';
import type { setupSound } from './sound';
import { spokenCall } from './speech-text';

type Sound = ReturnType<typeof setupSound>;

/** Blinks where the call goes and, with sound, says it in the hall. */
function announceCall(call: CallNotice, view: HallView, sound: Sound | null, options: ScreenOptions, state: HallState): void {
  view.flashCall(call.counterId);
  if (sound) {
    const locale = voiceFor(options, state.board);
    sound.announcer.announce(spokenCall(call.number, call.counterName, locale, call.recall), locale, call.recall);
  }
}

/** The live connection of the hall: each message dispatched into the state, then drawn. */
export function connectHall(
  officeId: string,
  officeKey: string,
  hall: { state(): HallState; dispatch(action: HallAction): void; view: HallView; sound: Sound | null; options: ScreenOptions },
): void {
  const { view } = hall;
  connectLive(officeId, {
    onBoard(board) {
      hall.dispatch({ type: 'board', board });
      view.render(hall.state());
    },
    onCall: (call) => announceCall(call, view, hall.sound, hall.options, hall.state()),
    onConnection(online, since) {
      hall.dispatch({ type: 'connection', online, since });
      view.renderStatic(hall.state());
    },
    onSubscribeError(error) {
      if (!endsTheScreen(error.code)) return;
      remember(officeKey, null);
      hall.dispatch({ type: 'unknown-office', code: error.code });
      view.showUnknownOffice();
    },
  });
}
