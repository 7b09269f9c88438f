import { ROLE_NAMES } from './roles';

/** English strings of the 'editorAccess' namespace (rights in the editor). */
export default {
  role: ROLE_NAMES.en,
  roleHint: {
    owner: 'You own this SOP.',
    editor: 'You can change this SOP.',
    commenter: 'You can comment and give verdicts, but not change the SOP’s content.',
    viewer: 'You can read this SOP, but not change or comment on it.',
  },
  refused:
    'Your changes were not saved: you can no longer edit this SOP. The latest version was reloaded from the server.',
  refusedLocked:
    'Your changes were not saved: this SOP is locked. The latest version was reloaded from the server.',
  refusedOther:
    'Your changes were not saved: the server refused them. The latest version was reloaded from the server.',
  command: {
    offline: 'Not connected to the server: this change was not sent. Try again once connected.',
    forbidden: 'You may not do this on this SOP.',
    unauthenticated: 'Your session ended. Sign in again to continue.',
    failed: 'Could not save: {{message}}',
  },
  closed: {
    forbidden: 'You have no access to this SOP.',
    unauthorized: 'Your session ended. Sign in again to open this SOP.',
  },
};
