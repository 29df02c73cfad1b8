import '../../ui-shared/base.css';
import './style.css';
import { byId } from '../../ui-shared/dom';
import { langToggle } from '../../ui-shared/i18n';
import { officeFromUrl, remember, renderOfficePicker } from '../../ui-shared/office';
import { startCounterMode } from './counter-mode';
import { startHall } from './hall';
import { i18n, t } from './i18n';

// /display?office=<id>               the hall board (sound on; `&sound=0` for a silent one)
// /display?counter=<counterId>       the screen above one counter (silent; `&sound=1` to announce)
// `&voice=id|en` overrides the office's voice language, `&lang=en` the screen's language.

const OFFICE_KEY = 'giliran.display.office';
const root = byId('app');
const params = new URLSearchParams(location.search);
const voiceParam = params.get('voice');
const voice = voiceParam === 'id' || voiceParam === 'en' ? voiceParam : null;
const counterId = params.get('counter');

if (counterId) {
  startCounterMode(root, counterId, { sound: params.get('sound') === '1', voice });
} else {
  const officeId = officeFromUrl(OFFICE_KEY);
  if (officeId) {
    startHall(root, officeId, OFFICE_KEY, { sound: params.get('sound') !== '0', voice });
  } else {
    const pick = () =>
      void renderOfficePicker(
        root,
        { title: t('pickOffice'), loading: t('loading'), empty: t('noOffices'), failed: t('loadFailed'), retry: t('retry') },
        (office) => {
          remember(OFFICE_KEY, office.id);
          location.search = `?office=${encodeURIComponent(office.id)}`;
        },
      );
    i18n.onChange(pick);
    // Outside #app: the picker replaces the app's content on every render.
    document.body.append(langToggle(i18n));
    pick();
  }
}
