import type { Dictionary, Lang } from '../../ui-shared/i18n';

/**
 * Extra strings for a lazily loaded screen that follow another i18n's language, so the
 * entry chunk does not carry every screen's text and one toggle switches them all.
 */
export function followingStrings<K extends string>(base: { readonly lang: Lang }, dict: Dictionary<K>) {
  return (key: K, vars?: Record<string, string | number>): string => {
    const template = dict[base.lang][key] ?? dict.id[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
  };
}
