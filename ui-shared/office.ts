import type { OfficeSummary } from '@giliran/contracts';
import { apiJson } from './api';
import { h, mount } from './dom';

export interface PickerText {
  title: string;
  loading: string;
  empty: string;
  failed: string;
  retry: string;
}

/**
 * The office this screen serves: `?office=<id>` wins (and is remembered), then the
 * remembered choice, else `null` and the caller shows {@link renderOfficePicker}.
 */
export function officeFromUrl(storageKey: string): string | null {
  const fromUrl = new URLSearchParams(location.search).get('office');
  if (fromUrl) {
    remember(storageKey, fromUrl);
    return fromUrl;
  }
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export function remember(storageKey: string, officeId: string | null): void {
  try {
    if (officeId) localStorage.setItem(storageKey, officeId);
    else localStorage.removeItem(storageKey);
  } catch {
    // Storage unavailable: the choice lasts for this page only.
  }
}

/** Lists `GET /offices` as big buttons; `onPick` gets the chosen office. */
export async function renderOfficePicker(root: HTMLElement, text: PickerText, onPick: (office: OfficeSummary) => void): Promise<void> {
  mount(root, h('section', { class: 'picker' }, h('h1', {}, text.title), h('p', { class: 'muted' }, text.loading)));
  let offices: OfficeSummary[];
  try {
    offices = await apiJson<OfficeSummary[]>('/offices');
  } catch {
    mount(
      root,
      h(
        'section',
        { class: 'picker' },
        h('h1', {}, text.title),
        h('p', { class: 'error', role: 'alert' }, text.failed),
        h('button', { type: 'button', class: 'btn', onclick: () => void renderOfficePicker(root, text, onPick) }, text.retry),
      ),
    );
    return;
  }
  mount(
    root,
    h(
      'section',
      { class: 'picker' },
      h('h1', {}, text.title),
      offices.length === 0
        ? h('p', { class: 'muted' }, text.empty)
        : h(
            'ul',
            { class: 'picker-list' },
            ...offices.map((office) =>
              h(
                'li',
                {},
                h(
                  'button',
                  { type: 'button', class: 'btn btn-block', 'data-testid': `office-${office.id}`, onclick: () => onPick(office) },
                  h('span', { class: 'picker-name' }, office.name),
                  h('span', { class: 'picker-code' }, office.code),
                ),
              ),
            ),
          ),
    ),
  );
}
