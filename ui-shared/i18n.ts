export type Lang = 'id' | 'en';

const STORAGE_KEY = 'giliran.lang';

export type Dictionary<K extends string> = { id: Record<K, string>; en: Record<K, string> };

export interface I18n<K extends string> {
  readonly lang: Lang;
  /** `{name}` placeholders are replaced from `vars`. */
  t(key: K, vars?: Record<string, string | number>): string;
  setLang(lang: Lang): void;
  toggle(): void;
  /** BCP 47 tag for Intl formatting. */
  locale(): string;
  onChange(listener: () => void): void;
}

function readStoredLang(): Lang {
  // `?lang=en` lets a wall display be configured by its URL alone.
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'id' || fromUrl === 'en') return fromUrl;
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'id' || stored === 'en') return stored;
  } catch {
    // Private mode or storage disabled: Indonesian is the default anyway.
  }
  return 'id';
}

export function createI18n<K extends string>(dict: Dictionary<K>): I18n<K> {
  let lang: Lang = readStoredLang();
  const listeners: (() => void)[] = [];
  document.documentElement.lang = lang;

  const i18n: I18n<K> = {
    get lang() {
      return lang;
    },
    t(key, vars) {
      const template = dict[lang][key] ?? dict.id[key] ?? key;
      if (!vars) return template;
      return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
    },
    setLang(next) {
      lang = next;
      document.documentElement.lang = next;
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Not remembered, still switched for this page.
      }
      listeners.forEach((l) => l());
    },
    toggle() {
      i18n.setLang(lang === 'id' ? 'en' : 'id');
    },
    locale() {
      return lang === 'id' ? 'id-ID' : 'en-GB';
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
  return i18n;
}

/** A button that shows the language one can switch *to*. */
export function langToggle(i18n: I18n<string>): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'lang-toggle';
  const paint = () => {
    button.textContent = i18n.lang === 'id' ? 'EN' : 'ID';
    // The name begins with the visible text (WCAG 2.5.3, label in name): a voice user says "EN".
    button.setAttribute('aria-label', i18n.lang === 'id' ? 'EN, switch to English' : 'ID, ganti ke Bahasa Indonesia');
    button.lang = i18n.lang === 'id' ? 'en' : 'id';
  };
  paint();
  button.addEventListener('click', () => i18n.toggle());
  i18n.onChange(paint);
  return button;
}
