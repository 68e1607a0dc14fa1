// i18next with the console's two catalogs; flat keys (explanation codes contain dots), the chosen
// language remembered in localStorage and set on <html lang>.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { initialLanguage, LANGUAGE_STORAGE_KEY, type Language } from '../lib/language.js';
import { en } from './en.js';
import { it } from './it.js';

function stored(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

export async function startI18n(): Promise<void> {
  const lng = initialLanguage(stored(), navigator.languages ?? [navigator.language]);
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    resources: { it: { translation: it }, en: { translation: en } },
    keySeparator: false,
    nsSeparator: false,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
}

export async function switchLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
}
