import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import editorCommentsEn from '../editor/comments/i18n.en';
import editorCommentsId from '../editor/comments/i18n.id';
import { getLang, type Lang, setLang } from '../lib/prefs';
import adminEn from './admin.en';
import adminId from './admin.id';
import authEn from './auth.en';
import authId from './auth.id';
import discussionEn from './discussion.en';
import discussionId from './discussion.id';
import en from './en';
import id from './id';
import outputEn from './output.en';
import outputId from './output.id';

/**
 * i18next set up once at start-up. Namespaces: `translation` (this client's
 * catalogues), `output` (flowchart and print strings, owned by the output code),
 * `discussion` (comment threads), `editorComments` (comments in the editor),
 * `auth` (sign-in, setup, meeting-link join, account) and `admin` (administration,
 * sharing, SOP history, notifications).
 */
export function initI18n(): typeof i18n {
  void i18n.use(initReactI18next).init({
    resources: {
      id: {
        translation: id,
        output: outputId,
        discussion: discussionId,
        editorComments: editorCommentsId,
        auth: authId,
        admin: adminId,
      },
      en: {
        translation: en,
        output: outputEn,
        discussion: discussionEn,
        editorComments: editorCommentsEn,
        auth: authEn,
        admin: adminEn,
      },
    },
    lng: getLang(),
    fallbackLng: 'id',
    ns: ['translation', 'output', 'discussion', 'editorComments', 'auth', 'admin'],
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
