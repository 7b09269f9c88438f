/** Bahasa Indonesia strings of the 'editorComments' namespace (comments mounted in the editor). */
export default {
  toggle: 'Komentar',
  toggleCount_one: 'Komentar ({{count}} terbuka)',
  toggleCount_other: 'Komentar ({{count}} terbuka)',
  onSelection: 'Komentari teks terpilih',
  onSelectionHint: 'Pilih teks dulu untuk mengomentarinya',
} as const;
