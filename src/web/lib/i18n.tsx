import { DEFAULT_LOCALE, LOCALES, type Locale } from '@shared/errors';
import { ConfigProvider } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { MESSAGES, type MessageKey } from './messages';

export type { MessageKey } from './messages';

const STORAGE_KEY = 'aircare.lang';

const ANTD_LOCALES = { 'zh-CN': zhCNAntd, 'en-US': enUSAntd } as const;
const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function readStoredLanguage(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage may be unavailable (private mode); the default applies.
  }
  return DEFAULT_LOCALE;
}

/** The language of the UI right now; read by the API client for Accept-Language. */
let current: Locale = typeof window === 'undefined' ? DEFAULT_LOCALE : readStoredLanguage();

export function currentLanguage(): Locale {
  return current;
}

function applyLanguage(lang: Locale): void {
  current = lang;
  dayjs.locale(DAYJS_LOCALES[lang]);
  document.documentElement.lang = lang;
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore
  }
}

export type Vars = Record<string, string | number>;

export function translate(lang: Locale, key: MessageKey, vars?: Vars): string {
  const template = MESSAGES[lang][key] ?? MESSAGES[DEFAULT_LOCALE][key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

export type TFunction = (key: MessageKey, vars?: Vars) => string;

interface I18nValue {
  lang: Locale;
  /** Switch the UI language (and remember it in this browser). Saving it for the user is the caller's job. */
  setLang: (lang: Locale) => void;
  t: TFunction;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Locale>(() => {
    applyLanguage(current);
    return current;
  });

  const setLang = useCallback((next: Locale) => {
    applyLanguage(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18nValue>(
    () => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }),
    [lang, setLang],
  );

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={ANTD_LOCALES[lang]}>{children}</ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

export function useT(): TFunction {
  return useI18n().t;
}
