import i18n, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { getLang, type Lang, setLang } from '../lib/prefs';
import adminEn from './admin.en';
import adminId from './admin.id';
import authEn from './auth.en';
import authId from './auth.id';
import catalogueEn from './catalogue.en';
import catalogueId from './catalogue.id';
import compareEn from './compare.en';
import compareId from './compare.id';
import discussionEn from './discussion.en';
import discussionId from './discussion.id';
import editorAccessEn from './editorAccess.en';
import editorAccessId from './editorAccess.id';
import editorCommentsEn from './editorComments.en';
import editorCommentsId from './editorComments.id';
import en from './en';
import guidedEn from './guided.en';
import guidedId from './guided.id';
import id from './id';
import lifecycleEn from './lifecycle.en';
import lifecycleId from './lifecycle.id';
import outputEn from './output.en';
import outputId from './output.id';
import reviewEn from './review.en';
import reviewId from './review.id';
import suggestionsEn from './suggestions.en';
import suggestionsId from './suggestions.id';

/**
 * Every catalogue of the client, by namespace: `translation` (list, editor, table),
 * `output` (flowchart and print), `discussion` (comment threads), `editorComments`
 * (comments in the editor), `editorAccess` (rights in the editor), `review` (review
 * sessions, versions, approval), `compare` (comparing and restoring versions), `auth`
 * (sign-in, setup, join, account), `admin` (administration, sharing, history,
 * notifications) and `suggestions` (suggestion mode). Role names come from
 * `./roles.ts` in all of them.
 */
export const CATALOGUES = {
  translation: { id, en },
  output: { id: outputId, en: outputEn },
  discussion: { id: discussionId, en: discussionEn },
  editorComments: { id: editorCommentsId, en: editorCommentsEn },
  editorAccess: { id: editorAccessId, en: editorAccessEn },
  review: { id: reviewId, en: reviewEn },
  compare: { id: compareId, en: compareEn },
  auth: { id: authId, en: authEn },
  admin: { id: adminId, en: adminEn },
  suggestions: { id: suggestionsId, en: suggestionsEn },
  catalogue: { id: catalogueId, en: catalogueEn },
  lifecycle: { id: lifecycleId, en: lifecycleEn },
  guided: { id: guidedId, en: guidedEn },
} as const;

export type Namespace = keyof typeof CATALOGUES;

/**
 * Adds namespace `ns` to an i18next instance unless it is there (idempotent). The
 * app registers everything at start-up; components call this through their hooks
 * so they also work under an instance made elsewhere (unit tests, other hosts).
 */
export function ensureNamespace(inst: I18n, ns: Namespace): void {
  const cat = CATALOGUES[ns];
  if (!inst.hasResourceBundle('id', ns)) inst.addResourceBundle('id', ns, cat.id, true, false);
  if (!inst.hasResourceBundle('en', ns)) inst.addResourceBundle('en', ns, cat.en, true, false);
}

/** i18next set up once at start-up, with every namespace. */
export function initI18n(): typeof i18n {
  const names = Object.keys(CATALOGUES) as Namespace[];
  const resources = (lang: Lang) =>
    Object.fromEntries(names.map((ns) => [ns, CATALOGUES[ns][lang]]));
  void i18n.use(initReactI18next).init({
    resources: { id: resources('id'), en: resources('en') },
    lng: getLang(),
    fallbackLng: 'id',
    ns: names,
    defaultNS: 'translation',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18n.language;
  return i18n;
}

/** Switches the UI language and remembers it. */
export function changeLanguage(lang: Lang): void {
  setLang(lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}
