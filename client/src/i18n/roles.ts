/**
 * The one set of role names, used by every screen that names a role: sharing,
 * meeting links, the editor's badge, the join page, notifications and the audit
 * log. The catalogues of those screens take their role entries from here, so a
 * role is called the same everywhere ("Pembaca", never "Hanya baca" on one
 * screen and "pengamat" on another).
 */
const id = {
  owner: 'Pemilik',
  editor: 'Penyunting',
  commenter: 'Pemberi komentar',
  viewer: 'Pembaca',
} as const;

const en: Record<keyof typeof id, string> = {
  owner: 'Owner',
  editor: 'Editor',
  commenter: 'Commenter',
  viewer: 'Viewer',
};

export type RoleName = keyof typeof id;

/** Role names by language, capitalised (labels, badges, menus). */
export const ROLE_NAMES = { id, en } as const;

/** The same names in lower case, for use inside a sentence ("bergabung sebagai pembaca"). */
export function roleNamesLower(lang: 'id' | 'en'): Record<RoleName, string> {
  const names = ROLE_NAMES[lang];
  return {
    owner: names.owner.toLocaleLowerCase(lang),
    editor: names.editor.toLocaleLowerCase(lang),
    commenter: names.commenter.toLocaleLowerCase(lang),
    viewer: names.viewer.toLocaleLowerCase(lang),
  };
}
