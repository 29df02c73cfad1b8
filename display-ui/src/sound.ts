import { h } from '../../ui-shared/dom';
import { Announcer, soundRemembered } from './announcer';

export interface SoundText {
  enable: string;
  hint: string;
}

/**
 * Sound for a display: the announcer plus the one-time "Aktifkan suara" overlay. Browsers keep
 * audio locked until someone clicks the page; once switched on the choice is remembered, and the
 * overlay only comes back if the browser still blocks audio after a reload.
 */
export function setupSound(root: HTMLElement, text: () => SoundText): { announcer: Announcer; relabel(): void } {
  const label = h('span', { class: 'sound-gate-label', id: 'sound-gate-label' });
  const hint = h('p', { class: 'sound-gate-hint' });
  const button = h(
    'button',
    { type: 'button', class: 'sound-gate-button', 'data-testid': 'enable-sound' },
    h('span', { class: 'sound-gate-icon', 'aria-hidden': 'true' }, speakerIcon()),
    label,
  );
  const overlay = h('div', { class: 'sound-gate', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'sound-gate-label', hidden: true }, button, hint);

  const show = () => {
    overlay.hidden = false;
  };
  const announcer = new Announcer(show);
  button.addEventListener('click', () => {
    overlay.hidden = true;
    void announcer.enable();
  });

  const relabel = () => {
    label.textContent = text().enable;
    hint.textContent = text().hint;
  };
  relabel();
  root.append(overlay);

  if (soundRemembered()) {
    void announcer.tryResume().then((running) => {
      if (!running) show();
    });
  } else {
    show();
  }
  return { announcer, relabel };
}

function speakerIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '1em');
  svg.setAttribute('height', '1em');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.47 4.47 0 0 0 2.5-4zM14 3.23v2.06a7 7 0 0 1 0 13.42v2.06A9 9 0 0 0 14 3.23z');
  svg.append(path);
  return svg;
}
