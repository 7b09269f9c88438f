/** English strings of the 'editorComments' namespace (comments mounted in the editor). */
export default {
  toggle: 'Comments',
  toggleCount_one: 'Comments ({{count}} open)',
  toggleCount_other: 'Comments ({{count}} open)',
  onSelection: 'Comment on selected text',
  onSelectionHint: 'Select some text first to comment on it',
} as const;
